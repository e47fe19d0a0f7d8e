"""The privacy lifecycle (AVG): retention, erasure on request, subject access, Rasa's sender id.

The retention job runs against a database of its own (it deletes by age, so it must not see
the other tests' rows); erasure and subject access go through the API on the shared database.
Rasa's tracker store is the real PostgreSQL database beside each (`<name>_rasa_tracker`), with
Rasa's `events` table made here, as Rasa makes it at its first start (tests/unit/
test_tracker_erasure.py checks that table against Rasa itself).
"""

from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from babel import Locale
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from backend.config import normalize_database_url, tracker_store_url
from backend.db import Base, create_database_if_missing, make_engine
from backend.models import (
    AnswerSource,
    AnswerTranslation,
    Appointment,
    AppointmentChange,
    AppointmentStatus,
    AuditEvent,
    ChangeActor,
    ChatNotice,
    Conversation,
    Intake,
    IntakeAnswer,
    IntakeStatus,
    Invitation,
    InvitationStep,
    Location,
    LocationKind,
    Reminder,
    ReminderStatus,
    Resource,
    ResourceClaim,
    ResourceKind,
    StaffRole,
    TranslationStatus,
)
from backend.privacy import access
from backend.privacy.erasure import audit_entries_about
from backend.privacy.retention import RetentionPolicy, intake_deleted_after, run_retention, transcript_deleted_after
from backend.privacy.tracker import EVENTS, TrackerStore
from backend.security import token_hash
from forms import load_schema
from locales import translate
from tests.backend.conftest import start_assistance
from tests.postgres import temporary_database

DRECHTERLAND = "0498"
NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
POLICY = RetentionPolicy(
    abandoned=timedelta(days=30),
    transcript=timedelta(days=7),
    intake=timedelta(days=365),
    orphan_transcript=timedelta(hours=24),
)


def ago(days: float = 0, hours: float = 0) -> datetime:
    return NOW - timedelta(days=days, hours=hours)


# -- Building a person's data directly in the database ----------------------------------------


def tracker_events(engine: Engine, sender: str, at: datetime, *texts: str) -> None:
    """Rows as Rasa's SQL tracker store writes them: one per message."""
    with engine.begin() as connection:
        for text in texts:
            data = json.dumps({"event": "user", "timestamp": at.timestamp(), "text": text})
            connection.execute(
                insert(EVENTS).values(sender_id=sender, type_name="user", timestamp=at.timestamp(), data=data)
            )


