"""Erasure reaches the action server's outbox (issue #11): a save that waited in the outbox
while the person was erased is refused by the backend (410) and dropped from the outbox file;
it never makes the conversation or the intake anew."""

from __future__ import annotations

import secrets
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from actions.outbox import Deliverer, Outbox, http_sender
from backend.models import Conversation, Intake, StaffRole
from backend.privacy.erasure import delete_conversation, was_deleted
from backend.privacy.retention import run_retention
from tests.backend import test_privacy
from tests.backend.test_privacy import DRECHTERLAND, POLICY, Private, add_person, ago, chat_person

# The fixtures of the privacy tests: this module's own database, and Rasa's tracker store.
private = test_privacy.private
shared_tracker = test_privacy.shared_tracker


def _rows_in(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        count: int = connection.execute("SELECT count(*) FROM save").fetchone()[0]
    return count


@pytest.mark.usefixtures("shared_tracker")  # Rasa's tracker store, which the erasure needs
def test_a_save_waiting_in_the_outbox_during_an_erasure_is_dropped_and_never_makes_the_intake_anew(  # type: ignore[no-untyped-def]
    client: TestClient, internal_headers: dict[str, str], make_staff, tmp_path: Path
) -> None:
    from backend.db import session_scope

    marker = secrets.token_hex(6)
    person = chat_person(
        client,
        internal_headers,
        "ar",
        [
            {"question_id": "full_name", "value": f"Erased {marker}"},
            {"question_id": "municipality", "value": DRECHTERLAND},
        ],
    )
    # The next answer waits in the outbox (the backend did not answer at that moment) ...
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    late: dict[str, Any] = {
        "conversation_id": person.sender,
        "language": "ar",
        "answers": [{"question_id": "courses", "value": f"naaien {marker}", "original_text": f"خياطة {marker}"}],
        "complete": False,
        "sequence": 10**12,
    }
    row = outbox.add(person.sender, late["sequence"], late)
    # ... while an administrator erases the person.
    admin = make_staff(StaffRole.ADMINISTRATOR)
    assert client.delete(f"/api/admin/intakes/{person.intake_id}", headers=admin.headers).status_code == 200
    with session_scope() as session:
        assert was_deleted(session, person.sender) and was_deleted(session, person.token)
        assert not was_deleted(session, secrets.token_urlsafe(32))

    def backend() -> httpx.AsyncClient:
        # The action server's real delivery, to this backend in-process.
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=client.app), base_url="http://backend", headers=internal_headers
        )

    Deliverer(outbox, http_sender(backend), max_delay_seconds=0.2).start()
    deadline = time.monotonic() + 15
    while _rows_in(outbox.path) and time.monotonic() < deadline:
        time.sleep(0.05)
    # Gone from the file (not kept as "refused", which would keep the answers there) ...
    assert _rows_in(outbox.path) == 0, outbox.state(row)
    # ... and the backend has no conversation or intake of that name again.
    with session_scope() as session:
        named = select(func.count()).select_from(Conversation).where(Conversation.rasa_sender == person.sender)
        assert session.scalar(named) == 0
        assert session.get(Intake, person.intake_id) is None
    # Whoever else saves under the erased names is refused too; another conversation is not.
    for name in (person.sender, person.token):
        refused = client.post("/api/internal/intakes", json={**late, "conversation_id": name}, headers=internal_headers)
        assert refused.status_code == 410, refused.text
    other = client.post(
        "/api/internal/intakes",
        json={**late, "conversation_id": secrets.token_urlsafe(32)},
        headers=internal_headers,
    )
    assert other.status_code == 200, other.text


def test_the_names_of_deleted_conversations_are_kept_only_as_long_as_a_save_can_be_on_its_way(
    private: Private,
) -> None:
    with private.sessions.begin() as session:
        conversation = add_person(session, created=ago(days=1))
        sender = conversation.rasa_sender
        delete_conversation(session, private.tracker, conversation)
    with private.sessions.begin() as session:
        assert was_deleted(session, sender)
    deleted_at = datetime.now(UTC)
    run_retention(private.sessions, private.tracker, POLICY, deleted_at + POLICY.abandoned - timedelta(hours=1))
    with private.sessions.begin() as session:
        assert was_deleted(session, sender)
    report = run_retention(
        private.sessions, private.tracker, POLICY, deleted_at + POLICY.abandoned + timedelta(hours=1)
    )
    assert report.rows["deleted_conversation_name"] == 2  # Rasa's sender id and the phone's token
    with private.sessions.begin() as session:
        assert not was_deleted(session, sender)
