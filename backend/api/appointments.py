"""Case managers plan RIT appointments: slots, booking, moving, cancelling, outcomes, the
10-week clock and the invitation chain of the law. Scoped to their municipalities; audited."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Annotated, TypeVar

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.api.params import Day, Moment
from backend.deps import SessionDep
from backend.errors import BadRequest, Conflict, _
from backend.intakes import person_name
from backend.models import (
    Appointment,
    AppointmentChange,
    AppointmentStatus,
    Intake,
    IntakeStart,
    Invitation,
    InvitationStep,
    Resource,
    SchedulingProblem,
    StaffUser,
    as_utc,
    day_in_amsterdam,
    utcnow,
)
from backend.policy import CASE_MANAGERS, Audit, appointment_for, audited, intake_for, intake_scope
from backend.prefilled import pip_deadline, term_start
from backend.presenters.appointments import (
    appointment_status_label,
    change_action_label,
    change_actor_label,
    invitation_step_label,
    problem_reason_label,
)
from backend.scheduling import booking
from backend.scheduling.invitations import FINE_EUR, next_step
from backend.scheduling.slots import TOKEN_SEPARATOR, Slot
from backend.scheduling.types import APPOINTMENT_TYPES
from backend.text_input import StrictText

T = TypeVar("T")

router = APIRouter(prefix="/api", tags=["appointments"])


class SlotOut(BaseModel):
    token: str
    starts_at: datetime
    ends_at: datetime
    location: str
    case_manager: str
    interpreter: str | None


class AppointmentOut(BaseModel):
    id: uuid.UUID
    intake_id: uuid.UUID
    person: str | None
    type_code: str
    type: str
    status: AppointmentStatus
    status_label: str  # in Dutch, from backend/presenters/appointments.py
    starts_at: datetime
    ends_at: datetime
    location: str
    address: str
    room: str
    case_manager: str
    interpreter: str | None
    interpreter_by_phone: bool


class ChangeOut(BaseModel):
    at: datetime
    action: str
    action_label: str
    actor: str
    actor_label: str
    staff_user: str | None
    old_starts_at: datetime | None
    new_starts_at: datetime | None
    reason: str | None


class BookIn(BaseModel):
    token: StrictText = Field(max_length=120)
    reason: StrictText | None = Field(default=None, max_length=500)


class CancelIn(BaseModel):
    reason: StrictText | None = Field(default=None, max_length=500)


class OutcomeIn(BaseModel):
    attended: bool


class TermStartIn(BaseModel):
    starts_on: Day


class InvitationIn(BaseModel):
    respond_by: Day


class InvitationOut(BaseModel):
    step: InvitationStep
    step_label: str
    sent_at: datetime
    respond_by: date
    responded_at: datetime | None
    fine_eur: int | None


class ProblemOut(BaseModel):
    type_code: str
    reason: str
    reason_label: str
    detail: str
    found_at: datetime


class TimelineOut(BaseModel):
    term_start: date
    term_start_estimated: bool
    pip_deadline: date
    days_left: int
    invitations: list[InvitationOut]
    next_invitation_step: InvitationStep | None
    appointments: list[AppointmentOut]
    scheduling_problems: list[ProblemOut]


def appointment_out(appointment: Appointment) -> AppointmentOut:
    return AppointmentOut(
        id=appointment.id,
        intake_id=appointment.intake_id,
        person=person_name(appointment.intake),
        type_code=appointment.type_code,
        type=APPOINTMENT_TYPES[appointment.type_code].label_nl,
        status=appointment.status,
        status_label=appointment_status_label(appointment.status),
        starts_at=as_utc(appointment.starts_at),
        ends_at=as_utc(appointment.ends_at),
        location=appointment.location.name,
        address=appointment.location.address,
        room=appointment.room.name,
        case_manager=appointment.case_manager.name,
        interpreter=appointment.interpreter.name if appointment.interpreter else None,
        interpreter_by_phone=bool(appointment.interpreter and appointment.interpreter.by_phone),
    )


def _slot_out(session: Session, slot: Slot) -> SlotOut:
    names = {r.id: r for r in session.scalars(select(Resource).where(Resource.id.in_(slot.resource_ids())))}
    interpreter = names.get(slot.interpreter_id) if slot.interpreter_id else None
    room = names[slot.room_id]
    return SlotOut(
        token=slot.token(),
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        location=room.location.name if room.location else "",
        case_manager=names[slot.case_manager_id].name,
        interpreter=(interpreter.name + (" (telefonisch)" if interpreter.by_phone else "")) if interpreter else None,
    )


def parse_slot(token: str) -> Slot:
    type_code = token.replace(TOKEN_SEPARATOR, ".").split(".", 1)[0]
    if type_code not in APPOINTMENT_TYPES:
        raise BadRequest(_("This is not a valid time slot."))
    try:
        return Slot.from_token(token, APPOINTMENT_TYPES[type_code].duration)
    except ValueError:
        raise BadRequest(_("This is not a valid time slot.")) from None


def _scheduling(call: Callable[[], T]) -> T:
    """Run a booking call; its refusals become clear Dutch API errors."""
    try:
        return call()
    except booking.SlotTaken:
        raise Conflict(_("This time is no longer free. Choose another time.")) from None
    except booking.AlreadyBooked:
        raise Conflict(_("This person already has this appointment. Move it instead.")) from None
    except booking.NotBookable as error:
        raise BadRequest(_("This cannot be planned: {reason}"), reason=str(error)) from None


@router.get("/intakes/{intake_id}/slots")
def search_slots(
    intake_id: uuid.UUID,
    audit: Annotated[Audit, audited("search_slots", "intake", CASE_MANAGERS)],
    session: SessionDep,
    type: StrictText = "brede_intake",
) -> list[SlotOut]:
    """The earliest free slots for this person, their municipality's offices first."""
    intake = intake_for(session, audit, intake_id)
    audit.note(type=type)
    slots = _scheduling(lambda: booking.offer_slots(session, intake, type))
    return [_slot_out(session, slot) for slot in slots]