def senders_in(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return set(connection.scalars(select(EVENTS.c.sender_id).distinct()))


def add_person(
    session: Session,
    *,
    created: datetime,
    last_message: datetime | None = None,
    status: IntakeStatus | None = None,
    submitted: datetime | None = None,
    answered: datetime | None = None,
    name: str = "",
) -> Conversation:
    """A conversation, and an intake with a name and a free-text answer (with its translation)
    when `status` is given."""
    conversation = Conversation(
        token_hash=token_hash(secrets.token_urlsafe(32)),
        language="ar",
        created_at=created,
        last_message_at=last_message,
    )
    session.add(conversation)
    session.flush()
    if status is not None:
        intake = Intake(
            conversation_id=conversation.id,
            municipality_code=DRECHTERLAND,
            language="ar",
            status=status,
            schema_version=load_schema().version,
            created_at=created,
            submitted_at=submitted,
        )
        session.add(intake)
        session.flush()
        at = answered or created
        for question_id, value in (("full_name", name or "Naam"), ("courses", "دورة خياطة")):
            answer = IntakeAnswer(
                intake_id=intake.id,
                question_id=question_id,
                version=1,
                value=value,
                original_text=value,
                original_language="ar",
                source=AnswerSource.CHAT,
                recorded_at=at,
            )
            session.add(answer)
            session.flush()
            if question_id == "courses":
                session.add(
                    AnswerTranslation(
                        answer_id=answer.id,
                        source_language="ar",
                        status=TranslationStatus.HUMAN,
                        text_nl="Naaicursus",
                        created_at=at,
                    )
                )
    session.flush()
    return conversation


@dataclass(frozen=True)
class Calendar:
    location_id: int
    case_manager_id: int
    room_id: int


def add_calendar(session: Session) -> Calendar:
    suffix = uuid.uuid4().hex[:8]
    office = Location(
        name=f"Privacy test office {suffix}", address="Raadhuisplein 1", kind=LocationKind.OFFICE,
        municipality_code=DRECHTERLAND,
    )  # fmt: skip
    session.add(office)
    session.flush()
    manager = Resource(kind=ResourceKind.CASE_MANAGER, name=f"Casemanager {suffix}")
    room = Resource(kind=ResourceKind.ROOM, name=f"Kamer {suffix}", location_id=office.id)
    session.add_all([manager, room])
    session.flush()
    return Calendar(office.id, manager.id, room.id)


def add_appointment(
    session: Session, calendar: Calendar, intake_id: uuid.UUID, starts: datetime, status: AppointmentStatus
) -> Appointment:
    """An appointment with its claimed blocks, its history, a sent reminder and the chat notice
    the reminder became: everything that hangs on an intake through an appointment."""
    intake = session.get_one(Intake, intake_id)
    appointment = Appointment(
        intake_id=intake_id,
        type_code="brede_intake",
        status=status,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=90),
        location_id=calendar.location_id,
        case_manager_id=calendar.case_manager_id,
        room_id=calendar.room_id,
        created_at=min(starts, NOW) - timedelta(days=10),
    )
    session.add(appointment)
    session.flush()
    for resource_id in (calendar.case_manager_id, calendar.room_id):
        session.add(ResourceClaim(resource_id=resource_id, block_start=starts, appointment_id=appointment.id))
    session.add(
        AppointmentChange(
            appointment_id=appointment.id, at=appointment.created_at, actor=ChangeActor.PERSON, action="booked"
        )
    )
    reminder = Reminder(
        appointment_id=appointment.id,
        kind="two_days",
        due_at=starts - timedelta(days=2),
        status=ReminderStatus.SENT,
        sent_at=starts - timedelta(days=2),
    )
    session.add(reminder)
    session.flush()
    session.add(
        ChatNotice(
            conversation_id=intake.conversation_id,
            reminder_id=reminder.id,
            response="appointment_reminder",
            values={"text": "تذكير: موعدك بعد يومين."},
            created_at=starts - timedelta(days=2),
        )
    )
    session.flush()
    return appointment


# -- Retention ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Private:
    sessions: sessionmaker[Session]
    tracker: TrackerStore


@pytest.fixture()
def private() -> Iterator[Private]:
    """An empty migrated database with its own tracker store."""
    from backend.cli import migrate
    from backend.seed import seed_municipalities

    with temporary_database("intake_privacy") as url:
        migrate(url)
        engine = make_engine(url)
        sessions = sessionmaker(bind=engine, expire_on_commit=False)
        with sessions.begin() as session:
            seed_municipalities(session)
        tracker_url = tracker_store_url(url)
        create_database_if_missing(tracker_url)
        tracker = TrackerStore(normalize_database_url(tracker_url))
        EVENTS.metadata.create_all(tracker.engine)
        try:
            yield Private(sessions, tracker)
        finally:
            tracker.close()
            engine.dispose()


