"""Continuing a chat on another device with a resume code, starting over, and a real person in
the chat (backend/resume.py, backend/handover.py; issue #13), against the real database.

Rasa does not run in backend tests: where the chat gateway would ask it, the gateway's `ask` is
replaced by a recorder that answers with a question, so that the tests see whether (and for
which conversation) Rasa would have been asked.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from datetime import time, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import insert, select, update

from backend import handover, resume
from backend.config import get_settings
from backend.db import session_scope
from backend.models import (
    AuditEvent,
    Conversation,
    ConversationDevice,
    Handover,
    HandoverAuthor,
    HandoverMessage,
    Intake,
    IntakeStatus,
    ResumeCode,
    StaffRole,
    StaffUser,
    utcnow,
)
from backend.nlg.texts import HUMAN, UI_TEXTS
from backend.prefilled import CLOSED_FLAG, flags
from backend.privacy import access
from backend.privacy.retention import RetentionPolicy, run_retention
from backend.privacy.tracker import EVENTS, TrackerStore
from backend.scheduling.messages import format_when
from backend.security import token_hash
from locales import translate
from tests.backend.conftest import Staff
from tests.backend.test_access import HOORN, MEDEMBLIK, submit
from tests.backend.test_privacy import Private, add_person, private, shared_tracker

# Rasa's tracker store as Rasa makes it (a module fixture), and a private database.
__all__ = ["private", "shared_tracker"]

_addresses = itertools.count(1)
QUESTION = {"text": "ما هو رقم هاتفك؟", "buttons": [{"title": "تخطي", "payload": "/skip"}]}


@pytest.fixture(autouse=True)
def tracker(shared_tracker: TrackerStore) -> TrackerStore:
    """Starting over deletes Rasa's transcript too: its store exists, as when Rasa has run."""
    return shared_tracker


@pytest.fixture()
def own_client(database_url: str) -> Iterator[TestClient]:
    """A client from a network address no other test uses (the limits count per address)."""
    from backend.main import create_app

    with TestClient(create_app(), client=(f"10.13.0.{next(_addresses)}", 50000)) as client:
        yield client


