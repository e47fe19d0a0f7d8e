"""The action server's saves carry a sequence number: a late retry of an older save never
overwrites newer answers, the same save twice stores nothing twice, and the source of an answer
(the person, or with a volunteer beside them) is the one recorded when it was typed."""

from __future__ import annotations

import secrets
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from backend.db import session_scope
from backend.intakes import set_assistance
from backend.models import StaffRole, StaffUser
from tests.backend.test_access import HOORN
from tests.backend.test_prefilled_intake import BASE, field, post


def name(value: str) -> list[dict[str, Any]]:
    return [{"question_id": "full_name", "value": value, "original_text": value}, *BASE[1:3]]


def test_an_older_save_does_not_overwrite_a_newer_one(client: TestClient, make_staff, internal_headers) -> None:  # type: ignore[no-untyped-def]
    conversation = secrets.token_urlsafe(32)
    first = post(client, internal_headers, conversation, name("Semhar"), sequence=1_000)
    assert first["outcome"] == "stored"
    newer = post(client, internal_headers, conversation, name("Semhar Tekle"), sequence=2_000)
    assert newer["outcome"] == "stored"
    # The first save, retried late (its answer lost on the way back), arrives after the newer one.
    late = post(client, internal_headers, conversation, name("Semhar"), sequence=1_000, complete=True)
    assert late["outcome"] == "older_ignored"
    # The same save twice (a retry after a lost reply) stores nothing twice.
    again = post(client, internal_headers, conversation, name("Semhar Tekle"), sequence=2_000)
    assert again["outcome"] == "stored"

    staff = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    detail = client.get(f"/api/intakes/{first['intake_id']}", headers=staff.headers).json()
    full_name = field(detail, "full_name")
    assert full_name["value"] == "Semhar Tekle"
    assert sorted(h["value"] for h in full_name["history"]) == ["Semhar", "Semhar Tekle"]
    # A flag is never taken back, so the late save's "complete" counts: nothing is lost by order.
    assert detail["status"] == "submitted"


def assist(conversation: str, volunteer: str | None) -> int | None:
    """Start (a volunteer's username) or end (None) the help, as the assistance endpoints do."""
    with session_scope() as session:
        user = session.scalars(select(StaffUser).where(StaffUser.username == volunteer)).one() if volunteer else None
        set_assistance(session, conversation, user)
        return user.id if user else None


def test_the_source_is_who_helped_when_the_answer_was_typed(
    client: TestClient,
    make_staff,
    internal_headers: dict[str, str],  # type: ignore[no-untyped-def]
) -> None:
    """The help ended before the save arrived: the answer is still marked as given with help."""
    conversation = client.post("/api/chat/conversations").json()["conversation_id"]
    volunteer = make_staff(StaffRole.VOLUNTEER)
    intake_id = post(client, internal_headers, conversation, BASE[:3], sequence=1)["intake_id"]
    volunteer_id = assist(conversation, volunteer.username)
    assist(conversation, None)  # ended before the save below arrives

    phone = {"question_id": "phone", "value": "+31612345678"}
    post(
        client,
        internal_headers,
        conversation,
        [*BASE[:3], phone],
        sequence=2,
        typed_with={"volunteer_id": volunteer_id},
    )
    # And the other way round: help began after the person typed the e-mail address themself.
    assist(conversation, volunteer.username)
    email = {"question_id": "email", "value": "s@example.com"}
    post(
        client, internal_headers, conversation, [*BASE[:3], phone, email], sequence=3, typed_with={"volunteer_id": None}
    )

    staff = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    detail = client.get(f"/api/intakes/{intake_id}", headers=staff.headers).json()
    assert field(detail, "phone")["source"] == "volunteer"
    assert field(detail, "email")["source"] == "chat"
    assert field(detail, "full_name")["source"] == "chat"
