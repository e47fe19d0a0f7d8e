"""The outbox keeps one SQLite connection per thread (actions/outbox.py): the turn's thread and the
deliverer's thread add and deliver at the same time without losing or repeating a save, a
failed transaction leaves the connection usable, and a second process sees every commit."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from actions.outbox import Outbox, RowState


def body(sequence: int) -> dict[str, Any]:
    return {"conversation_id": "c" * 40, "answers": [{"question_id": "full_name", "value": str(sequence)}]}


def test_adding_and_delivering_in_two_threads_at_once_loses_and_repeats_nothing(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    added: list[int] = []
    delivered: list[int] = []
    done = threading.Event()

    def turns() -> None:  # as the Sanic loop: one save per turn
        for sequence in range(300):
            added.append(outbox.add("c", sequence, body(sequence)))
        done.set()

    def deliverer() -> None:  # as the deliverer's thread: takes what is there, in order
        while not (done.is_set() and outbox.pending() == 0):
            batch = outbox.next_batch("c")
            if batch is not None:
                delivered.extend(batch.ids)
                outbox.delivered(batch.ids)

    threads = [threading.Thread(target=turns), threading.Thread(target=deliverer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert delivered == added and len(added) == 300
    assert all(outbox.state(row) == RowState.DELIVERED for row in added)


def test_each_thread_has_its_own_connection_kept_between_calls(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    outbox.pending()
    mine = outbox._thread_connection()
    assert outbox._thread_connection() is mine  # kept, not opened again
    other: list[sqlite3.Connection] = []
    thread = threading.Thread(target=lambda: other.append(outbox._thread_connection()))
    thread.start()
    thread.join()
    assert other[0] is not mine


def test_a_failed_transaction_is_rolled_back_and_the_connection_still_works(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    with pytest.raises(RuntimeError), outbox._connection(write=True) as conn:
        columns = "conversation_id, sequence, body, created_at, next_attempt_at"
        conn.execute(f"INSERT INTO save ({columns}) VALUES ('c', 1, '{{}}', 0, 0)")  # noqa: S608 - constants
        raise RuntimeError("the turn failed halfway")
    assert outbox.pending() == 0  # rolled back
    row = outbox.add("c", 2, body(2))
    assert outbox.state(row) == RowState.PENDING


def test_another_process_sees_a_save_as_soon_as_add_returns(tmp_path: Path) -> None:
    # What a restarted action server (or a second worker's deliverer) finds: the commit is on disk
    # although this process keeps its connection open.
    path = tmp_path / "outbox.sqlite3"
    outbox = Outbox(path)
    outbox.add("c", 1, body(1))
    count = "sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM save').fetchone()[0]"
    script = f"import sqlite3, sys; print({count})"
    seen = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True)
    assert seen.stdout.strip() == "1"
