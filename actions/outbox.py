"""The action server's outbox: every save to the backend is written here first, then delivered.

A save that cannot be delivered now (the backend restarts, refuses for a while, the network
fails) waits in this SQLite file and is retried with a growing delay until the backend took it,
also after the action server itself was killed. The backend stores each save exactly once: it
knows the save's sequence number, ignores an older one than it has, and an equal one changes
nothing (backend/intakes.py).

One deliverer per outbox file (a file lock), in a thread of its own with its own event loop, so
that delivering never waits on a turn and a turn never waits on delivering. The saves of one
conversation go in order; runs of saves typed with the same helper are sent as one (each save
holds all answers so far), the flags of the skipped ones carried along.

The file holds answers until they are delivered: it lives in the project's `var/` folder (a
volume in production) and rows are deleted the moment the backend confirmed them.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import itertools
import json
import logging
import random
import sqlite3
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import httpx

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS save (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at REAL NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL,
    refused TEXT
);
CREATE INDEX IF NOT EXISTS save_by_conversation ON save (conversation_id, sequence, id);
CREATE INDEX IF NOT EXISTS save_due ON save (next_attempt_at) WHERE refused IS NULL;
"""

# Delivery: how often the deliverer looks for due saves when nobody woke it, how many
# conversations it delivers at once, and the first delay after a failure (doubling each time).
POLL_SECONDS = 0.25
PARALLEL_CONVERSATIONS = 16
FIRST_RETRY_SECONDS = 0.5
# While the backend refuses the internal token: an error in the log at once and then this often
# (not a warning per try, which nobody reads), until a save is taken again.
TOKEN_REPORT_EVERY_SECONDS = 300.0


