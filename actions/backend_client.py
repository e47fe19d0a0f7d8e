"""The action server's client of the backend's internal API."""

from __future__ import annotations

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
    conversation_id: str, language: str, answers: dict[str, dict[str, Any]], complete: bool
) -> dict[str, Any]:
    body = {"conversation_id": conversation_id, "language": language, "answers": answers, "complete": complete}
    try:
        response = await _backend().post("/api/internal/intakes", json=body)
        response.raise_for_status()
    except httpx.HTTPError as exc:
        log.warning("Submitting intake failed: %s", exc)
        raise BackendUnavailable(str(exc)) from exc
    result: dict[str, Any] = response.json()
    return result
