"""Offer, book, move and cancel appointments; every change logged, no double booking.

Booking claims every 15-minute block of every resource in one transaction. The claim table's
primary key (resource, block) lets the database itself refuse a second claim: when two
people race for the last slot, exactly one commit succeeds and the other gets `SlotTaken`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.intakes import current_answers
from backend.models import (
    Appointment,
    AppointmentChange,
    AppointmentStatus,
    ChangeActor,
    Intake,
    Invitation,
    Reminder,
    ReminderStatus,
    ResourceClaim,
    SchedulingProblem,
    StaffUser,
    as_utc,
    utcnow,
)
from backend.prefilled import pip_deadline
from backend.scheduling.calendar import load_calendar
from backend.scheduling.slots import LOCAL_TIME, Slot, SlotRequest, blocks, find_slots, slot_still_fits, why_no_slot
from backend.scheduling.types import APPOINTMENT_TYPES, AppointmentType

# No appointment sooner than this: the team needs time to prepare (and to book an interpreter).
LEAD_TIME = timedelta(days=2)
# Reminders before the appointment: kind -> how long before.
REMINDERS = {"two_days": timedelta(days=2), "two_hours": timedelta(hours=2)}
# Appointments without a link to the PIP deadline are searched this far ahead.
DEFAULT_HORIZON = timedelta(weeks=8)


class SchedulingError(Exception):
    """A request that cannot be done; `code` names the reason for the chat and the API."""

    code = "scheduling_error"


class SlotTaken(SchedulingError):
    code = "slot_taken"


class AlreadyBooked(SchedulingError):
    code = "already_booked"


class NotBookable(SchedulingError):
    code = "not_bookable"


@dataclass(frozen=True)
class PersonNeeds:
    municipality_code: str
    availability: frozenset[str]
    interpreter_language: str | None


def person_needs(intake: Intake) -> PersonNeeds:
    """What the pre-intake says about when and how the person can meet."""
    answers = {question_id: a for (question_id, _item), a in current_answers(intake).items()}

    def value(question_id: str) -> object:
        answer = answers.get(question_id)
        return None if answer is None or answer.no_answer is not None else answer.value

    if intake.municipality_code is None:
        raise NotBookable("the intake has no municipality yet")
    availability = value("availability")
    language = value("interpreter_language") if value("interpreter_needed") == "yes" else None
    return PersonNeeds(
        municipality_code=intake.municipality_code,
        availability=frozenset(availability) if isinstance(availability, list) else frozenset(),
        interpreter_language=str(language) if language else None,
    )


def slot_request(intake: Intake, appointment_type: AppointmentType, now: datetime, count: int = 3) -> SlotRequest:
    needs = person_needs(intake)
    earliest = _next_block(now + LEAD_TIME)
    if appointment_type.before_pip_deadline is None:
        deadline = earliest + DEFAULT_HORIZON
    else:
        last_day = pip_deadline(intake) - appointment_type.before_pip_deadline
        deadline = datetime.combine(last_day, datetime.min.time(), LOCAL_TIME).astimezone(UTC)
    return SlotRequest(
        type=appointment_type,
        municipality_code=needs.municipality_code,
        availability=needs.availability,
        interpreter_language=needs.interpreter_language,
        earliest=earliest,
        deadline=deadline,
        count=count,
    )


def _next_block(moment: datetime) -> datetime:
    moment = moment.astimezone(UTC).replace(second=0, microsecond=0)
    return moment + timedelta(minutes=(-moment.minute) % 15)


def appointment_type(code: str) -> AppointmentType:
    try:
        return APPOINTMENT_TYPES[code]
    except KeyError:
        raise NotBookable(f"unknown appointment type {code!r}") from None


def offer_slots(
    session: Session, intake: Intake, type_code: str, now: datetime | None = None, count: int = 3
) -> list[Slot]:
    """The earliest slots; when none fits before the deadline the case manager is told why."""
    kind = appointment_type(type_code)
    request = slot_request(intake, kind, now or utcnow(), count)
    calendar = load_calendar(session, request.earliest, request.deadline)
    slots = find_slots(calendar, request)
    if not slots:
        reason = why_no_slot(calendar, request)
        open_problem = session.scalar(
            select(SchedulingProblem).where(
                SchedulingProblem.intake_id == intake.id,
                SchedulingProblem.type_code == type_code,
                SchedulingProblem.resolved_at.is_(None),
            )
        )
        if open_problem is None:
            session.add(
                SchedulingProblem(intake_id=intake.id, type_code=type_code, reason=reason.code, detail=reason.detail)
            )
        else:
            open_problem.reason, open_problem.detail = reason.code, reason.detail
    return slots


def open_appointment(session: Session, intake: Intake, type_code: str | None = None) -> Appointment | None:
    query = select(Appointment).where(
        Appointment.intake_id == intake.id, Appointment.status == AppointmentStatus.BOOKED
    )
    if type_code is not None:
        query = query.where(Appointment.type_code == type_code)
    return session.scalars(query.order_by(Appointment.starts_at)).first()


def holds_slot(appointment: Appointment, slot: Slot) -> bool:
    """The appointment is at exactly this slot: a repeated request to book it is already done."""
    return (
        appointment.type_code == slot.type_code
        and as_utc(appointment.starts_at) == slot.starts_at
        and appointment.location_id == slot.location_id
        and appointment.case_manager_id == slot.case_manager_id
        and appointment.room_id == slot.room_id
        and appointment.interpreter_id == slot.interpreter_id
    )


def _check_slot(session: Session, intake: Intake, slot: Slot, now: datetime, releasing: Appointment | None) -> None:
    kind = appointment_type(slot.type_code)
    request = slot_request(intake, kind, now)
    calendar = load_calendar(session, slot.starts_at, slot.ends_at, set(slot.resource_ids()))
    if releasing is not None:
        # Moving within the appointment's own time: its own blocks do not count as taken.
        own = set(blocks(as_utc(releasing.starts_at), as_utc(releasing.ends_at)))
        for resource in calendar.resources:
            if resource.id in (releasing.case_manager_id, releasing.room_id, releasing.interpreter_id):
                resource.taken -= own
    if not slot_still_fits(calendar, request, slot):
        raise SlotTaken("the slot is no longer free")


def _claim(session: Session, appointment: Appointment, slot: Slot) -> None:
    session.add_all(
        ResourceClaim(resource_id=resource_id, block_start=block, appointment_id=appointment.id)
        for resource_id in slot.resource_ids()
        for block in blocks(slot.starts_at, slot.ends_at)
    )


def _cancel_reminders(session: Session, appointment: Appointment) -> None:
    session.execute(
        update(Reminder)
        .where(Reminder.appointment_id == appointment.id, Reminder.status == ReminderStatus.PENDING)
        .values(status=ReminderStatus.CANCELLED)
    )


def _schedule_reminders(session: Session, appointment: Appointment, now: datetime) -> None:
    _cancel_reminders(session, appointment)
    for kind, before in REMINDERS.items():
        due = as_utc(appointment.starts_at) - before
        if due > now:
            session.add(Reminder(appointment_id=appointment.id, kind=kind, due_at=due, status=ReminderStatus.PENDING))


def _log(
    session: Session,
    appointment: Appointment,
    action: str,
    staff: StaffUser | None,
    old: datetime | None = None,
    reason: str | None = None,
) -> None:
    session.add(
        AppointmentChange(
            appointment_id=appointment.id,
            actor=ChangeActor.STAFF if staff is not None else ChangeActor.PERSON,
            staff_user_id=staff.id if staff is not None else None,
            action=action,
            old_starts_at=old,
            new_starts_at=appointment.starts_at if action in ("booked", "moved") else None,
            reason=reason,
        )
    )


def book(
    session: Session, intake: Intake, slot: Slot, staff: StaffUser | None = None, now: datetime | None = None
) -> Appointment:
    """Book a slot for the person, or raise `SlotTaken` / `AlreadyBooked`. Commits."""
    now = now or utcnow()
    if open_appointment(session, intake, slot.type_code) is not None:
        raise AlreadyBooked("the person already has this appointment; move it instead")
    _check_slot(session, intake, slot, now, releasing=None)
    needs = person_needs(intake)
    with _transaction(session):
        appointment = _new_appointment(session, intake, slot, needs)
        _log(session, appointment, "booked", staff)
        _schedule_reminders(session, appointment, now)
        _answer_invitations(session, intake, now)
        _resolve_problems(session, intake, slot.type_code, now)
    return appointment


def _new_appointment(session: Session, intake: Intake, slot: Slot, needs: PersonNeeds) -> Appointment:
    appointment = Appointment(
        id=uuid.uuid4(),
        intake_id=intake.id,
        type_code=slot.type_code,
        status=AppointmentStatus.BOOKED,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        location_id=slot.location_id,
        case_manager_id=slot.case_manager_id,
        room_id=slot.room_id,
        interpreter_id=slot.interpreter_id,
        interpreter_language=needs.interpreter_language if slot.interpreter_id else None,
    )
    session.add(appointment)
    session.flush()  # the appointment row first: the one-open-appointment rule
    _claim(session, appointment, slot)
    session.flush()
    return appointment


def move(
    session: Session,
    appointment: Appointment,
    slot: Slot,
    staff: StaffUser | None = None,
    reason: str | None = None,
    now: datetime | None = None,
) -> Appointment:
    """Move an appointment to another slot in one transaction: the old time stays if the new is taken."""
    now = now or utcnow()
    if appointment.status != AppointmentStatus.BOOKED or slot.type_code != appointment.type_code:
        raise NotBookable("only an open appointment can move, to a slot of its own type")
    _check_slot(session, appointment.intake, slot, now, releasing=appointment)
    old = appointment.starts_at
    with _transaction(session):
        session.execute(delete(ResourceClaim).where(ResourceClaim.appointment_id == appointment.id))
        appointment.starts_at, appointment.ends_at = slot.starts_at, slot.ends_at
        appointment.location_id, appointment.room_id = slot.location_id, slot.room_id
        appointment.case_manager_id, appointment.interpreter_id = slot.case_manager_id, slot.interpreter_id
        _claim(session, appointment, slot)
        session.flush()
        _log(session, appointment, "moved", staff, old=old, reason=reason)
        _schedule_reminders(session, appointment, now)
    return appointment


def cancel(
    session: Session, appointment: Appointment, staff: StaffUser | None = None, reason: str | None = None
) -> Appointment:
    if appointment.status != AppointmentStatus.BOOKED:
        raise NotBookable("the appointment is not open")
    with _transaction(session):
        appointment.status = AppointmentStatus.CANCELLED
        session.execute(delete(ResourceClaim).where(ResourceClaim.appointment_id == appointment.id))
        _cancel_reminders(session, appointment)
        _log(session, appointment, "cancelled", staff, old=appointment.starts_at, reason=reason)
    return appointment


def record_outcome(session: Session, appointment: Appointment, attended: bool, staff: StaffUser) -> Appointment:
    """After the appointment: the person came, or did not (a no-show, part of the legal chain)."""
    if appointment.status != AppointmentStatus.BOOKED:
        raise NotBookable("the appointment is not open")
    with _transaction(session):
        appointment.status = AppointmentStatus.ATTENDED if attended else AppointmentStatus.NO_SHOW
        # The time is over: the blocks stay as they were, the reminders are moot.
        _cancel_reminders(session, appointment)
        _log(session, appointment, appointment.status.value, staff, old=appointment.starts_at)
    return appointment


def _answer_invitations(session: Session, intake: Intake, now: datetime) -> None:
    """Booking is the person's response to every open invitation."""
    session.execute(
        update(Invitation)
        .where(Invitation.intake_id == intake.id, Invitation.responded_at.is_(None))
        .values(responded_at=now)
    )


def _resolve_problems(session: Session, intake: Intake, type_code: str, now: datetime) -> None:
    session.execute(
        update(SchedulingProblem)
        .where(
            SchedulingProblem.intake_id == intake.id,
            SchedulingProblem.type_code == type_code,
            SchedulingProblem.resolved_at.is_(None),
        )
        .values(resolved_at=now)
    )


@contextmanager
def _transaction(session: Session) -> Iterator[None]:
    """Commit the change, or roll all of it back when another booking got there first."""
    try:
        yield
        session.commit()
    except IntegrityError as error:
        session.rollback()
        # A claim, or the one-open-appointment rule, was taken by a transaction that committed first.
        raise SlotTaken("another booking took this slot first") from error
    except BaseException:
        session.rollback()
        raise