class RowState(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"  # the backend confirmed it (the row is gone)
    REFUSED = "refused"  # the backend can never take it (kept for a person to look at)


class Delivery(StrEnum):
    DELIVERED = "delivered"
    RETRY = "retry"
    REFUSED = "refused"
    GONE = "gone"  # the conversation was erased: the save is dropped, never kept or retried
    # 401/403: the backend does not take this server's internal token (the two were started with
    # different INTAKE_INTERNAL_API_TOKENs). Retried like a failure, and reported as an error.
    NOT_ALLOWED = "not_allowed"


@dataclass(frozen=True)
class Batch:
    """Saves of one conversation sent as one: the newest body, the flags of all."""

    ids: list[int]
    body: dict[str, Any]


class Outbox:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=10.0, isolation_level=None)
        try:
            # WAL: a committed save survives a kill -9 of this process; readers do not block the writer.
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(SCHEMA)
        finally:
            conn.close()
        # One connection per thread (the Sanic loop's and the deliverer's), kept open: opening one
        # on every call was a fifth of the action server's CPU per turn. SQLite connections must
        # not be shared between threads; each use is its own transaction, as before.
        self._local = threading.local()

    def _thread_connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=10.0, isolation_level=None)
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
        return conn

    @contextlib.contextmanager
    def _connection(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        conn = self._thread_connection()
        conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                # The connection itself failed: the next use of this thread opens a new one.
                self._local.conn = None
                conn.close()
            raise

    def add(self, conversation_id: str, sequence: int, body: dict[str, Any]) -> int:
        now = time.time()
        with self._connection(write=True) as conn:
            cursor = conn.execute(
                "INSERT INTO save (conversation_id, sequence, body, created_at, next_attempt_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (conversation_id, sequence, json.dumps(body, ensure_ascii=False), now, now),
            )
            row_id = cursor.lastrowid
        assert row_id is not None
        return row_id

    def state(self, row_id: int) -> RowState:
        with self._connection() as conn:
            row = conn.execute("SELECT refused FROM save WHERE id = ?", (row_id,)).fetchone()
        if row is None:
            return RowState.DELIVERED
        return RowState.REFUSED if row[0] is not None else RowState.PENDING

    def pending(self, conversation_id: str | None = None) -> int:
        """Saves waiting for delivery (of one conversation, or all)."""
        query = "SELECT count(*) FROM save WHERE refused IS NULL"
        params: tuple[str, ...] = ()
        if conversation_id is not None:
            query += " AND conversation_id = ?"
            params = (conversation_id,)
        with self._connection() as conn:
            count: int = conn.execute(query, params).fetchone()[0]
        return count

    def due_conversations(self, now: float) -> list[str]:
        with self._connection() as conn:
            rows = conn.execute(
                "SELECT DISTINCT conversation_id FROM save WHERE refused IS NULL AND next_attempt_at <= ?", (now,)
            ).fetchall()
        return [r[0] for r in rows]

    def next_batch(self, conversation_id: str) -> Batch | None:
        """The conversation's oldest saves typed with the same helper, as one save."""
        with self._connection() as conn:
            rows = conn.execute(
                "SELECT id, body FROM save WHERE conversation_id = ? AND refused IS NULL ORDER BY sequence, id",
                (conversation_id,),
            ).fetchall()
        if not rows:
            return None
        bodies = [(row_id, json.loads(text)) for row_id, text in rows]
        helper = bodies[0][1].get("typed_with")
        run = list(itertools.takewhile(lambda row: row[1].get("typed_with") == helper, bodies))
        merged = dict(run[-1][1])
        # Never taken back: a flag of a skipped save must reach the backend with the newest one.
        merged["complete"] = any(body.get("complete") for _, body in run)
        merged["help_requested"] = any(body.get("help_requested") for _, body in run)
        return Batch(ids=[row_id for row_id, _ in run], body=merged)

    def delivered(self, ids: list[int]) -> None:
        with self._connection(write=True) as conn:
            conn.executemany("DELETE FROM save WHERE id = ?", [(i,) for i in ids])

    def refused(self, ids: list[int], reason: str) -> None:
        with self._connection(write=True) as conn:
            conn.executemany("UPDATE save SET refused = ? WHERE id = ?", [(reason[:500], i) for i in ids])

    def retry_later(self, conversation_id: str, max_delay_seconds: float) -> float:
        """After a failed delivery: the conversation's saves wait a growing delay. Returns it."""
        with self._connection(write=True) as conn:
            attempts: int = conn.execute(
                "SELECT coalesce(max(attempts), 0) + 1 FROM save WHERE conversation_id = ? AND refused IS NULL",
                (conversation_id,),
            ).fetchone()[0]
            delay: float = min(max_delay_seconds, FIRST_RETRY_SECONDS * 2.0 ** (attempts - 1))
            delay *= random.uniform(0.8, 1.2)  # noqa: S311 - jitter (not all retry at once), no secret
            conn.execute(
                "UPDATE save SET attempts = ?, next_attempt_at = ? WHERE conversation_id = ? AND refused IS NULL",
                (attempts, time.time() + delay, conversation_id),
            )
        return delay


Send = Callable[[dict[str, Any]], Awaitable[tuple[Delivery, str]]]


class Deliverer:
    """Delivers the outbox in a thread of its own, for as long as the process runs."""

    def __init__(self, outbox: Outbox, make_send: Callable[[], Send], max_delay_seconds: float) -> None:
        self.outbox = outbox
        self._make_send = make_send
        self._max_delay_seconds = max_delay_seconds
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wakeup: asyncio.Event | None = None
        self._delivering: set[str] = set()
        self._started = False
        self._start_lock = threading.Lock()
        # Since when the backend refuses this server's internal token (None: it takes it).
        self.token_refused_since: float | None = None
        self._token_reported_at: float | None = None

    def start(self) -> None:
        with self._start_lock:
            if self._started:
                return
            self._started = True
        threading.Thread(target=lambda: asyncio.run(self._main()), name="outbox-deliverer", daemon=True).start()

    def wake(self) -> None:
        """A save was added: look now rather than at the next poll (from any thread)."""
        loop, wakeup = self._loop, self._wakeup
        if loop is not None and wakeup is not None:
            loop.call_soon_threadsafe(wakeup.set)

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._wakeup = asyncio.Event()
        # One deliverer per file, also when the action server runs several worker processes:
        # the others wait here and take over when its process ends (the lock goes with it).
        lock_file = self.outbox.path.with_suffix(".lock").open("w")
        while True:
            try:
                fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                await asyncio.sleep(2.0)
        send = self._make_send()
        waiting = self.outbox.pending()
        if waiting:
            log.info("Outbox: %d saves waiting from before; delivering them", waiting)
        tasks: set[asyncio.Task[None]] = set()
        while True:
            try:
                for conversation_id in self.outbox.due_conversations(time.time()):
                    if conversation_id in self._delivering or len(self._delivering) >= PARALLEL_CONVERSATIONS:
                        continue
                    self._delivering.add(conversation_id)
                    task = asyncio.create_task(self._deliver(conversation_id, send))
                    tasks.add(task)
                    task.add_done_callback(tasks.discard)
            except sqlite3.Error:
                log.exception("Outbox: reading the file failed; trying again")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wakeup.wait(), POLL_SECONDS)
            self._wakeup.clear()

    async def _deliver(self, conversation_id: str, send: Send) -> None:
        try:
            while (batch := self.outbox.next_batch(conversation_id)) is not None:
                outcome, detail = await send(batch.body)
                if outcome == Delivery.NOT_ALLOWED:
                    self._token_refused(detail)
                    self.outbox.retry_later(conversation_id, self._max_delay_seconds)
                    return
                if outcome != Delivery.RETRY:
                    self._token_taken()
                if outcome == Delivery.DELIVERED:
                    self.outbox.delivered(batch.ids)
                elif outcome == Delivery.GONE:
                    # The person's data was erased (or deleted by retention) while this waited:
                    # their answers must not stay in this file either.
                    log.info("Outbox: %d saves of a deleted conversation dropped", len(batch.ids))
                    self.outbox.delivered(batch.ids)
                elif outcome == Delivery.REFUSED:
                    # Retrying cannot help (the backend says the save itself is wrong): kept, not retried.
                    log.error("Outbox: the backend refused a save for good (%s); kept in %s", detail, self.outbox.path)
                    self.outbox.refused(batch.ids, detail)
                else:
                    delay = self.outbox.retry_later(conversation_id, self._max_delay_seconds)
                    log.warning("Outbox: saving failed (%s); trying again in %.1f s", detail, delay)
                    return
        except Exception:
            log.exception("Outbox: delivering failed; trying again")
            with contextlib.suppress(Exception):
                self.outbox.retry_later(conversation_id, self._max_delay_seconds)
        finally:
            self._delivering.discard(conversation_id)
            if self._wakeup is not None:
                self._wakeup.set()  # saves added while this one was on its way

    def _token_refused(self, detail: str) -> None:
        now = time.time()
        if self.token_refused_since is None:
            self.token_refused_since = now
        if self._token_reported_at is None or now - self._token_reported_at >= TOKEN_REPORT_EVERY_SECONDS:
            self._token_reported_at = now
            log.error(
                "Outbox: the backend refuses this action server's internal token (%s), for %.0f s now; %d saves"
                " wait in %s. Start the backend and the action server with the same INTAKE_INTERNAL_API_TOKEN:"
                " they are delivered as soon as it is taken.",
                detail,
                now - self.token_refused_since,
                self.outbox.pending(),
                self.outbox.path,
            )

    def _token_taken(self) -> None:
        if self.token_refused_since is not None:
            log.warning("Outbox: the backend takes the internal token again; delivering the saves that waited")
        self.token_refused_since = self._token_reported_at = None


