"""The chat gateway under load: it waits for Rasa without holding worker threads, and when it is
full it says so at once, in the person's language.

The real backend runs in uvicorn (its real event loop and thread pool) against the test
PostgreSQL database. A slow stand-in for Rasa's REST channel, served over HTTP too, does what
Rasa does during a turn: it calls the backend's NLG endpoint and an internal endpoint (which
needs a worker thread and the database) before it answers. When gateway turns held threads,
more turns than the pool has threads left none for these calls, and every turn hung until the
gateway's timeout.
"""

from __future__ import annotations

import asyncio
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
import uvicorn
from sqlalchemy import update
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from backend.config import get_settings
from backend.db import session_scope
from backend.main import create_app
from backend.models import Conversation
from backend.nlg.texts import RESPONSES, UI_TEXTS
from backend.security import token_hash
from locales import translate

NLG_RESPONSE = "utter_privacy_needed"
# The worker threads of the backend's pool (the backend leaves AnyIO's default limiter as it is).
ANYIO_DEFAULT_THREADS = 40


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def _serving(app: Starlette, port: int) -> Iterator[str]:
    """Serve an ASGI app with uvicorn in a thread of this process, until the block ends."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(15)


class SlowRasa:
    """Rasa's REST channel, slowly: NLG and internal calls back into the backend, then a pause."""

    def __init__(self, pause_seconds: float) -> None:
        self.pause_seconds = pause_seconds
        self.backend_url = ""
        self.in_progress = 0
        self.most_at_once = 0
        self.callback_seconds: list[float] = []
        self.app = Starlette(routes=[Route("/webhooks/rest/webhook", self.webhook, methods=["POST"])])
        self._backend: httpx.AsyncClient | None = None

    def backend(self) -> httpx.AsyncClient:
        """One client, made on the stand-in's own event loop (like Rasa's pooled session)."""
        if self._backend is None:
            headers = {"Authorization": f"Bearer {os.environ['INTAKE_INTERNAL_API_TOKEN']}"}
            limits = httpx.Limits(max_connections=None)
            self._backend = httpx.AsyncClient(base_url=self.backend_url, headers=headers, timeout=30, limits=limits)
        return self._backend

    async def webhook(self, request: Request) -> JSONResponse:
        sender = (await request.json())["sender"]
        self.in_progress += 1
        self.most_at_once = max(self.most_at_once, self.in_progress)
        try:
            started = time.perf_counter()
            text = await self.backend().post("/nlg", json={"response": NLG_RESPONSE, "tracker": {"slots": {}}})
            # The action server's kind of call: a worker thread and the database (no intake: 404).
            offer = await self.backend().post("/api/internal/appointments/offer", json={"conversation_id": sender})
            self.callback_seconds.append(time.perf_counter() - started)
            assert text.status_code == 200 and offer.status_code == 404
            await asyncio.sleep(self.pause_seconds)
        finally:
            self.in_progress -= 1
        return JSONResponse([{"recipient_id": sender, "text": text.json()["text"]}])


@contextmanager
def _system(monkeypatch: pytest.MonkeyPatch, rasa: SlowRasa, **settings: str) -> Iterator[str]:
    """The stand-in Rasa and the real backend (with these settings) serving; yields the backend URL."""
    backend_port = _free_port()
    rasa.backend_url = f"http://127.0.0.1:{backend_port}"
    with _serving(rasa.app, _free_port()) as rasa_url:
        monkeypatch.setenv("INTAKE_RASA_URL", rasa_url)
        for name, value in settings.items():
            monkeypatch.setenv(f"INTAKE_{name.upper()}", value)
        get_settings.cache_clear()
        try:
            with _serving(create_app(), backend_port) as backend_url:
                yield backend_url
        finally:
            monkeypatch.undo()
            get_settings.cache_clear()


def _new_conversation(backend_url: str, language: str | None = None) -> str:
    conversation_id: str = httpx.post(f"{backend_url}/api/chat/conversations").json()["conversation_id"]
    if language is not None:
        with session_scope() as session:
            session.execute(
                update(Conversation)
                .where(Conversation.token_hash == token_hash(conversation_id))
                .values(language=language)
            )
    return conversation_id