def _people(private: Private) -> dict[str, Conversation]:
    """One person per case the retention rules tell apart, named by what should happen."""
    with private.sessions.begin() as session:
        calendar = add_calendar(session)
        people = {
            # Stage 1: a partial intake (or an empty chat) nobody touched for 30 days.
            "abandoned": add_person(
                session, created=ago(40), last_message=ago(31), status=IntakeStatus.PARTIAL, answered=ago(31)
            ),
            "partial_recent": add_person(
                session, created=ago(40), last_message=ago(29), status=IntakeStatus.PARTIAL, answered=ago(29)
            ),
            "partial_taken_up": add_person(
                session, created=ago(40), last_message=ago(35), status=IntakeStatus.PARTIAL, answered=ago(35)
            ),
            "empty_old": add_person(session, created=ago(31)),
            "empty_new": add_person(session, created=ago(2)),
            # Stage 2: the transcript, 7 days after sending and after the last message.
            "sent_8_days": add_person(
                session, created=ago(9), last_message=ago(8), status=IntakeStatus.SUBMITTED, submitted=ago(8)
            ),
            "sent_6_days": add_person(
                session, created=ago(9), last_message=ago(6), status=IntakeStatus.SUBMITTED, submitted=ago(6)
            ),
            "sent_still_chatting": add_person(
                session, created=ago(12), last_message=ago(2), status=IntakeStatus.SUBMITTED, submitted=ago(10)
            ),
            # Stage 3: the intake, a year after the last step, never with an appointment ahead.
            "expired": add_person(
                session,
                created=ago(400),
                last_message=ago(399),
                status=IntakeStatus.SUBMITTED,
                submitted=ago(399),
                answered=ago(399),
            ),
            "expired_appointment_ahead": add_person(
                session,
                created=ago(400),
                last_message=ago(399),
                status=IntakeStatus.SUBMITTED,
                submitted=ago(399),
                answered=ago(399),
            ),
        }
        intake_of = {
            key: session.scalar(select(Intake.id).where(Intake.conversation_id == c.id)) for key, c in people.items()
        }
        session.add(
            Invitation(
                intake_id=intake_of["partial_taken_up"],
                step=InvitationStep.FIRST_INVITATION,
                sent_at=ago(35),
                respond_by=ago(21).date(),
            )
        )
        expired = intake_of["expired"]
        ahead = intake_of["expired_appointment_ahead"]
        assert expired is not None and ahead is not None
        add_appointment(session, calendar, expired, ago(380), AppointmentStatus.ATTENDED)
        add_appointment(session, calendar, ahead, NOW + timedelta(days=10), AppointmentStatus.BOOKED)
    for key, conversation in people.items():
        tracker_events(private.tracker.engine, conversation.rasa_sender, conversation.last_message_at or ago(31), key)
    tracker_events(private.tracker.engine, "orphan-old", ago(2), "left from before the pseudonym")
    tracker_events(private.tracker.engine, "orphan-new", ago(hours=1), "a turn still running")
    return people