@router.post("/intakes/{intake_id}/appointments", status_code=201)
def book_appointment(
    intake_id: uuid.UUID,
    body: BookIn,
    audit: Annotated[Audit, audited("book_appointment", "intake", CASE_MANAGERS)],
    session: SessionDep,
) -> AppointmentOut:
    intake = intake_for(session, audit, intake_id)
    slot = parse_slot(body.token)
    audit.note(starts_at=slot.starts_at.isoformat())
    return appointment_out(_scheduling(lambda: booking.book(session, intake, slot, staff=audit.user)))


@router.get("/appointments")
def calendar(
    audit: Annotated[Audit, audited("read_calendar", "appointment", CASE_MANAGERS)],
    session: SessionDep,
    start: Moment | None = None,
    end: Moment | None = None,
    municipality: StrictText | None = None,
) -> list[AppointmentOut]:
    """Open and past appointments of the case manager's municipalities in a period (default: 4 weeks)."""
    start = start or utcnow() - timedelta(days=1)
    end = end or start + timedelta(weeks=4)
    rows = session.scalars(
        select(Appointment)
        .join(Intake, Appointment.intake_id == Intake.id)
        .where(intake_scope(audit.user, municipality), Appointment.starts_at >= start, Appointment.starts_at < end)
        .order_by(Appointment.starts_at)
    ).all()
    audit.note(count=len(rows))
    return [appointment_out(a) for a in rows]


@router.post("/appointments/{appointment_id}/move")
def move_appointment(
    appointment_id: uuid.UUID,
    body: BookIn,
    audit: Annotated[Audit, audited("move_appointment", "intake", CASE_MANAGERS)],
    session: SessionDep,
) -> AppointmentOut:
    appointment = appointment_for(session, audit, appointment_id)
    slot = parse_slot(body.token)
    return appointment_out(
        _scheduling(lambda: booking.move(session, appointment, slot, staff=audit.user, reason=body.reason))
    )


@router.post("/appointments/{appointment_id}/cancel")
def cancel_appointment(
    appointment_id: uuid.UUID,
    body: CancelIn,
    audit: Annotated[Audit, audited("cancel_appointment", "intake", CASE_MANAGERS)],
    session: SessionDep,
) -> AppointmentOut:
    appointment = appointment_for(session, audit, appointment_id)
    return appointment_out(
        _scheduling(lambda: booking.cancel(session, appointment, staff=audit.user, reason=body.reason))
    )


@router.post("/appointments/{appointment_id}/outcome")
def record_outcome(
    appointment_id: uuid.UUID,
    body: OutcomeIn,
    audit: Annotated[Audit, audited("appointment_outcome", "intake", CASE_MANAGERS)],
    session: SessionDep,
) -> AppointmentOut:
    """The person came, or did not come (a no-show counts in the invitation chain)."""
    appointment = appointment_for(session, audit, appointment_id)
    audit.note(attended=body.attended)
    return appointment_out(_scheduling(lambda: booking.record_outcome(session, appointment, body.attended, audit.user)))