async def _send(client: httpx.AsyncClient, conversation_id: str, text: str) -> tuple[httpx.Response, float]:
    started = time.perf_counter()
    response = await client.post(f"/api/chat/conversations/{conversation_id}/messages", json={"text": text})
    return response, time.perf_counter() - started


def test_turns_beyond_the_thread_pool_all_complete_and_rasa_callbacks_stay_fast(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    turns = ANYIO_DEFAULT_THREADS + 20
    # Long enough for all turns to arrive at Rasa before the first one is answered.
    rasa = SlowRasa(pause_seconds=3.0)
    # Every turn at Rasa at once: no gate in front of it, so only the threads could hold turns back.
    with _system(monkeypatch, rasa, chat_turns_in_flight=str(turns)) as backend_url:
        conversations = [_new_conversation(backend_url) for _ in range(turns)]

        async def run() -> tuple[list[tuple[httpx.Response, float]], float]:
            limits = httpx.Limits(max_connections=turns + 5)
            async with httpx.AsyncClient(base_url=backend_url, timeout=15, limits=limits) as client:
                sent = [asyncio.create_task(_send(client, c, "hello")) for c in conversations]
                while rasa.in_progress < turns // 2:  # the turns are at Rasa now
                    await asyncio.sleep(0.01)
                # Rasa's NLG call, made while the turns wait: it must not queue behind them.
                started = time.perf_counter()
                nlg = await client.post(
                    "/nlg",
                    json={"response": NLG_RESPONSE, "tracker": {"slots": {}}},
                    headers={"Authorization": f"Bearer {os.environ['INTAKE_INTERNAL_API_TOKEN']}"},
                )
                nlg_seconds = time.perf_counter() - started
                assert nlg.status_code == 200
                return await asyncio.gather(*sent), nlg_seconds

        started = time.perf_counter()
        results, nlg_seconds = asyncio.run(run())
        elapsed = time.perf_counter() - started

    assert [r.status_code for r, _ in results] == [200] * turns
    expected = translate("en", RESPONSES[NLG_RESPONSE].text)
    assert all(r.json()["messages"][0]["text"] == expected for r, _ in results)
    # Turns that hold a thread while they wait can never be more than the threads at Rasa at once.
    assert rasa.most_at_once > ANYIO_DEFAULT_THREADS
    # Bounds for a busy test machine; turns that held threads made these calls wait for the
    # gateway's timeout (20 s), and at most 40 turns reached Rasa.
    assert nlg_seconds < 1.5, f"an NLG call waited {nlg_seconds:.1f} s behind the chat turns"
    assert max(rasa.callback_seconds) < 5.0, f"Rasa's calls back waited up to {max(rasa.callback_seconds):.1f} s"
    assert elapsed < 12.0, f"{turns} turns of 3 s at Rasa took {elapsed:.1f} s"


def test_a_full_gateway_answers_at_once_in_the_persons_language(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    rasa = SlowRasa(pause_seconds=3.0)
    settings = {"chat_turns_in_flight": "1", "chat_turns_waiting": "1", "chat_turn_wait_seconds": "1"}
    with _system(monkeypatch, rasa, **settings) as backend_url:
        first, second, third = (_new_conversation(backend_url, language="ar") for _ in range(3))

        async def run() -> list[tuple[httpx.Response, float]]:
            async with httpx.AsyncClient(base_url=backend_url, timeout=15) as client:
                at_rasa = asyncio.create_task(_send(client, first, "hello"))
                while rasa.in_progress < 1:
                    await asyncio.sleep(0.01)
                in_line = asyncio.create_task(_send(client, second, "hello"))
                await asyncio.sleep(0.2)
                line_full = await _send(client, third, "hello")
                return [await at_rasa, await in_line, line_full]

        (done, _), (waited, waited_seconds), (refused, refused_seconds) = asyncio.run(run())

    busy = translate("ar", UI_TEXTS["busy"])
    assert busy != UI_TEXTS["busy"]  # the Arabic catalog has it
    assert done.status_code == 200
    # The line is full: refused at once. In line too long: refused after the wait, not at Rasa's pace.
    assert refused.status_code == 503 and refused_seconds < 0.5
    assert 1.0 <= waited_seconds < 2.0 and waited.status_code == 503
    for response in (refused, waited):
        assert response.json()["detail"] == busy
        assert int(response.headers["Retry-After"]) > 0
    assert rasa.most_at_once == 1
