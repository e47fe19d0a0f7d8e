"""A wrong internal token is not a silent retry loop (issue #11): when the backend refuses the
action server's token (the two were started with different INTAKE_INTERNAL_API_TOKENs), the
outbox keeps every save and tries again, says so in the log at error level (at once, then every
few minutes, not per try), and the backend counts the refused calls in its metrics; once the
tokens agree the saves are delivered and the report ends."""

from __future__ import annotations

import logging
import os
import secrets
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from actions.outbox import Deliverer, Outbox, RowState, http_sender
from backend.config import get_settings
from tests.backend.test_access import HOORN

ROUTE = "/api/internal/intakes"


def _refused_calls(client: TestClient) -> float:
    token = get_settings().internal_api_token
    text = client.get("/metrics", headers={"Authorization": f"Bearer {token}"}).text
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == "intake_internal_token_refused_total" and sample.labels.get("route") == ROUTE:
                return sample.value
    return 0.0


def _wait_for(condition: Callable[[], bool], timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_a_refused_internal_token_is_reported_and_the_saves_wait_until_it_is_taken(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    action_server_token = os.environ["INTAKE_INTERNAL_API_TOKEN"]
    # The backend was started again with a token of its own (a new `make run` of the backend only).
    monkeypatch.setattr(get_settings(), "internal_api_token", secrets.token_urlsafe(32))
    refused_before = _refused_calls(client)

    outbox = Outbox(tmp_path / "outbox.sqlite3")
    conversation = secrets.token_urlsafe(32)
    save = {
        "conversation_id": conversation,
        "language": "ar",
        "answers": [{"question_id": "municipality", "value": HOORN}],
        "complete": False,
        "sequence": 1,
    }
    row = outbox.add(conversation, 1, save)

    def backend() -> httpx.AsyncClient:
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=client.app),
            base_url="http://backend",
            headers={"Authorization": f"Bearer {action_server_token}"},
        )

    deliverer = Deliverer(outbox, http_sender(backend), max_delay_seconds=0.2)
    with caplog.at_level(logging.WARNING, logger="actions.outbox"):
        deliverer.start()
        assert _wait_for(lambda: _refused_calls(client) >= refused_before + 3), "the deliverer did not try again"
        # Kept and tried again, never given up on ...
        assert outbox.state(row) == RowState.PENDING
        assert deliverer.token_refused_since is not None
        # ... and said once at error level (not a warning per try), naming the setting.
        errors = [r for r in caplog.records if r.name == "actions.outbox" and r.levelno == logging.ERROR]
        assert len(errors) == 1, [r.getMessage() for r in caplog.records]
        assert "INTAKE_INTERNAL_API_TOKEN" in errors[0].getMessage() and "1 saves wait" in errors[0].getMessage()

        # The tokens agree again (the backend restarted with the right one): delivered.
        monkeypatch.setattr(get_settings(), "internal_api_token", action_server_token)
        assert _wait_for(lambda: outbox.state(row) == RowState.DELIVERED)
        assert _wait_for(lambda: deliverer.token_refused_since is None)
    assert any("takes the internal token again" in r.getMessage() for r in caplog.records)
