"""The action server's client of the backend's internal API."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import httpx
from rasa_sdk import Tracker

from actions.config import load_settings
from actions.outbox import Deliverer, Outbox, RowState, http_sender

log = logging.getLogger(__name__)


class BackendUnavailable(Exception):
    """The backend did not answer an appointment call; the person is told and can try again."""


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


# Saving the answers happens off the turn's critical path: the person does not wait for it.
# Every save is written to the outbox first (actions/outbox.py), then delivered in order per
# conversation by the deliverer, and retried until the backend took it, also after a restart of
# the backend or of this server. Each save holds all answers so far.
_deliverer: Deliverer | None = None


def deliverer() -> Deliverer:
    """The outbox and its deliverer, started on first use (and at start-up, see __init__.py)."""
    global _deliverer
    if _deliverer is None:
        settings = load_settings()
        outbox = Outbox(settings.outbox_path)

        def client() -> httpx.AsyncClient:
            return httpx.AsyncClient(
                base_url=settings.backend_url,
                timeout=settings.timeout_seconds,
                headers={"Authorization": f"Bearer {settings.internal_api_token}"},
            )

        _deliverer = Deliverer(outbox, http_sender(client), settings.outbox_max_retry_seconds)
    _deliverer.start()
    return _deliverer


def save_sequence(tracker: Tracker) -> int:
    """Numbers the saves of a conversation in the order the person gave the answers: the time
    Rasa took the person's latest message (in milliseconds), then the events since it (a save
    later in the same turn has seen more of them). Rasa handles one message of a conversation at
    a time, so the number only grows; unlike a count of events it does not start again when Rasa
    begins a new session (which loads fewer events)."""
    events = list(tracker.events or [])
    users = [i for i, event in enumerate(events) if event.get("event") == "user"]
    latest = users[-1] if users else len(events) - 1
    moment = float(events[latest].get("timestamp") or time.time()) if events else time.time()
    after = len(events) - 1 - latest if events else 0
    return int(moment * 1000) * 1000 + min(after, 999)


def typed_with(tracker: Tracker) -> dict[str, Any] | None:
    """Who assisted when the person typed the latest message, as the chat gateway handed it to
    Rasa; None when the message did not come through the gateway (the backend then takes who
    assists now)."""
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    if not isinstance(metadata, dict) or "assisted_by" not in metadata:
        return None
    volunteer = metadata["assisted_by"]
    return {"volunteer_id": volunteer if isinstance(volunteer, int) else None}


def _queue(
    tracker: Tracker, language: str, answers: list[dict[str, Any]], complete: bool, help_requested: bool
) -> tuple[Deliverer, int]:
    body = {
        "conversation_id": tracker.sender_id,
        "language": language,
        "answers": answers,
        "complete": complete,
        "help_requested": help_requested,
        "sequence": save_sequence(tracker),
        "typed_with": typed_with(tracker),
    }
    if body["typed_with"] is None:
        del body["typed_with"]
    outbox_deliverer = deliverer()
    row = outbox_deliverer.outbox.add(tracker.sender_id, body["sequence"], body)
    outbox_deliverer.wake()
    return outbox_deliverer, row


def save_in_background(
    tracker: Tracker, language: str, answers: list[dict[str, Any]], help_requested: bool = False
) -> None:
    """Save the answers so far: kept in the outbox at once, delivered beside the conversation."""
    _queue(tracker, language, answers, complete=False, help_requested=help_requested)


async def save_and_confirm(
    tracker: Tracker, language: str, answers: list[dict[str, Any]], complete: bool, help_requested: bool = False
) -> bool:
    """Save through the outbox, after the conversation's earlier saves, and wait (a few seconds
    at most) for the backend's confirmation. False: not confirmed yet; the save stays in the
    outbox and is delivered as soon as the backend takes it, so the person may be told only that."""
    outbox_deliverer, row = _queue(tracker, language, answers, complete, help_requested)
    deadline = time.monotonic() + load_settings().confirm_seconds
    while True:
        state = outbox_deliverer.outbox.state(row)
        if state != RowState.PENDING or time.monotonic() >= deadline:
            return state == RowState.DELIVERED
        await asyncio.sleep(0.05)


# Reading the answers given in the web form is on the turn's path: a short wait at most, and a
# backend that does not answer only means the chat does not learn them on this turn.
FORM_ANSWERS_TIMEOUT_SECONDS = 2.0


async def answers_from_form(conversation_id: str) -> list[dict[str, Any]]:
    """The answers last given in the web form for this conversation (backend/intakes.py
    `form_answers`), oldest first; none when the backend does not answer."""
    try:
        response = await _backend().get(
            f"/api/internal/conversations/{conversation_id}/form-answers", timeout=FORM_ANSWERS_TIMEOUT_SECONDS
        )
        response.raise_for_status()
        answers: list[dict[str, Any]] = response.json()["answers"]
    except (httpx.HTTPError, KeyError, ValueError) as exc:
        log.warning("Could not read the answers given in the form: %s", exc)
        return []
    return answers


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