class RasaRecorder:
    """Stands in for the gateway's way to Rasa: records who was asked what, answers a question."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []

    async def __call__(self, sender: str, text: str, language: str, *more: object) -> list[dict[str, Any]]:
        self.asked.append((sender, text))
        return [QUESTION]


@pytest.fixture()
def rasa(own_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> RasaRecorder:
    recorder = RasaRecorder()
    monkeypatch.setattr(own_client.app.state.rasa_gate, "ask", recorder)  # type: ignore[attr-defined]
    return recorder


@pytest.fixture()
def settings(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def set_values(**values: object) -> None:
        for name, value in values.items():
            monkeypatch.setattr(get_settings(), name, value)

    return set_values


def phone_with_answers(client: TestClient, internal_headers: dict[str, str], municipality: str = HOORN) -> str:
    """A conversation in Arabic with three answers saved (as the action server saves them)."""
    token: str = client.post("/api/chat/conversations").json()["conversation_id"]
    with session_scope() as session:
        session.execute(update(Conversation).where(Conversation.token_hash == token_hash(token)).values(language="ar"))
    submit(client, internal_headers, municipality, complete=False, conversation=token)
    return token


def say(client: TestClient, token: str, text: str, message_id: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"text": text}
    if message_id:
        body["client_message_id"] = message_id
    response = client.post(f"/api/chat/conversations/{token}/messages", json=body)
    assert response.status_code == 200, response.text
    reply: dict[str, Any] = response.json()
    return reply


def new_code(client: TestClient, token: str) -> dict[str, Any]:
    response = client.post(f"/api/chat/conversations/{token}/resume-code")
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def conversation_of(token: str) -> Conversation | None:
    with session_scope() as session:
        conversation = session.scalar(select(Conversation).where(resume.held_by(token)))
        if conversation is not None:
            session.expunge(conversation)
        return conversation


# -- Resume codes ---------------------------------------------------------------------------------


def test_a_resume_code_is_short_grouped_and_only_its_keyed_hash_is_stored(
    own_client: TestClient, internal_headers: dict[str, str]
) -> None:
    phone = phone_with_answers(own_client, internal_headers)
    body = new_code(own_client, phone)
    code = body["code"]
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert not set(code.replace("-", "")) & set("01OILUV")  # no look-alikes
    assert body["url"].endswith(f"/?resume={code}")
    assert body["qr_svg"].startswith("<svg") and "<script" not in body["qr_svg"]
    assert translate("ar", "The code works once, until {when}.").split("{when}")[0] in body["valid"]
    conversation = conversation_of(phone)
    assert conversation is not None
    with session_scope() as session:
        rows = session.scalars(select(ResumeCode).where(ResumeCode.conversation_id == conversation.id)).all()
        assert len(rows) == 1
        stored = rows[0]
        assert len(stored.code_hash) == 64 and code.replace("-", "") not in stored.code_hash
        # Keyed: the plain SHA-256 of the code is not what is stored.
        assert stored.code_hash != token_hash(code.replace("-", ""))
        assert timedelta(hours=23) < stored.expires_at - utcnow() <= timedelta(hours=24)
    # A new code replaces the old one.
    second = new_code(own_client, phone)["code"]
    assert own_client.post("/api/chat/resume", json={"code": code}).status_code == 400
    assert own_client.post("/api/chat/resume", json={"code": second}).status_code == 200


def test_another_device_continues_the_same_conversation_at_the_same_question(
    own_client: TestClient, rasa: RasaRecorder, internal_headers: dict[str, str]
) -> None:
    phone = phone_with_answers(own_client, internal_headers)
    say(own_client, phone, "Amina Yusuf", "message-0001")  # the gateway keeps the reply: the current question
    code = new_code(own_client, phone)["code"]

    # The laptop opened the chat page first, which started a conversation of its own.
    laptop_own: str = own_client.post("/api/chat/conversations").json()["conversation_id"]
    typed = code.lower().replace("-", " ")  # typed as it is read aloud
    response = own_client.post("/api/chat/resume", json={"code": typed, "replaces": laptop_own})
    assert response.status_code == 200, response.text
    resumed = response.json()
    laptop = resumed["conversation_id"]
    assert laptop not in (phone, laptop_own)
    assert resumed["language"] == "ar" and resumed["direction"] == "rtl"
    assert resumed["ui"]["send"] == translate("ar", UI_TEXTS["send"])
    # The conversation so far ends with the question the phone stopped at, with its buttons.
    assert resumed["transcript"][-1] == {"from": "bot", "text": QUESTION["text"], "buttons": QUESTION["buttons"]}
    # The empty conversation the laptop had started is not left behind.
    assert conversation_of(laptop_own) is None

    # Both devices hold the same conversation: Rasa is asked under the same pseudonym, and the
    # answers saved so far are those of the one intake.
    phone_conversation = conversation_of(phone)
    assert phone_conversation is not None
    say(own_client, laptop, "0612345678")
    assert rasa.asked[-1] == (phone_conversation.rasa_sender, "0612345678")
    with session_scope() as session:
        intake = session.scalars(select(Intake).where(Intake.conversation_id == phone_conversation.id)).one()
        assert {a.question_id for a in intake.answers} >= {"full_name", "municipality"}
        assert session.scalar(
            select(AuditEvent.id).where(
                AuditEvent.action == "resume_conversation", AuditEvent.object_id == str(phone_conversation.id)
            )
        )
    assert own_client.get(f"/api/chat/conversations/{phone}/notices").status_code == 200

    # The code was used up: once only.
    again = own_client.post("/api/chat/resume", json={"code": code})
    assert again.status_code == 400
    assert again.json()["detail"] == translate("en", UI_TEXTS["resume_failed"])

    # Starting again on the laptop only ends the laptop's access: the phone goes on, nothing closed.
    assert own_client.delete(f"/api/chat/conversations/{phone}/device").status_code == 404  # the first phone
    assert own_client.delete(f"/api/chat/conversations/{laptop}/device").status_code == 204
    assert own_client.get(f"/api/chat/conversations/{laptop}/notices").status_code == 404
    assert own_client.get(f"/api/chat/conversations/{phone}/notices").status_code == 200
    with session_scope() as session:
        closed = select(Intake.closed_at).where(Intake.conversation_id == phone_conversation.id)
        assert session.scalars(closed).one() is None


def rasa_events(tracker: TrackerStore, sender: str, *events: tuple[str, str, list[dict[str, str]]]) -> None:
    """Rows as Rasa's SQL tracker store writes them: ("bot" or "user", text, buttons)."""
    now = utcnow().timestamp()
    with tracker.engine.begin() as connection:
        for i, (kind, text, buttons) in enumerate(events):
            event: dict[str, Any] = {"event": kind, "timestamp": now + i, "text": text}
            if kind == "bot":
                event["data"] = {"buttons": buttons}
            connection.execute(
                insert(EVENTS).values(sender_id=sender, type_name=kind, timestamp=now + i, data=json.dumps(event))
            )


