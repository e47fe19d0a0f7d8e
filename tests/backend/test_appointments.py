"""RIT appointments on PostgreSQL: atomic booking under contention, moves and cancellations
with their log, reminders sent once (also across a restart), the legal chain, and scoping."""

from __future__ import annotations

import secrets
import threading
import uuid
from collections import Counter
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text

from backend.models import (
    Appointment,
    AppointmentChange,
    AppointmentStatus,
    ChatNotice,
    Intake,
    Location,
    LocationKind,
    Reminder,
    ReminderStatus,
    Resource,
    ResourceKind,
    StaffRole,
    StaffUser,
    WorkingHours,
    as_utc,
)

OPMEER = "0439"
KOGGENLAND = "1598"


def make_intake(client: TestClient, headers: dict[str, str], municipality: str, language: str = "ar") -> uuid.UUID:
    answers: list[dict[str, Any]] = [
        {"question_id": "full_name", "value": "Test Persoon", "original_text": "Test Persoon"},
        {"question_id": "municipality", "value": municipality},
        {"question_id": "interpreter_needed", "value": "yes"},
        {"question_id": "interpreter_language", "value": "ar"},
        {"question_id": "availability", "value": ["mon_morning", "tue_morning", "wed_morning", "thu_morning"]},
    ]
    body = {"conversation_id": secrets.token_urlsafe(32), "language": language, "answers": answers, "complete": True}
    response = client.post("/api/internal/intakes", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return uuid.UUID(response.json()["intake_id"])


@pytest.fixture(scope="module")
def opmeer_calendar(client: TestClient, make_staff) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """One office with one room, one case manager and one Arabic interpreter: a tight calendar."""
    from backend.db import session_scope

    staff = make_staff(StaffRole.CASE_MANAGER, (OPMEER,))
    hours = [(d, time(9), time(17)) for d in range(5)]
    with session_scope() as session:
        user = session.scalar(select(StaffUser).where(StaffUser.username == staff.username))
        assert user is not None
        office = Location(
            name="Gemeentehuis Opmeer (test)",
            address="Teststraat 1",
            kind=LocationKind.OFFICE,
            municipality_code=OPMEER,
        )
        session.add(office)
        session.flush()
        resources = [
            Resource(kind=ResourceKind.ROOM, name="Spreekkamer (test)", location_id=office.id),
            Resource(kind=ResourceKind.CASE_MANAGER, name="Casemanager Opmeer (test)", staff_user_id=user.id),
            Resource(kind=ResourceKind.INTERPRETER, name="Tolk Arabisch (test)", languages=["ar"]),
        ]
        for resource in resources:
            resource.hours = [WorkingHours(weekday=d, starts=s, ends=e) for d, s, e in hours]
            session.add(resource)
    return {"staff": staff}


def test_exactly_one_of_many_parallel_bookings_wins_the_last_slot(  # type: ignore[no-untyped-def]
    client: TestClient, internal_headers: dict[str, str], opmeer_calendar
) -> None:
    from backend.db import get_sessionmaker
    from backend.scheduling import booking

    intakes = [make_intake(client, internal_headers, OPMEER) for _ in range(12)]
    with get_sessionmaker()() as session:
        first = session.get_one(Intake, intakes[0])
        slot = booking.offer_slots(session, first, "brede_intake")[0]

    barrier = threading.Barrier(len(intakes))
    outcomes: list[str] = []

    def race(intake_id: uuid.UUID) -> None:
        with get_sessionmaker()() as session:
            intake = session.get_one(Intake, intake_id)
            barrier.wait()
            try:
                booking.book(session, intake, slot)
                outcomes.append("booked")
            except booking.SlotTaken:
                outcomes.append("taken")

    threads = [threading.Thread(target=race, args=(i,)) for i in intakes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Counter(outcomes) == {"booked": 1, "taken": len(intakes) - 1}

    # The losers are offered other times, none of them the taken one.
    with get_sessionmaker()() as session:
        loser = session.get_one(Intake, intakes[1] if outcomes else intakes[0])
        offered = booking.offer_slots(session, loser, "brede_intake")
        assert offered and slot.starts_at not in [s.starts_at for s in offered]


def test_zero_double_bookings_when_everyone_books_at_once(  # type: ignore[no-untyped-def]
    client: TestClient, internal_headers: dict[str, str], opmeer_calendar
) -> None:
    from backend.db import get_sessionmaker
    from backend.scheduling import booking

    intakes = [make_intake(client, internal_headers, OPMEER) for _ in range(16)]
    barrier = threading.Barrier(len(intakes))
    booked: list[uuid.UUID] = []

    def book_until_done(intake_id: uuid.UUID) -> None:
        with get_sessionmaker()() as session:
            intake = session.get_one(Intake, intake_id)
            barrier.wait()
            for _attempt in range(20):  # taken: look again, as the chat does
                slots = booking.offer_slots(session, intake, "brede_intake")
                session.commit()
                try:
                    booking.book(session, intake, slots[0])
                    booked.append(intake_id)
                    return
                except booking.SlotTaken:
                    continue

    threads = [threading.Thread(target=book_until_done, args=(i,)) for i in intakes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(booked) == sorted(intakes)  # everyone got a time in the end

    from backend.db import get_engine

    with get_engine().connect() as connection:
        overlapping = connection.execute(
            text(
                """
                SELECT count(*) FROM appointment a JOIN appointment b ON a.id < b.id
                WHERE a.status = 'booked' AND b.status = 'booked'
                  AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
                  AND (a.case_manager_id = b.case_manager_id OR a.room_id = b.room_id
                       OR a.interpreter_id = b.interpreter_id)
                """
            )
        ).scalar_one()
    assert overlapping == 0


def test_move_cancel_and_their_log(client: TestClient, internal_headers: dict[str, str], opmeer_calendar) -> None:  # type: ignore[no-untyped-def]
    staff = opmeer_calendar["staff"]
    intake_id = make_intake(client, internal_headers, OPMEER)
    slots = client.get(f"/api/intakes/{intake_id}/slots", headers=staff.headers).json()
    assert len(slots) == 3 and slots[0]["interpreter"] == "Tolk Arabisch (test)"
    booked = client.post(
        f"/api/intakes/{intake_id}/appointments", json={"token": slots[0]["token"]}, headers=staff.headers
    )
    assert booked.status_code == 201, booked.text
    appointment = booked.json()
    again = client.post(
        f"/api/intakes/{intake_id}/appointments", json={"token": slots[1]["token"]}, headers=staff.headers
    )
    assert again.status_code == 409 and "Verplaats" in again.json()["detail"]

    moved = client.post(
        f"/api/appointments/{appointment['id']}/move",
        json={"token": slots[1]["token"], "reason": "kan niet op dinsdag"},
        headers=staff.headers,
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["starts_at"] == slots[1]["starts_at"]
    cancelled = client.post(f"/api/appointments/{appointment['id']}/cancel", json={}, headers=staff.headers)
    assert cancelled.json()["status"] == "cancelled"

    history = client.get(f"/api/appointments/{appointment['id']}/history", headers=staff.headers).json()
    assert [h["action"] for h in history] == ["booked", "moved", "cancelled"]
    assert history[1]["reason"] == "kan niet op dinsdag" and history[1]["staff_user"] == staff.username
    # The cancelled time is free again.
    assert (
        client.get(f"/api/intakes/{intake_id}/slots", headers=staff.headers).json()[0]["starts_at"]
        == slots[0]["starts_at"]
    )

    rubbish = client.post(f"/api/intakes/{intake_id}/appointments", json={"token": "../../etc"}, headers=staff.headers)
    assert rubbish.status_code == 400 and rubbish.json()["detail"] == "Dit is geen geldig tijdstip."


def test_another_municipality_cannot_see_or_touch_the_appointment(  # type: ignore[no-untyped-def]
    client: TestClient, internal_headers: dict[str, str], opmeer_calendar, make_staff
) -> None:
    staff = opmeer_calendar["staff"]
    intake_id = make_intake(client, internal_headers, OPMEER)
    slot = client.get(f"/api/intakes/{intake_id}/slots", headers=staff.headers).json()[0]
    appointment = client.post(
        f"/api/intakes/{intake_id}/appointments", json={"token": slot["token"]}, headers=staff.headers
    ).json()
    other = make_staff(StaffRole.CASE_MANAGER, (KOGGENLAND,))
    assert client.get(f"/api/intakes/{intake_id}/slots", headers=other.headers).status_code == 404
    assert (
        client.post(f"/api/appointments/{appointment['id']}/cancel", json={}, headers=other.headers).status_code == 404
    )
    assert appointment["id"] not in [a["id"] for a in client.get("/api/appointments", headers=other.headers).json()]
    assert appointment["id"] in [a["id"] for a in client.get("/api/appointments", headers=staff.headers).json()]


def test_nothing_before_the_deadline_tells_the_case_manager_why(  # type: ignore[no-untyped-def]
    client: TestClient, internal_headers: dict[str, str], opmeer_calendar
) -> None:
    staff = opmeer_calendar["staff"]
    intake_id = make_intake(client, internal_headers, OPMEER)
    # DUO's notice came nine weeks ago: the intake should have been three weeks before the PIP deadline.
    start = (datetime.now(UTC) - timedelta(weeks=9)).date().isoformat()
    assert (
        client.put(f"/api/intakes/{intake_id}/term-start", json={"starts_on": start}, headers=staff.headers).status_code
        == 200
    )
    assert client.get(f"/api/intakes/{intake_id}/slots", headers=staff.headers).json() == []
    timeline = client.get(f"/api/intakes/{intake_id}/timeline", headers=staff.headers).json()
    assert timeline["term_start_estimated"] is False and timeline["days_left"] <= 7
    assert [p["reason"] for p in timeline["scheduling_problems"]] == ["deadline_passed"]


def test_the_invitation_chain_and_the_clock(
    client: TestClient, internal_headers: dict[str, str], opmeer_calendar
) -> None:  # type: ignore[no-untyped-def]
    staff = opmeer_calendar["staff"]
    intake_id = make_intake(client, internal_headers, OPMEER)
    timeline = client.get(f"/api/intakes/{intake_id}/timeline", headers=staff.headers).json()
    assert timeline["term_start_estimated"] is True and timeline["next_invitation_step"] == "first_invitation"
    respond_by = (datetime.now(UTC) + timedelta(days=14)).date().isoformat()
    steps = []
    for _ in range(2):
        timeline = client.post(
            f"/api/intakes/{intake_id}/invitations", json={"respond_by": respond_by}, headers=staff.headers
        ).json()
        steps.append(timeline["invitations"][-1]["step"])
    assert steps == ["first_invitation", "warning_second"]
    assert timeline["next_invitation_step"] == "fine_third"
    timeline = client.post(
        f"/api/intakes/{intake_id}/invitations", json={"respond_by": respond_by}, headers=staff.headers
    ).json()
    assert timeline["invitations"][-1]["fine_eur"] == 250
    # Booking answers the open invitation: the chain stops there.
    slot = client.get(f"/api/intakes/{intake_id}/slots", headers=staff.headers).json()[0]
    client.post(f"/api/intakes/{intake_id}/appointments", json={"token": slot["token"]}, headers=staff.headers)
    timeline = client.get(f"/api/intakes/{intake_id}/timeline", headers=staff.headers).json()
    assert timeline["invitations"][-1]["responded_at"] is not None and timeline["next_invitation_step"] is None
    refused = client.post(
        f"/api/intakes/{intake_id}/invitations", json={"respond_by": respond_by}, headers=staff.headers
    )
    assert refused.status_code == 409


class RecordingNotifier:
    def __init__(self) -> None:
        self.sent: list[int] = []

    def send(self, notification: Any) -> None:
        self.sent.append(notification.reminder_id)


def test_reminders_are_sent_once_also_after_a_restart_and_with_two_workers(  # type: ignore[no-untyped-def]
    client: TestClient, internal_headers: dict[str, str], opmeer_calendar
) -> None:
    from backend.db import get_engine, get_sessionmaker, session_scope
    from backend.scheduling import booking
    from backend.scheduling.messages import reminder_heading
    from backend.scheduling.reminders import send_due_reminders

    intake_ids = [make_intake(client, internal_headers, OPMEER) for _ in range(3)]
    appointments = []
    with get_sessionmaker()() as session:
        for intake_id in intake_ids:
            intake = session.get_one(Intake, intake_id)
            appointments.append(
                booking.book(session, intake, booking.offer_slots(session, intake, "brede_intake")[0]).id
            )
    with session_scope() as session:
        reminders = session.scalars(select(Reminder).where(Reminder.appointment_id.in_(appointments))).all()
        assert Counter(r.kind for r in reminders) == {"two_days": 3, "two_hours": 3}
        latest = max(r.due_at for r in reminders)
        # A reminder another worker took and then crashed on is never sent again.
        crashed = reminders[0]
        crashed.status = ReminderStatus.SENDING
        crashed_id = crashed.id
        session.flush()
        # Earlier tests booked too: every pending reminder that is due by then goes out.
        due = set(
            session.scalars(
                select(Reminder.id).where(
                    Reminder.status == ReminderStatus.PENDING, Reminder.due_at <= latest + timedelta(minutes=1)
                )
            )
        )
    assert len(due) >= 5

    # Two workers at once, when every reminder is due.
    notifiers = [RecordingNotifier(), RecordingNotifier()]
    threads = [threading.Thread(target=send_due_reminders, args=(n, latest + timedelta(minutes=1))) for n in notifiers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    sent = notifiers[0].sent + notifiers[1].sent
    assert len(sent) == len(set(sent)) and set(sent) == due and crashed_id not in sent

    # "Restart": a new engine and a new worker find nothing left to send.
    get_engine().dispose()
    after_restart = RecordingNotifier()
    assert send_due_reminders(after_restart, latest + timedelta(hours=1)) == 0 and after_restart.sent == []

    with session_scope() as session:
        mine = [r.id for r in reminders if r.id != crashed_id]
        notices = session.scalars(select(ChatNotice).where(ChatNotice.reminder_id.in_(mine))).all()
        assert len(notices) == 5
        assert all(n.values["language"] == "ar" for n in notices)
        # In Arabic, saying how long until the appointment with Arabic's plural forms.
        sent_at = latest + timedelta(minutes=1)
        for notice in notices:
            starts_at = session.get_one(Reminder, notice.reminder_id).appointment.starts_at
            heading = reminder_heading("ar", as_utc(starts_at), sent_at)
            assert notice.values["text"].startswith(heading) and heading.startswith("تذكير")
        assert (
            session.scalar(
                select(func.count())
                .select_from(Reminder)
                .where(Reminder.status == ReminderStatus.SENDING, Reminder.id == crashed_id)
            )
            == 1
        )


def test_moving_replaces_the_reminders_and_cancelling_stops_them(  # type: ignore[no-untyped-def]
    client: TestClient, internal_headers: dict[str, str], opmeer_calendar
) -> None:
    from backend.db import get_sessionmaker
    from backend.scheduling import booking

    intake_id = make_intake(client, internal_headers, OPMEER)
    with get_sessionmaker()() as session:
        intake = session.get_one(Intake, intake_id)
        first, second = booking.offer_slots(session, intake, "brede_intake")[:2]
        appointment = booking.book(session, intake, first)
        booking.move(session, appointment, second, reason="kan niet")
        pending = session.scalars(
            select(Reminder).where(Reminder.appointment_id == appointment.id, Reminder.status == ReminderStatus.PENDING)
        ).all()
        assert {r.due_at for r in pending} == {
            second.starts_at - timedelta(days=2),
            second.starts_at - timedelta(hours=2),
        }
        booking.cancel(session, appointment)
        statuses = session.scalars(select(Reminder.status).where(Reminder.appointment_id == appointment.id)).all()
        assert set(statuses) == {ReminderStatus.CANCELLED}
        assert session.get_one(Appointment, appointment.id).status == AppointmentStatus.CANCELLED
        log = session.scalars(
            select(AppointmentChange.action)
            .where(AppointmentChange.appointment_id == appointment.id)
            .order_by(AppointmentChange.id)
        ).all()
        assert log == ["booked", "moved", "cancelled"]


def test_the_reminder_worker_process_sends_once_across_a_hard_restart(  # type: ignore[no-untyped-def]
    client: TestClient, internal_headers: dict[str, str], opmeer_calendar, database_url: str
) -> None:
    """The real worker process: started, killed without warning, started again."""
    import os
    import signal
    import subprocess
    import sys
    import time as wall

    from backend.db import get_sessionmaker, session_scope
    from backend.scheduling import booking

    intake_id = make_intake(client, internal_headers, OPMEER)
    with get_sessionmaker()() as session:
        intake = session.get_one(Intake, intake_id)
        appointment = booking.book(session, intake, booking.offer_slots(session, intake, "brede_intake")[0])
    with session_scope() as session:
        # Make this appointment's reminders due now (and only these: others stay in the future).
        session.execute(
            text("UPDATE reminder SET status = 'cancelled' WHERE status = 'pending' AND appointment_id != :a"),
            {"a": appointment.id},
        )
        session.execute(
            text("UPDATE reminder SET due_at = now() - interval '1 minute' WHERE appointment_id = :a"),
            {"a": appointment.id},
        )
    env = dict(os.environ, DATABASE_URL=database_url, INTAKE_WORKER_INTERVAL_SECONDS="0.2")

    def notices() -> int:
        with session_scope() as session:
            return int(
                session.scalar(
                    select(func.count())
                    .select_from(ChatNotice)
                    .join(Reminder, ChatNotice.reminder_id == Reminder.id)
                    .where(Reminder.appointment_id == appointment.id)
                )
                or 0
            )

    for _run in range(2):
        worker = subprocess.Popen([sys.executable, "-m", "backend.worker"], env=env)
        deadline = wall.monotonic() + 20
        while notices() < 2 and wall.monotonic() < deadline:
            wall.sleep(0.1)
        wall.sleep(1.0)  # a few more rounds: nothing more may be sent
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        assert notices() == 2
