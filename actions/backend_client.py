"""The action server's client of the backend's internal API."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx

from actions.config import load_settings

log = logging.getLogger(__name__)


class BackendUnavailable(Exception):
    """The backend could not store the answers; the dialogue keeps them and retries later."""


_client: httpx.AsyncClient | None = None


def _backend() -> httpx.AsyncClient:
    """One pooled client for the action server's lifetime (it runs a single event loop)."""
    global _client
    if _client is None:
        settings = load_settings()
        _client = httpx.AsyncClient(
            base_url=settings.backend_url,
            timeout=settings.timeout_seconds,
            headers={"Authorization": f"Bearer {settings.internal_api_token}"},
        )
    return _client


async def submit_intake(
    conversation_id: str,
    language: str,
    answers: list[dict[str, Any]],
    complete: bool,
    help_requested: bool = False,
) -> dict[str, Any]:
    body = {
        "conversation_id": conversation_id,
        "language": language,
        "answers": answers,
        "complete": complete,
        "help_requested": help_requested,
    }
    try:
        response = await _backend().post("/api/internal/intakes", json=body)
        response.raise_for_status()
    except httpx.HTTPStatusError as exc:
        # The backend's message names the question, never the answer: safe to log.
        log.warning("Submitting intake failed: %s %s", exc, exc.response.text[:300])
        raise BackendUnavailable(str(exc)) from exc
    except httpx.HTTPError as exc:
        log.warning("Submitting intake failed: %s", exc)
        raise BackendUnavailable(str(exc)) from exc
    result: dict[str, Any] = response.json()
    return result


# Saving the answers after every turn happens off the turn's critical path: the person does not
# wait for it. Per conversation one save runs at a time and the newest answer set wins, so
# saves arrive in order and a burst of turns costs one request. Nothing is lost if a save
# fails: the answers stay in the conversation and every later save sends all of them again.
_pending: dict[str, dict[str, Any]] = {}
_running: dict[str, asyncio.Task[None]] = {}


def save_in_background(
    conversation_id: str, language: str, answers: list[dict[str, Any]], help_requested: bool = False
) -> None:
    previous = _pending.get(conversation_id)
    help_requested = help_requested or bool(previous and previous["help_requested"])
    _pending[conversation_id] = {"language": language, "answers": answers, "help_requested": help_requested}
    if conversation_id not in _running:
        _running[conversation_id] = asyncio.create_task(_drain(conversation_id))


async def _drain(conversation_id: str) -> None:
    try:
        while conversation_id in _pending:
            body = _pending.pop(conversation_id)
            try:
                await submit_intake(conversation_id, complete=False, **body)
            except BackendUnavailable:
                log.warning("Saving partial answers failed; they stay in the conversation and are sent later")
    finally:
        _running.pop(conversation_id, None)


async def saves_finished(conversation_id: str) -> None:
    """Wait for a background save of this conversation (before the final submission)."""
    task = _running.get(conversation_id)
    if task is not None:
        await asyncio.shield(task)


async def appointment_call(path: str, conversation_id: str, **fields: Any) -> dict[str, Any]:
    """POST to the backend's appointment endpoints (offer, book, cancel)."""
    try:
        response = await _backend().post(
            f"/api/internal/appointments/{path}", json={"conversation_id": conversation_id, **fields}
        )
        response.raise_for_status()
    except httpx.HTTPError as exc:
        log.warning("Appointment call %s failed: %s", path, exc)
        raise BackendUnavailable(str(exc)) from exc
    result: dict[str, Any] = response.json()
    return result