def test_the_resumed_device_shows_the_conversation_from_rasas_transcript(
    own_client: TestClient, tracker: TrackerStore, internal_headers: dict[str, str]
) -> None:
    phone = phone_with_answers(own_client, internal_headers)
    conversation = conversation_of(phone)
    assert conversation is not None
    languages = [{"title": "العربية", "payload": '/choose_language{"language": "ar"}'}]
    rasa_events(
        tracker,
        conversation.rasa_sender,
        ("user", "/greet", []),  # the page's greeting: no button, not shown
        ("bot", "Choose your language", languages),
        ("user", '/choose_language{"language": "ar"}', []),  # shown as the button's title
        ("bot", "ما اسمك الكامل؟", []),
        ("user", "Amina Yusuf", []),
        ("bot", QUESTION["text"], QUESTION["buttons"]),
    )
    resumed = own_client.post("/api/chat/resume", json={"code": new_code(own_client, phone)["code"]}).json()
    assert resumed["transcript"] == [
        {"from": "bot", "text": "Choose your language", "buttons": languages},
        {"from": "user", "text": "العربية", "buttons": []},
        {"from": "bot", "text": "ما اسمك الكامل؟", "buttons": []},
        {"from": "user", "text": "Amina Yusuf", "buttons": []},
        {"from": "bot", "text": QUESTION["text"], "buttons": QUESTION["buttons"]},
    ]