def classify(response: httpx.Response) -> tuple[Delivery, str]:
    """What a response of the backend means for a save."""
    status = response.status_code
    if response.is_success:
        return Delivery.DELIVERED, str(status)
    if status == 410:
        return Delivery.GONE, str(status)
    # The backend names the question, never the answer, in its messages: safe to keep and log.
    detail = f"{status} {response.text[:300]}"
    if status in (401, 403):  # a wrong token: a configuration to fix, the save waits for it
        return Delivery.NOT_ALLOWED, detail
    # A request the backend will never take: malformed, too large, an unknown question. Not a
    # limit (408, 429): those pass.
    if 400 <= status < 500 and status not in (408, 425, 429):
        return Delivery.REFUSED, detail
    return Delivery.RETRY, detail


def http_sender(client_factory: Callable[[], httpx.AsyncClient]) -> Callable[[], Send]:
    """The real delivery: POST to the backend's internal API, with a client made in the deliverer's loop."""

    def make() -> Send:
        client = client_factory()

        async def send(body: dict[str, Any]) -> tuple[Delivery, str]:
            try:
                response = await client.post("/api/internal/intakes", json=body)
            except httpx.HTTPError as exc:
                return Delivery.RETRY, repr(exc)
            return classify(response)

        return send

    return make
