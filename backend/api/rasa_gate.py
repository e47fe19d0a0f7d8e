"""The way from the chat gateway to Rasa, built so that the backend never stalls under load.

A chat turn waits for Rasa, and while it waits Rasa calls back into this backend: for every
text (the NLG endpoint) and for every save or booking (the action server's internal API). If
the waiting turns held worker threads, the callbacks could find none left and every turn would
hang until its timeout. So:
- the wait for Rasa holds no thread: one shared `httpx.AsyncClient` on the event loop;
- the short database work before and after a turn runs on threads of its own (`database`),
  never on the default pool that the internal endpoints use;
- at most `chat_turns_in_flight` turns are at Rasa at once, a bounded line waits behind them,
  and when the line is full (or a turn waited too long) the person is told at once, in their
  language, to send again: back-pressure instead of a silent wait.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Annotated, Any, TypeVar

import anyio
import anyio.to_thread
import httpx
from fastapi import Depends, Request

from backend.config import Settings
from backend.errors import Busy, ServiceUnavailable
from backend.nlg.texts import UI_TEXTS

log = logging.getLogger(__name__)
T = TypeVar("T")


class RasaGate:
    """Made once per running app (in its lifespan): its client and semaphore belong to one event loop."""

    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.rasa_url,
            timeout=settings.rasa_timeout_seconds,
            # One connection per turn that may be at Rasa, so no turn waits for a connection.
            limits=httpx.Limits(max_connections=settings.chat_turns_in_flight, max_keepalive_connections=None),
        )
        self._in_flight = asyncio.Semaphore(settings.chat_turns_in_flight)
        self._max_waiting = settings.chat_turns_waiting
        self._max_wait_seconds = settings.chat_turn_wait_seconds
        self._waiting = 0
        self.database = anyio.CapacityLimiter(settings.chat_database_threads)

    async def close(self) -> None:
        await self._client.aclose()

    async def run_in_thread(self, function: Callable[..., T], *args: Any) -> T:
        """Blocking database work for a chat turn, on the chat's own threads."""
        return await anyio.to_thread.run_sync(function, *args, limiter=self.database)

    @asynccontextmanager
    async def turn(self, language: str) -> AsyncIterator[None]:
        """A place among the turns at Rasa, or `Busy` (in the person's language) at once when the
        line is full, or after `chat_turn_wait_seconds` in line."""
        if self._in_flight.locked() and self._waiting >= self._max_waiting:
            raise Busy(UI_TEXTS["busy"], language=language)
        self._waiting += 1
        try:
            async with asyncio.timeout(self._max_wait_seconds):
                await self._in_flight.acquire()
        except TimeoutError:
            raise Busy(UI_TEXTS["busy"], language=language) from None
        finally:
            self._waiting -= 1
        try:
            yield
        finally:
            self._in_flight.release()

    async def ask(
        self, sender: str, text: str, language: str, metadata: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """Rasa's replies to one message (its REST channel). `metadata` travels with the message
        into the tracker, where the action server reads it (who assisted when it was typed)."""
        body: dict[str, Any] = {"sender": sender, "message": text}
        if metadata is not None:
            body["metadata"] = metadata
        try:
            response = await self._client.post("/webhooks/rest/webhook", json=body)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            log.warning("Rasa did not answer: %r", exc)
            raise ServiceUnavailable(language=language) from exc
        result = response.json()
        return result if isinstance(result, list) else []


async def _rasa_gate(request: Request) -> RasaGate:
    # async: a plain lookup must not take a worker thread for itself.
    gate: RasaGate = request.app.state.rasa_gate
    return gate


RasaGateDep = Annotated[RasaGate, Depends(_rasa_gate)]