@router.get("/appointments/{appointment_id}/history")
def appointment_history(
    appointment_id: uuid.UUID,
    audit: Annotated[Audit, audited("read_appointment_history", "intake", CASE_MANAGERS)],
    session: SessionDep,
) -> list[ChangeOut]:
    appointment = appointment_for(session, audit, appointment_id)
    changes = session.scalars(
        select(AppointmentChange)
        .where(AppointmentChange.appointment_id == appointment.id)
        .order_by(AppointmentChange.id)
    ).all()
    staff = {u.id: u.full_name for u in session.scalars(select(StaffUser))}
    return [
        ChangeOut(
            at=as_utc(c.at),
            action=c.action,
            action_label=change_action_label(c.action),
            actor=c.actor.value,
            actor_label=change_actor_label(c.actor.value),
            staff_user=staff.get(c.staff_user_id) if c.staff_user_id else None,
            old_starts_at=as_utc(c.old_starts_at) if c.old_starts_at else None,
            new_starts_at=as_utc(c.new_starts_at) if c.new_starts_at else None,
            reason=c.reason,
        )
        for c in changes
    ]


@router.put("/intakes/{intake_id}/term-start")
def set_term_start(
    intake_id: uuid.UUID,
    body: TermStartIn,
    audit: Annotated[Audit, audited("set_term_start", "intake", CASE_MANAGERS)],
    session: SessionDep,
) -> TimelineOut:
    """Record the start of the integration term (from DUO's notice): the 10-week clock starts there."""
    intake = intake_for(session, audit, intake_id)
    user = audit.user
    if intake.start is None:
        intake.start = IntakeStart(intake_id=intake.id, starts_on=body.starts_on, set_by_id=user.id)
    else:
        intake.start.starts_on, intake.start.set_by_id, intake.start.set_at = body.starts_on, user.id, utcnow()
    audit.note(starts_on=body.starts_on.isoformat())
    session.flush()
    return _timeline(session, intake)


@router.post("/intakes/{intake_id}/invitations", status_code=201)
def send_invitation(
    intake_id: uuid.UUID,
    body: InvitationIn,
    audit: Annotated[Audit, audited("send_invitation", "intake", CASE_MANAGERS)],
    session: SessionDep,
) -> TimelineOut:
    """Record the next step of the chain: first invitation, warning, fine (see the timeline)."""
    intake = intake_for(session, audit, intake_id)
    invitations = _invitations(session, intake)
    step = next_step(invitations)
    if step is None:
        raise Conflict(_("Every step of the invitation chain has been taken."))
    if invitations and invitations[-1].responded_at is not None:
        raise Conflict(_("The person responded to the last invitation; no next step is needed."))
    session.add(
        Invitation(
            intake_id=intake.id,
            step=step,
            respond_by=body.respond_by,
            fine_eur=FINE_EUR.get(step),
            sent_by_id=audit.user.id,
        )
    )
    audit.note(step=step.value)
    session.flush()
    return _timeline(session, intake)


@router.get("/intakes/{intake_id}/timeline")
def timeline(
    intake_id: uuid.UUID,
    audit: Annotated[Audit, audited("read_timeline", "intake", CASE_MANAGERS)],
    session: SessionDep,
) -> TimelineOut:
    """The 10-week clock, the invitation chain with its dates, appointments and planning problems."""
    return _timeline(session, intake_for(session, audit, intake_id))


def _invitations(session: Session, intake: Intake) -> list[Invitation]:
    return list(session.scalars(select(Invitation).where(Invitation.intake_id == intake.id).order_by(Invitation.id)))


def _timeline(session: Session, intake: Intake) -> TimelineOut:
    session.refresh(intake)
    start, estimated = term_start(intake)
    deadline = pip_deadline(intake)
    invitations = _invitations(session, intake)
    answered = bool(invitations) and invitations[-1].responded_at is not None
    appointments = session.scalars(
        select(Appointment).where(Appointment.intake_id == intake.id).order_by(Appointment.starts_at)
    ).all()
    problems = session.scalars(
        select(SchedulingProblem).where(
            SchedulingProblem.intake_id == intake.id, SchedulingProblem.resolved_at.is_(None)
        )
    ).all()
    return TimelineOut(
        term_start=start,
        term_start_estimated=estimated,
        pip_deadline=deadline,
        days_left=(deadline - day_in_amsterdam(utcnow())).days,
        invitations=[
            InvitationOut(
                step=i.step,
                step_label=invitation_step_label(i.step),
                sent_at=as_utc(i.sent_at),
                respond_by=i.respond_by,
                responded_at=as_utc(i.responded_at) if i.responded_at else None,
                fine_eur=i.fine_eur,
            )
            for i in invitations
        ],
        next_invitation_step=None if answered else next_step(invitations),
        appointments=[appointment_out(a) for a in appointments],
        scheduling_problems=[
            ProblemOut(
                type_code=p.type_code,
                reason=p.reason,
                reason_label=problem_reason_label(p.reason),
                detail=p.detail,
                found_at=as_utc(p.found_at),
            )
            for p in problems
        ],
    )