def _count(session: Session, model: type[Base]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_the_retention_job_deletes_exactly_what_is_due(private: Private) -> None:
    people = _people(private)
    with private.sessions() as session:
        before = {
            m.__name__: _count(session, m)
            for m in (IntakeAnswer, AnswerTranslation, Appointment, ResourceClaim, Reminder, ChatNotice)
        }

    report = run_retention(private.sessions, private.tracker, POLICY, NOW)

    assert (report.abandoned_conversations, report.expired_intakes) == (2, 1)
    # Transcripts: the intake sent 8 days ago, and the one kept for its appointment ahead.
    assert (report.transcripts, report.orphan_transcripts) == (2, 1)
    gone = {"abandoned", "empty_old", "expired"}
    with private.sessions() as session:
        remaining = set(session.scalars(select(Conversation.id)))
        assert {key for key, c in people.items() if c.id in remaining} == set(people) - gone
        # Everything that hung on the deleted people went with them, and nothing else.
        after = {
            m.__name__: _count(session, m)
            for m in (IntakeAnswer, AnswerTranslation, Appointment, ResourceClaim, Reminder, ChatNotice)
        }
        assert before["IntakeAnswer"] - after["IntakeAnswer"] == 4  # two answers each: abandoned, expired
        assert before["AnswerTranslation"] - after["AnswerTranslation"] == 2
        assert (before["Appointment"] - after["Appointment"], after["Appointment"]) == (1, 1)
        assert (before["ResourceClaim"] - after["ResourceClaim"], before["Reminder"] - after["Reminder"]) == (2, 1)
        assert (before["ChatNotice"] - after["ChatNotice"], after["ChatNotice"]) == (1, 1)
        # The transcript of the intake sent 8 days ago is gone; the intake itself stays.
        sent = session.get_one(Conversation, people["sent_8_days"].id)
        assert sent.transcript_deleted_at is not None
        assert (
            session.scalar(
                select(func.count()).where(IntakeAnswer.intake_id == Intake.id, Intake.conversation_id == sent.id)
            )
            == 2
        )
        events = session.scalars(select(AuditEvent).where(AuditEvent.action == "retention")).all()
    transcripts_gone = gone | {"sent_8_days", "expired_appointment_ahead"}
    kept_transcripts = {people[k].rasa_sender for k in set(people) - transcripts_gone} | {"orphan-new"}
    assert senders_in(private.tracker.engine) == kept_transcripts
    # The audit log and the report say what happened in numbers: no ids, names or words.
    assert len(events) == 1 and events[0].detail is not None
    assert events[0].detail["rows"]["intake"] == 2 and events[0].detail["rows"]["rasa_tracker_events"] == 6
    recorded = json.dumps(events[0].detail)
    assert not any(c.rasa_sender in recorded for c in people.values())
    assert "Naam" not in recorded and "orphan-old" not in recorded

    # A second pass finds nothing due and records nothing.
    assert not run_retention(private.sessions, private.tracker, POLICY, NOW).anything
    with private.sessions() as session:
        assert session.scalar(select(func.count()).where(AuditEvent.action == "retention")) == 1

    # The person writes again after the transcript was deleted: the new one goes 7 days later.
    with private.sessions.begin() as session:
        session.execute(
            update(Conversation)
            .where(Conversation.id == people["sent_8_days"].id)
            .values(last_message_at=NOW + timedelta(days=1))
        )
    tracker_events(
        private.tracker.engine, people["sent_8_days"].rasa_sender, NOW + timedelta(days=1), "move my appointment"
    )
    run_retention(private.sessions, private.tracker, POLICY, NOW + timedelta(days=7, hours=23))
    assert people["sent_8_days"].rasa_sender in senders_in(private.tracker.engine)
    run_retention(private.sessions, private.tracker, POLICY, NOW + timedelta(days=8))
    assert people["sent_8_days"].rasa_sender not in senders_in(private.tracker.engine)


def test_the_overview_names_the_moment_the_job_deletes(private: Private) -> None:
    """The dates the subject-access overview promises are the ones the job keeps."""
    people = _people(private)
    for key in ("partial_recent", "partial_taken_up", "sent_6_days", "expired_appointment_ahead"):
        with private.sessions() as session:
            intake = session.scalars(select(Intake).where(Intake.conversation_id == people[key].id)).one()
            kept_until = intake_deleted_after(session, intake, POLICY)
            transcript_until = transcript_deleted_after(session, intake, POLICY)
        run_retention(private.sessions, private.tracker, POLICY, kept_until - timedelta(minutes=1))
        with private.sessions() as session:
            assert session.get(Conversation, people[key].id) is not None, key
        if transcript_until < kept_until:
            assert people[key].rasa_sender not in senders_in(private.tracker.engine), key
        run_retention(private.sessions, private.tracker, POLICY, kept_until)
        with private.sessions() as session:
            assert session.get(Conversation, people[key].id) is None, key


# -- Through the API, on the shared database ------------------------------------------------


@pytest.fixture(scope="module")
def shared_tracker(database_url: str) -> Iterator[TrackerStore]:
    """Rasa's tracker store of the backend under test (made as Rasa makes it at its first start)."""
    tracker_url = tracker_store_url(database_url)
    create_database_if_missing(tracker_url)
    tracker = TrackerStore(normalize_database_url(tracker_url))
    EVENTS.metadata.create_all(tracker.engine)
    yield tracker
    tracker.close()


@dataclass(frozen=True)
class Person:
    token: str
    conversation_id: int
    sender: str
    intake_id: uuid.UUID


def chat_person(
    client: TestClient, internal_headers: dict[str, str], language: str, answers: list[dict[str, Any]]
) -> Person:
    """A person who started on the chat page and whose answers the action server saved, naming
    the conversation the way it does: by Rasa's sender id."""
    from backend.db import session_scope

    token = client.post("/api/chat/conversations").json()["conversation_id"]
    with session_scope() as session:
        conversation = session.scalars(select(Conversation).where(Conversation.token_hash == token_hash(token))).one()
        conversation.language = language
        conversation_id, sender = conversation.id, conversation.rasa_sender
    body = {"conversation_id": sender, "language": language, "answers": answers, "complete": True}
    response = client.post("/api/internal/intakes", json=body, headers=internal_headers)
    assert response.status_code == 200, response.text
    return Person(token, conversation_id, sender, uuid.UUID(response.json()["intake_id"]))


def test_rasa_knows_the_conversation_by_a_pseudonym_that_saving_finds(
    client: TestClient, internal_headers: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from backend.db import session_scope

    senders: list[str] = []

    async def rasa(sender: str, text: str, language: str, *more: object) -> list[dict[str, Any]]:
        senders.append(sender)
        return [{"recipient_id": sender, "text": "Welkom"}]

    monkeypatch.setattr(client.app.state.rasa_gate, "ask", rasa)  # type: ignore[attr-defined]
    token = client.post("/api/chat/conversations").json()["conversation_id"]
    assert client.post(f"/api/chat/conversations/{token}/messages", json={"text": "hallo"}).status_code == 200

    with session_scope() as session:
        conversation = session.scalars(select(Conversation).where(Conversation.token_hash == token_hash(token))).one()
    assert senders == [conversation.rasa_sender]
    sender = senders[0]
    assert token not in sender and sender != token_hash(token) and len(sender) >= 43
    # The action server saves under the sender id: the answers land in this conversation.
    answers = [{"question_id": "municipality", "value": DRECHTERLAND}]
    body = {"conversation_id": sender, "language": "nl", "answers": answers, "complete": False}
    response = client.post("/api/internal/intakes", json=body, headers=internal_headers)
    assert response.status_code == 200, response.text
    with session_scope() as session:
        intake = session.get_one(Intake, uuid.UUID(response.json()["intake_id"]))
        assert intake.conversation_id == conversation.id
        assert (
            session.scalar(select(func.count()).select_from(Conversation).where(Conversation.rasa_sender == sender))
            == 1
        )
    offer = client.post("/api/internal/appointments/offer", json={"conversation_id": sender}, headers=internal_headers)
    assert offer.status_code == 200, offer.text


def _all_rows_as_text(session: Session) -> dict[str, str]:
    return {table.name: repr(session.execute(select(table)).all()) for table in Base.metadata.sorted_tables}


def test_erasure_removes_every_copy_and_the_audit_log_keeps_only_that_it_happened(  # type: ignore[no-untyped-def]
    client: TestClient, internal_headers: dict[str, str], make_staff, shared_tracker: TrackerStore
) -> None:
    from backend.db import session_scope

    marker = secrets.token_hex(6)
    erased = chat_person(
        client,
        internal_headers,
        "ar",
        [
            {
                "question_id": "full_name",
                "value": f"Erased Person {marker}",
                "original_text": f"Erased Person {marker}",
            },
            {"question_id": "municipality", "value": DRECHTERLAND},
            {"question_id": "courses", "value": f"naaien {marker}", "original_text": f"خياطة {marker}"},
        ],
    )
    kept = chat_person(
        client,
        internal_headers,
        "ar",
        [
            {"question_id": "full_name", "value": f"Kept Person {marker}", "original_text": f"Kept Person {marker}"},
            {"question_id": "municipality", "value": DRECHTERLAND},
        ],
    )
    manager = make_staff(StaffRole.CASE_MANAGER, (DRECHTERLAND,))
    volunteer = make_staff(StaffRole.VOLUNTEER, (DRECHTERLAND,))
    admin = make_staff(StaffRole.ADMINISTRATOR)
    # Staff worked with the person's data: reads, a correction, help in the chat.
    assert client.get(f"/api/intakes/{erased.intake_id}", headers=manager.headers).status_code == 200
    correction = {"value": f"Erased Person-Corrected {marker}"}
    assert (
        client.put(
            f"/api/intakes/{erased.intake_id}/fields/full_name", json=correction, headers=manager.headers
        ).status_code
        == 200
    )
    assert start_assistance(client, erased.token, volunteer) == 200
    with session_scope() as session:
        calendar = add_calendar(session)
        starts = datetime.combine(date.today() + timedelta(days=300), time(9), UTC)
        appointment_id = add_appointment(session, calendar, erased.intake_id, starts, AppointmentStatus.BOOKED).id
        add_appointment(session, calendar, kept.intake_id, starts + timedelta(hours=2), AppointmentStatus.BOOKED)
    tracker_events(shared_tracker.engine, erased.sender, datetime.now(UTC), f"my name is Erased Person {marker}")
    tracker_events(shared_tracker.engine, kept.sender, datetime.now(UTC), f"my name is Kept Person {marker}")

    assert client.delete(f"/api/admin/intakes/{erased.intake_id}", headers=manager.headers).status_code == 403
    response = client.delete(f"/api/admin/intakes/{erased.intake_id}", headers=admin.headers)
    assert response.status_code == 200, response.text
    deleted = response.json()["deleted"]
    assert deleted["intake"] == 1 and deleted["conversation"] == 1 and deleted["rasa_tracker_events"] == 1
    assert deleted["intake_answer"] >= 4 and deleted["answer_translation"] >= 1 and deleted["chat_notice"] == 1
    assert deleted["resource_claim"] == 2 and deleted["audit_event"] >= 3

    erased_copies = [
        f"Erased Person {marker}",
        f"Erased Person-Corrected {marker}",
        f"naaien {marker}",
        f"خياطة {marker}",
        erased.sender,
        token_hash(erased.token),
        str(appointment_id),
    ]
    with session_scope() as session:
        for table, rows in _all_rows_as_text(session).items():
            assert not [copy for copy in erased_copies if copy in rows], table
            assert table == "audit_event" or str(erased.intake_id) not in rows, table
        rows = _all_rows_as_text(session)
        assert f"Kept Person {marker}" in rows["intake_answer"] and kept.sender in rows["conversation"]
        about = session.scalars(
            select(AuditEvent).where(audit_entries_about(erased.intake_id, erased.conversation_id))
        ).all()
        assert [(e.action, e.object_type) for e in about] == [("erase_person", "intake")]
        assert "Erased" not in json.dumps(about[0].detail)
    assert erased.sender not in senders_in(shared_tracker.engine)
    assert kept.sender in senders_in(shared_tracker.engine)
    # The phone's token opens nothing any more; a second request finds nothing to erase.
    assert client.get(f"/api/chat/conversations/{erased.token}/notices").status_code == 404
    assert client.delete(f"/api/admin/intakes/{erased.intake_id}", headers=admin.headers).status_code == 404
    assert client.delete(f"/api/admin/intakes/{kept.intake_id}", headers=admin.headers).status_code == 200


def _text(overview: dict[str, Any]) -> str:
    lines = [overview["title"], overview["intro"]]
    for part in overview["parts"]:
        lines.append(part["title"])
        for entry in part["entries"]:
            lines += [entry["label"], entry["value"], *entry["details"]]
    return "\n".join(lines)


def test_subject_access_shows_everything_held_in_dutch_and_in_the_persons_language(  # type: ignore[no-untyped-def]
    client: TestClient, internal_headers: dict[str, str], make_staff, shared_tracker: TrackerStore
) -> None:
    from backend.db import session_scope

    marker = secrets.token_hex(6)
    person = chat_person(
        client,
        internal_headers,
        "ti",
        [
            {"question_id": "full_name", "value": f"Semhar {marker}", "original_text": f"ሰምሃር {marker}"},
            {"question_id": "municipality", "value": DRECHTERLAND},
            {"question_id": "country_of_origin", "value": "ER", "original_text": "ኤርትራ"},
            {"question_id": "courses", "value": f"ምስፋይ {marker}", "original_text": f"ምስፋይ {marker}"},
        ],
    )
    manager = make_staff(StaffRole.CASE_MANAGER, (DRECHTERLAND,))
    admin = make_staff(StaffRole.ADMINISTRATOR)
    correction = {"value": "ET"}
    assert (
        client.put(
            f"/api/intakes/{person.intake_id}/fields/country_of_origin", json=correction, headers=manager.headers
        ).status_code
        == 200
    )
    assert client.get(f"/api/intakes/{person.intake_id}", headers=manager.headers).status_code == 200
    with session_scope() as session:
        session.execute(
            update(AnswerTranslation)
            .where(AnswerTranslation.answer_id == IntakeAnswer.id, IntakeAnswer.intake_id == person.intake_id)
            .values(text_nl=f"Naaicursus {marker}", status=TranslationStatus.HUMAN)
        )
        calendar = add_calendar(session)
        starts = datetime.combine(date.today() + timedelta(days=301), time(10), UTC)
        add_appointment(session, calendar, person.intake_id, starts, AppointmentStatus.BOOKED)
    tracker_events(shared_tracker.engine, person.sender, datetime.now(UTC), f"ሽመይ ሰምሃር {marker}")

    assert (
        client.get(f"/api/admin/intakes/{person.intake_id}/subject-access", headers=manager.headers).status_code == 403
    )
    response = client.get(f"/api/admin/intakes/{person.intake_id}/subject-access", headers=admin.headers)
    assert response.status_code == 200, response.text
    dutch, own = response.json()["overviews"]
    assert (dutch["language"], own["language"]) == ("nl", "ti")
    assert dutch["title"] == translate("nl", access.TITLE) != own["title"] == translate("ti", access.TITLE)
    both = {"nl": _text(dutch), "ti": _text(own)}
    for language, text in both.items():
        # What the person typed stays as typed, in both.
        for held in (
            f"Semhar {marker}",
            f"ሰምሃር {marker}",
            "ኤርትራ",
            f"ምስፋይ {marker}",
            f"Naaicursus {marker}",
            f"ሽመይ ሰምሃር {marker}",
            "تذكير",
        ):
            assert held in text, (language, held)
        # The rest in the overview's language: the corrected country and the earlier one, who
        # entered what, who read it (by role), the appointment, the overview itself.
        territories = Locale.parse(language).territories
        assert territories["ET"] in text and territories["ER"] in text, language
        for message in (
            access.SOURCES[AnswerSource.CASE_MANAGER],
            access.SOURCES[AnswerSource.CHAT],
            access.ANSWERS_KEPT,
            access.APPOINTMENTS,
            access.WHO_WORKED,
        ):
            assert translate(language, message) in text, (language, message)
        for role, action in (
            (StaffRole.CASE_MANAGER, "read_intake"),
            (StaffRole.ADMINISTRATOR, "subject_access_export"),
        ):
            who, what = translate(language, access.ROLES[role]), translate(language, access.ACTIONS[action])
            assert f"{who}: {what}" in text, (language, action)
        assert manager.username not in text and admin.username not in text  # roles, not names
    assert "Een klantmanager: heeft je antwoorden gelezen" in both["nl"]
    with session_scope() as session:
        assert (
            session.scalar(
                select(func.count()).where(
                    AuditEvent.action == "subject_access_export", AuditEvent.object_id == str(person.intake_id)
                )
            )
            == 1
        )
    assert client.delete(f"/api/admin/intakes/{person.intake_id}", headers=admin.headers).status_code == 200