def test_an_expired_code_does_not_work(own_client: TestClient, internal_headers: dict[str, str]) -> None:
    phone = phone_with_answers(own_client, internal_headers)
    code = new_code(own_client, phone)["code"]
    with session_scope() as session:
        session.execute(update(ResumeCode).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert own_client.post("/api/chat/resume", json={"code": code}).status_code == 400


def test_the_person_and_staff_of_their_municipality_can_revoke(  # type: ignore[no-untyped-def]
    own_client: TestClient, make_staff, internal_headers: dict[str, str]
) -> None:
    phone = phone_with_answers(own_client, internal_headers)
    # The person stops the code.
    code = new_code(own_client, phone)["code"]
    assert own_client.delete(f"/api/chat/conversations/{phone}/resume-code").status_code == 204
    assert own_client.post("/api/chat/resume", json={"code": code}).status_code == 400

    # A laptop came in with a code; the phone was lost, or the laptop left behind: staff stop it.
    laptop = own_client.post("/api/chat/resume", json={"code": new_code(own_client, phone)["code"]}).json()[
        "conversation_id"
    ]
    pending = new_code(own_client, phone)["code"]
    conversation = conversation_of(phone)
    assert conversation is not None
    with session_scope() as session:
        intake_id = session.scalars(select(Intake.id).where(Intake.conversation_id == conversation.id)).one()
    elsewhere = make_staff(StaffRole.CASE_MANAGER, (MEDEMBLIK,))
    volunteer = make_staff(StaffRole.VOLUNTEER, (HOORN,))
    hoorn = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    assert own_client.delete(f"/api/intakes/{intake_id}/resume-code", headers=elsewhere.headers).status_code == 404
    assert own_client.delete(f"/api/intakes/{intake_id}/resume-code", headers=volunteer.headers).status_code == 403
    revoked = own_client.delete(f"/api/intakes/{intake_id}/resume-code", headers=hoorn.headers)
    assert revoked.status_code == 200 and revoked.json() == {"stopped": 2}
    assert own_client.get(f"/api/chat/conversations/{laptop}/notices").status_code == 404
    assert own_client.post("/api/chat/resume", json={"code": pending}).status_code == 400
    assert own_client.get(f"/api/chat/conversations/{phone}/notices").status_code == 200  # the phone keeps it


def test_guessing_codes_is_limited_per_address(  # type: ignore[no-untyped-def]
    own_client: TestClient, settings, internal_headers: dict[str, str]
) -> None:
    settings(resume_code_rate_per_address="3 per 10 minutes")
    phone = phone_with_answers(own_client, internal_headers)
    code = new_code(own_client, phone)["code"]
    guesses = ["AAAA-AAAA", "BBBB-BBBB", "CCCC-CCCC"]
    for guess in guesses:
        assert own_client.post("/api/chat/resume", json={"code": guess, "replaces": phone}).status_code == 400
    refused = own_client.post("/api/chat/resume", json={"code": code, "replaces": phone})
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    # In the language of the conversation the guessing device holds.
    assert refused.json()["detail"] == translate("ar", UI_TEXTS["resume_too_many"]).format(minutes=10)
    assert conversation_of(phone) is not None  # a refused try closes nothing


def test_guessing_from_many_addresses_is_limited_too(  # type: ignore[no-untyped-def]
    database_url: str, settings
) -> None:
    from backend.main import create_app

    settings(resume_code_rate_total="4/minute", resume_code_rate_per_address="100/minute")
    statuses = []
    for _attempt in range(5):
        with TestClient(create_app(), client=(f"10.14.0.{next(_addresses)}", 50000)) as client:
            statuses.append(client.post("/api/chat/resume", json={"code": "ZZZZ-ZZZZ"}).status_code)
    assert statuses[-1] == 429 and 429 not in statuses[:3]


# -- Starting over --------------------------------------------------------------------------------


def test_starting_over_closes_the_partial_intake_for_every_device(
    own_client: TestClient, internal_headers: dict[str, str]
) -> None:
    phone = phone_with_answers(own_client, internal_headers)
    laptop = own_client.post("/api/chat/resume", json={"code": new_code(own_client, phone)["code"]}).json()[
        "conversation_id"
    ]
    conversation = conversation_of(phone)
    assert conversation is not None
    response = own_client.post(f"/api/chat/conversations/{phone}/start-over", json={"delete": False})
    assert response.status_code == 200 and response.json() == {"outcome": "closed"}
    for token in (phone, laptop):
        assert own_client.get(f"/api/chat/conversations/{token}/notices").status_code == 404
    with session_scope() as session:
        intake = session.scalars(select(Intake).where(Intake.conversation_id == conversation.id)).one()
        assert intake.closed_at is not None and intake.status == "partial" and intake.answers
        # The case manager sees why it goes no further (a point of attention, in Dutch).
        assert ("closed", translate("nl", CLOSED_FLAG)) in flags(intake)
        devices = session.scalars(
            select(ConversationDevice).where(ConversationDevice.conversation_id == conversation.id)
        ).all()
        assert devices == []


def test_starting_over_deletes_the_answers_when_the_person_asks(
    own_client: TestClient, internal_headers: dict[str, str]
) -> None:
    phone = phone_with_answers(own_client, internal_headers)
    conversation = conversation_of(phone)
    assert conversation is not None
    response = own_client.post(f"/api/chat/conversations/{phone}/start-over", json={"delete": True})
    assert response.json() == {"outcome": "deleted"}
    with session_scope() as session:
        assert session.get(Conversation, conversation.id) is None
        assert session.scalar(select(Intake).where(Intake.conversation_id == conversation.id)) is None


def test_starting_over_keeps_a_sent_intake(own_client: TestClient, internal_headers: dict[str, str]) -> None:
    token: str = own_client.post("/api/chat/conversations").json()["conversation_id"]
    submit(own_client, internal_headers, HOORN, complete=True, conversation=token)
    conversation = conversation_of(token)
    assert conversation is not None
    response = own_client.post(f"/api/chat/conversations/{token}/start-over", json={"delete": True})
    assert response.json() == {"outcome": "closed"}
    with session_scope() as session:
        intake = session.scalars(select(Intake).where(Intake.conversation_id == conversation.id)).one()
        assert intake.status == "submitted" and intake.closed_at is None


# -- A real person in the chat --------------------------------------------------------------------


def handover_poll(client: TestClient, token: str, after: int = 0) -> dict[str, Any]:
    response = client.get(f"/api/chat/conversations/{token}/handover", params={"after": after})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_a_person_takes_over_the_chat_and_the_assistant_is_silent_until_handed_back(  # type: ignore[no-untyped-def]
    own_client: TestClient, rasa: RasaRecorder, make_staff, settings, internal_headers: dict[str, str]
) -> None:
    settings(handover_days=list(range(7)), handover_opens=time(0, 0), handover_closes=time(23, 59, 59))
    phone = phone_with_answers(own_client, internal_headers)
    say(own_client, phone, "Amina Yusuf", "message-0001")  # the assistant's question, kept by the gateway
    asked_before = len(rasa.asked)

    # "Talk to a person" (the button inside a question) opens a handover; Rasa is not asked.
    opened = say(own_client, phone, HUMAN, "message-0002")
    assert opened["messages"] == [] and opened["handover"] is True  # the page polls for what is said
    told = handover_poll(own_client, phone)["messages"]
    assert [(m["sender"], m["text"]) for m in told] == [("bot", translate("ar", handover.REQUESTED))]
    # Until someone joins, the assistant goes on: an answer gets the next question, not silence
    # (the assistant said "you can also go on here"; what is said is in the conversation the
    # case manager reads).
    went_on = say(own_client, phone, "0612345678", "message-0003")
    assert [m["text"] for m in went_on["messages"]] == [QUESTION["text"]] and went_on["handover"] is False
    assert len(rasa.asked) == asked_before + 1
    asked_before = len(rasa.asked)
    assert handover_poll(own_client, phone)["state"] == "waiting"

    elsewhere = make_staff(StaffRole.CASE_MANAGER, (MEDEMBLIK,))
    volunteer_elsewhere = make_staff(StaffRole.VOLUNTEER, (MEDEMBLIK,))
    volunteer = make_staff(StaffRole.VOLUNTEER, (HOORN,))
    hoorn = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    with session_scope() as session:
        named = update(StaffUser).where(StaffUser.username == hoorn.username).values(full_name="Fatima de Vries")
        session.execute(named)

    def listed(staff: Staff) -> list[dict[str, Any]]:
        response = own_client.get("/api/handovers", headers=staff.headers)
        assert response.status_code == 200, response.text
        conversation = conversation_of(phone)
        assert conversation is not None
        return [h for h in response.json() if h["intake_id"] and h["municipality_code"] == HOORN]

    for outsider in (elsewhere, volunteer_elsewhere):
        assert listed(outsider) == []
    mine = listed(hoorn)
    assert len(mine) == 1
    handover_id = mine[0]["id"]
    for outsider in (elsewhere, volunteer_elsewhere):
        assert own_client.post(f"/api/handovers/{handover_id}/take", headers=outsider.headers).status_code == 404
    # A volunteer of the municipality sees it, but only what was written with a person since the
    # request (the assistant's conversation holds health answers volunteers never see).
    seen_by_volunteer = next(h for h in listed(volunteer) if h["id"] == handover_id)
    assert [line["sender"] for line in seen_by_volunteer["conversation"]] == ["bot"]
    # The case manager sees the conversation so far (here: the question kept by the gateway).
    assert any(line["text"] == QUESTION["text"] for line in mine[0]["conversation"])

    # Writing before taking is refused; the case manager takes it; a colleague cannot write then.
    write = f"/api/handovers/{handover_id}/messages"
    assert own_client.post(write, json={"text": "Hallo"}, headers=hoorn.headers).status_code == 409
    assert own_client.post(f"/api/handovers/{handover_id}/take", headers=hoorn.headers).status_code == 200
    assert own_client.post(f"/api/handovers/{handover_id}/take", headers=volunteer.headers).status_code == 409
    sent = own_client.post(write, json={"text": "مرحبا، أنا فاطمة. كيف أساعدك؟"}, headers=hoorn.headers)
    assert sent.status_code == 201, sent.text
    assert own_client.post(write, json={"text": "Ik ook"}, headers=volunteer.headers).status_code == 409

    # The phone sees who writes: first name and role, in the person's language.
    signature = f"Fatima ({translate('ar', 'case manager')})"
    state = handover_poll(own_client, phone)
    assert state["state"] == "talking" and state["name"] == signature
    staff_lines = [m for m in state["messages"] if m["sender"] == "staff"]
    assert staff_lines == [
        {"id": staff_lines[0]["id"], "sender": "staff", "text": "مرحبا، أنا فاطمة. كيف أساعدك؟", "name": signature}
    ]
    # Another device that resumes now sees the conversation with the person in it, and polls
    # only for what comes after it (nothing twice).
    resumed = own_client.post("/api/chat/resume", json={"code": new_code(own_client, phone)["code"]}).json()
    assert {"from": "staff", "text": "مرحبا، أنا فاطمة. كيف أساعدك؟", "buttons": [], "name": signature} in resumed[
        "transcript"
    ]
    assert resumed["handover_seen"] == state["messages"][-1]["id"]
    laptop_poll = handover_poll(own_client, resumed["conversation_id"], after=resumed["handover_seen"])
    assert laptop_poll["state"] == "talking" and laptop_poll["messages"] == []
    # Now someone is there: the person's messages are kept for them, not sent to Rasa.
    assert say(own_client, phone, "أحتاج مساعدة في السكن", "message-0003b")["messages"] == []
    say(own_client, phone, "أحتاج مساعدة في السكن", "message-0003b")  # a resend is stored once
    assert len(rasa.asked) == asked_before
    assert say(own_client, phone, "شكرا", "message-0004")["messages"] == []
    staff_view = own_client.get(write, headers=hoorn.headers).json()
    assert [line["text"] for line in staff_view if line["sender"] == "user"] == ["أحتاج مساعدة في السكن", "شكرا"]
    assert len(rasa.asked) == asked_before

    # Handed back: the phone is asked the assistant's question again, and Rasa answers again.
    last_seen = state["messages"][-1]["id"]
    assert own_client.post(f"/api/handovers/{handover_id}/hand-back", headers=hoorn.headers).status_code == 204
    back = handover_poll(own_client, phone, after=last_seen)
    assert back["state"] == "none" and back["question"] == [{**QUESTION, "link": None}]
    assert back["messages"][-1]["text"] == translate("ar", handover.HANDED_BACK)
    say(own_client, phone, "0612345678", "message-0005")
    assert len(rasa.asked) == asked_before + 1

    # Every message is kept in the conversation, with who wrote it.
    with session_scope() as session:
        rows = session.scalars(
            select(HandoverMessage).where(HandoverMessage.handover_id == handover_id).order_by(HandoverMessage.id)
        ).all()
        assert [r.author for r in rows] == [
            HandoverAuthor.SYSTEM,  # requested
            HandoverAuthor.SYSTEM,  # Fatima joined
            HandoverAuthor.STAFF,
            HandoverAuthor.PERSON,
            HandoverAuthor.PERSON,
            HandoverAuthor.SYSTEM,  # handed back
        ]
        assert rows[2].staff_user is not None and rows[2].staff_user.full_name == "Fatima de Vries"
        assert session.get_one(Handover, handover_id).ended_at is not None
        assert session.scalar(select(AuditEvent.id).where(AuditEvent.action == "read_handover"))


def test_outside_working_hours_the_person_is_told_when_someone_answers(  # type: ignore[no-untyped-def]
    own_client: TestClient, rasa: RasaRecorder, settings, internal_headers: dict[str, str]
) -> None:
    # Open one minute a day, every day but today (in Amsterdam time): the next opening is tomorrow
    # at midnight, whatever the hour the test runs (not "a minute that has passed today": right
    # after midnight that minute is now).
    today = utcnow().astimezone(handover.LOCAL_TIME).weekday()
    days = [day for day in range(7) if day != today]
    settings(handover_days=days, handover_opens=time(0, 0), handover_closes=time(0, 1))
    opening = handover.next_opening(utcnow())
    assert opening is not None and timedelta(0) < opening - utcnow() <= timedelta(days=1)
    phone = phone_with_answers(own_client, internal_headers)
    opened = own_client.post(f"/api/chat/conversations/{phone}/handover")
    assert opened.status_code == 200 and opened.json()["state"] == "waiting"
    told = opened.json()["messages"][0]["text"]
    assert told == translate("ar", handover.OUTSIDE_HOURS).format(when=format_when(opening, "ar"))
    # The person goes on with the assistant instead: the handover ends.
    back = own_client.delete(f"/api/chat/conversations/{phone}/handover")
    assert back.status_code == 200 and back.json()["state"] == "none"
    say(own_client, phone, "0612345678")
    assert rasa.asked


# -- What was written with a person is the person's data too ---------------------------------------


def test_the_person_sees_what_was_written_with_staff_in_their_overview_and_retention_deletes_it(
    private: Private,
) -> None:
    """Subject access shows the handover's messages with who wrote them; the retention job
    deletes them with the rest of the transcript (7 days after sending)."""
    now = utcnow()
    with private.sessions.begin() as session:
        conversation = add_person(
            session,
            created=now - timedelta(days=20),
            last_message=now - timedelta(days=9),
            status=IntakeStatus.SUBMITTED,
            submitted=now - timedelta(days=9),
            name="Amina",
        )
        staff = StaffUser(
            username=f"cm-{conversation.id}",
            full_name="Fatima de Vries",
            role=StaffRole.CASE_MANAGER,
            password_hash="-",
        )
        session.add(staff)
        session.flush()
        item = Handover(conversation_id=conversation.id, requested_at=now - timedelta(days=9), taken_by_id=staff.id)
        session.add(item)
        session.flush()
        handover.add_message(session, item, HandoverAuthor.PERSON, "أحتاج مساعدة في السكن")
        handover.add_message(session, item, HandoverAuthor.STAFF, "مرحبا، أنا فاطمة", staff_user=staff)
        conversation_id = conversation.id

    policy = RetentionPolicy.from_settings(get_settings())
    with private.sessions() as session:
        intake = session.scalars(select(Intake).where(Intake.conversation_id == conversation_id)).one()
        overviews = access.subject_access(session, private.tracker, intake, policy)
        for overview in overviews:
            entries = [e for part in overview.parts for e in part.entries]
            said = {e.value: e.label for e in entries}
            assert "أحتاج مساعدة في السكن" in said
            label = said["مرحبا، أنا فاطمة"]
            assert label.startswith(f"Fatima ({translate(overview.language, 'case manager')})")

    run_retention(private.sessions, private.tracker, policy, now)
    with private.sessions() as session:
        assert session.scalars(select(HandoverMessage)).all() == []
        assert session.get(Conversation, conversation_id) is not None  # the intake itself stays


def test_asking_for_a_person_in_own_words_opens_a_handover_too(
    own_client: TestClient, monkeypatch: pytest.MonkeyPatch, internal_headers: dict[str, str]
) -> None:
    """Rasa reads "I want to talk to my case manager" as the request; its answer (rendered by
    the NLG, with the handover mark) opens a handover, as the button does."""
    from backend.nlg.render import render

    said = render("utter_human_handoff", {"language": "ar"})
    assert said["custom"]["meta"]["handover"] is True
    asked: list[str] = []

    async def rasa(sender: str, text: str, language: str, *more: object) -> list[dict[str, Any]]:
        asked.append(text)
        # Rasa's REST channel gives the text and the custom part as two messages.
        return [{"text": said["text"]}, {"custom": said["custom"]}]

    monkeypatch.setattr(own_client.app.state.rasa_gate, "ask", rasa)  # type: ignore[attr-defined]
    phone = phone_with_answers(own_client, internal_headers)
    turn = say(own_client, phone, "أريد أن أتكلم مع الموظف المسؤول", "message-0001")
    assert turn["handover"] is True and turn["messages"][0]["text"] == said["text"]
    assert handover_poll(own_client, phone)["state"] == "waiting"
    # Nobody has joined yet: the assistant goes on, as it said ("you can also go on here").
    say(own_client, phone, "0612345678", "message-0002")
    assert asked == ["أريد أن أتكلم مع الموظف المسؤول", "0612345678"]
    assert handover_poll(own_client, phone)["state"] == "waiting"  # the request stays open
