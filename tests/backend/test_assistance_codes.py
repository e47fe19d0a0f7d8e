"""Volunteers start helping on a person's phone with a one-time code from their own device
(backend/assistance.py, issue #11): no staff password on someone else's phone. The code is
single use, expires, is stored only as a keyed hash, and wrong codes are limited."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from backend.config import get_settings
from backend.db import session_scope
from backend.models import AssistanceCode, AuditEvent, Conversation, StaffRole, StaffUser, utcnow
from backend.nlg.texts import UI_TEXTS
from backend.security import token_hash
from locales import translate
from tests.backend.conftest import Staff

_addresses = itertools.count(1)


@pytest.fixture()
def own_client(database_url: str) -> Iterator[TestClient]:
    """A client from a network address no other test uses (the limits count per address)."""
    from backend.main import create_app

    with TestClient(create_app(), client=(f"10.12.0.{next(_addresses)}", 50000)) as client:
        yield client


def new_conversation(client: TestClient, language: str = "ar") -> str:
    conversation: str = client.post("/api/chat/conversations").json()["conversation_id"]
    with session_scope() as session:
        session.execute(
            update(Conversation).where(Conversation.token_hash == token_hash(conversation)).values(language=language)
        )
    return conversation


def new_code(client: TestClient, staff: Staff) -> str:
    response = client.post("/api/assistance/codes", headers=staff.headers)
    assert response.status_code == 201, response.text
    code: str = response.json()["code"]
    return code


def type_code(client: TestClient, conversation: str, code: str):  # type: ignore[no-untyped-def]
    return client.post(f"/api/chat/conversations/{conversation}/assistance", json={"code": code})


def assisted_by(conversation: str) -> int | None:
    with session_scope() as session:
        return session.scalars(
            select(Conversation.assisted_by_id).where(Conversation.token_hash == token_hash(conversation))
        ).one()


def staff_id(staff: Staff) -> int:
    with session_scope() as session:
        return session.scalars(select(StaffUser.id).where(StaffUser.username == staff.username)).one()


def test_a_volunteer_gets_a_short_code_on_their_own_device_stored_only_hashed(  # type: ignore[no-untyped-def]
    client: TestClient, make_staff
) -> None:
    volunteer = make_staff(StaffRole.VOLUNTEER)
    response = client.post("/api/assistance/codes", headers=volunteer.headers)
    assert response.status_code == 201
    body = response.json()
    assert len(body["code"]) == 6 and body["code"].isdigit()
    assert body["valid_minutes"] == get_settings().assistance_code_minutes == 5
    with session_scope() as session:
        rows = session.scalars(select(AssistanceCode).where(AssistanceCode.staff_user_id == staff_id(volunteer))).all()
        assert len(rows) == 1
        assert body["code"] not in rows[0].code_hash and len(rows[0].code_hash) == 64
        assert timedelta(minutes=4) < rows[0].expires_at - utcnow() <= timedelta(minutes=5)
    # A case manager may help too; an administrator and anyone not logged in get no code.
    assert client.post("/api/assistance/codes", headers=make_staff(StaffRole.CASE_MANAGER).headers).status_code == 201
    assert client.post("/api/assistance/codes", headers=make_staff(StaffRole.ADMINISTRATOR).headers).status_code == 403
    assert client.post("/api/assistance/codes").status_code == 401


def test_the_code_starts_assistance_once_and_the_person_can_stop_it(  # type: ignore[no-untyped-def]
    client: TestClient, make_staff
) -> None:
    volunteer = make_staff(StaffRole.VOLUNTEER)
    conversation, other = new_conversation(client), new_conversation(client, "ti")
    code = new_code(client, volunteer)
    # Typed with spaces and in Arabic-Indic digits, as a phone keyboard may give it.
    typed = " ".join("٠١٢٣٤٥٦٧٨٩"[int(d)] for d in code)
    started = type_code(client, conversation, typed)
    assert started.status_code == 200 and started.json() == {"assisted_by": volunteer.username}
    assert assisted_by(conversation) == staff_id(volunteer)
    with session_scope() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "start_assistance").order_by(AuditEvent.id.desc()).limit(1)
        ).one()
        assert event.actor_id == staff_id(volunteer)

    # Single use: the same code does not work again, here or on another phone.
    again = type_code(client, other, code)
    assert again.status_code == 400
    assert again.json()["detail"] == translate("ti", UI_TEXTS["volunteer_failed"])
    assert translate("ti", UI_TEXTS["volunteer_failed"]) != UI_TEXTS["volunteer_failed"]
    assert assisted_by(other) is None

    # The person ends it at any time, without any login.
    assert client.delete(f"/api/chat/conversations/{conversation}/assistance").status_code == 204
    assert assisted_by(conversation) is None


def test_a_code_expires_and_a_new_code_replaces_the_earlier_one(  # type: ignore[no-untyped-def]
    client: TestClient, make_staff
) -> None:
    volunteer = make_staff(StaffRole.VOLUNTEER)
    conversation = new_conversation(client)
    expired = new_code(client, volunteer)
    with session_scope() as session:
        session.execute(
            update(AssistanceCode)
            .where(AssistanceCode.staff_user_id == staff_id(volunteer))
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    assert type_code(client, conversation, expired).status_code == 400

    first, second = new_code(client, volunteer), new_code(client, volunteer)
    if first != second:  # one in a million they are the same
        assert type_code(client, conversation, first).status_code == 400
    assert type_code(client, conversation, second).status_code == 200
    assert assisted_by(conversation) == staff_id(volunteer)
    # The code of a volunteer whose account was closed meanwhile starts nothing.
    late = new_code(client, volunteer)
    with session_scope() as session:
        session.execute(update(StaffUser).where(StaffUser.id == staff_id(volunteer)).values(active=False))
    other = new_conversation(client)
    assert type_code(client, other, late).status_code == 400 and assisted_by(other) is None
    # Nonsense is refused the same way, and an unknown conversation is not found.
    assert type_code(client, other, "12").status_code == 400
    assert type_code(client, other, "x" * 41).status_code == 422
    assert type_code(client, "not-a-conversation", "123456").status_code == 404


def test_wrong_codes_are_limited_per_conversation_in_the_persons_language(  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch, own_client: TestClient, make_staff
) -> None:
    monkeypatch.setattr(get_settings(), "assistance_code_rate_per_conversation", "3 per 10 minutes")
    volunteer = make_staff(StaffRole.VOLUNTEER)
    conversation = new_conversation(own_client, "so")
    code = new_code(own_client, volunteer)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(3):
        assert type_code(own_client, conversation, wrong).status_code == 400
    refused = type_code(own_client, conversation, code)  # even the right code waits now
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 600
    minutes = -(-int(refused.headers["Retry-After"]) // 60)
    assert refused.json()["detail"] == translate("so", UI_TEXTS["volunteer_too_many"]).format(minutes=minutes)
    assert assisted_by(conversation) is None
    # The code was not used up by the refused try: it still works on another phone.
    assert type_code(own_client, new_conversation(own_client), code).status_code == 200


def test_wrong_codes_are_limited_per_network_address(  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch, own_client: TestClient, make_staff
) -> None:
    monkeypatch.setattr(get_settings(), "assistance_code_rate_per_address", "4 per 10 minutes")
    for _ in range(4):  # a new conversation for every try does not get around it
        assert type_code(own_client, new_conversation(own_client), "000000").status_code in (400, 200)
    assert type_code(own_client, new_conversation(own_client), "000000").status_code == 429
