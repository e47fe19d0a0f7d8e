"""Endpoints for the action server: saving what the person answered, and booking appointments."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.deps import InternalCaller, SessionDep
from backend.errors import BadRequest, Gone, NotFound, _
from backend.intakes import SubmittedAnswer, TypedWith, form_answers_for, named_by_action_server, store_submission
from backend.models import Appointment, Conversation, Intake, IntakeStatus, NoAnswer, as_utc
from backend.policy import not_staff
from backend.privacy.erasure import was_deleted
from backend.scheduling import booking
from backend.scheduling.messages import interpreter_kind
from backend.scheduling.slots import Slot
from backend.text_input import CleanText, CleanValue, StrictText
from locales import language_codes

router = APIRouter(
    prefix="/api/internal",
    tags=["internal"],
    dependencies=[InternalCaller, not_staff("the action server, with the internal token")],
)


class AnswerIn(BaseModel):
    question_id: StrictText = Field(max_length=60)
    # The item of a repeating group (0, 1, ...); none for an ordinary question.
    item: int | None = Field(default=None, ge=0, le=50)
    # What the person typed, and the value read from it, are cleaned (backend/text_input.py):
    # one character the database cannot hold must not fail this and every later save.
    value: CleanValue
    original_text: CleanText | None = Field(default=None, max_length=4000)
    no_answer: NoAnswer | None = None


class TypedWithIn(BaseModel):
    # The volunteer beside the person when the answers were typed; null: nobody.
    volunteer_id: int | None = Field(default=None, ge=1, le=2**31 - 1)


class SubmissionIn(BaseModel):
    conversation_id: StrictText = Field(min_length=20, max_length=200)
    language: str
    answers: list[AnswerIn] = Field(max_length=1000)
    complete: bool
    help_requested: bool = False
    # Numbers the saves of one conversation (newer: higher); an older one than stored is ignored.
    sequence: int | None = Field(default=None, ge=0, le=2**63 - 1)
    # Absent: whoever assists the conversation now (callers that do not know better).
    typed_with: TypedWithIn | None = None


class SubmissionOut(BaseModel):
    intake_id: uuid.UUID
    status: IntakeStatus
    # "older_ignored": a save older than one already stored (a late retry); its answers were not
    # stored (newer ones stand), only its never-undone flags (complete, help requested). The
    # action server counts it as delivered.
    outcome: Literal["stored", "older_ignored"] = "stored"


@router.post("/intakes")
def submit_intake(body: SubmissionIn, session: SessionDep) -> SubmissionOut:
    if body.language not in language_codes():
        raise BadRequest(_("Unknown language: {code}"), code=body.language)
    # A save that waited in the outbox while the person was erased: never a new conversation.
    # (A deleted conversation's names are never given again: both are random, 256 bits.)
    if was_deleted(session, body.conversation_id):
        raise Gone()
    result = store_submission(
        session,
        conversation_token=body.conversation_id,
        language=body.language,
        answers=[
            SubmittedAnswer(
                question_id=a.question_id,
                value=a.value,
                original_text=a.original_text,
                item=a.item or 0,
                no_answer=a.no_answer,
            )
            for a in body.answers
        ],
        complete=body.complete,
        help_requested=body.help_requested,
        sequence=body.sequence,
        typed_with=TypedWith(body.typed_with.volunteer_id) if body.typed_with is not None else None,
    )
    return SubmissionOut(
        intake_id=result.intake.id,
        status=result.intake.status,
        outcome="stored" if result.stored else "older_ignored",
    )


class StoredAnswerOut(BaseModel):
    question_id: str
    item: int
    value: Any
    no_answer: NoAnswer | None
    original_text: str | None


class FormAnswersOut(BaseModel):
    # The answers last given in the web form (whole groups where the form changed one), oldest
    # first: the chat takes them into its slots and does not ask them again (actions/intake_form.py).
    answers: list[StoredAnswerOut]


@router.get("/conversations/{conversation_id}/form-answers")
def answers_from_form(conversation_id: str, session: SessionDep) -> FormAnswersOut:
    return FormAnswersOut(
        answers=[
            StoredAnswerOut(
                question_id=row.question_id,
                item=row.item,
                value=row.value,
                no_answer=row.no_answer,
                original_text=row.original_text,
            )
            for row in form_answers_for(session, conversation_id)
        ]
    )


# -- Appointments in the chat ----------------------------------------------------------------


class AppointmentRequest(BaseModel):
    conversation_id: StrictText = Field(min_length=20, max_length=200)
    type_code: StrictText = Field(default="brede_intake", max_length=60)


class BookingRequest(AppointmentRequest):
    token: StrictText = Field(max_length=120)


class CancelRequest(AppointmentRequest):
    pass


class OfferedSlot(BaseModel):
    token: str
    starts_at: datetime


class ChatAppointment(BaseModel):
    """What the chat shows of an appointment (it renders the words in the person's language)."""

    id: uuid.UUID
    type_code: str
    starts_at: datetime
    location: str
    address: str
    interpreter: str | None  # None, "room" or "phone"


class AppointmentState(BaseModel):
    # booked, moved, taken (someone was faster: see `slots`), offered, cancelled, none
    outcome: str
    appointment: ChatAppointment | None = None
    slots: list[OfferedSlot] = []


def _intake_of(session: Session, conversation_token: str, lock: bool = False) -> Intake:
    query = (
        select(Intake)
        .join(Conversation, Intake.conversation_id == Conversation.id)
        .where(named_by_action_server(conversation_token))
    )
    # lock: the intake row stays locked until this request commits, so the conversation's
    # requests that change its appointment run one after the other.
    intake = session.scalar(query.with_for_update(of=Intake) if lock else query)
    if intake is None:
        raise NotFound()
    return intake


def chat_appointment(appointment: Appointment | None) -> ChatAppointment | None:
    if appointment is None:
        return None
    return ChatAppointment(
        id=appointment.id,
        type_code=appointment.type_code,
        starts_at=as_utc(appointment.starts_at),
        location=appointment.location.name,
        address=appointment.location.address,
        interpreter=interpreter_kind(appointment),
    )


def _offer(session: Session, intake: Intake, type_code: str) -> list[OfferedSlot]:
    try:
        slots = booking.offer_slots(session, intake, type_code)
    except booking.NotBookable:
        return []
    return [OfferedSlot(token=s.token(), starts_at=s.starts_at) for s in slots]


@router.post("/appointments/offer")
def offer_appointment(body: AppointmentRequest, session: SessionDep) -> AppointmentState:
    """The earliest times for the person, and their current appointment if they have one."""
    intake = _intake_of(session, body.conversation_id)
    current = booking.open_appointment(session, intake, body.type_code)
    return AppointmentState(
        outcome="offered", appointment=chat_appointment(current), slots=_offer(session, intake, body.type_code)
    )


@router.post("/appointments/book")
def book_appointment(body: BookingRequest, session: SessionDep) -> AppointmentState:
    """Book the chosen time, or move the open appointment there. Someone faster: new times.

    Idempotent per conversation: a repeated request (the action server trying again after a
    timeout, a second tap after an error) waits for the first one and then finds the appointment
    at that time: "booked" with it, never a second booking, nor "taken" for a booking that was
    made while the phone was told something failed."""
    intake = _intake_of(session, body.conversation_id, lock=True)
    try:
        slot = Slot.from_token(body.token, booking.appointment_type(body.type_code).duration)
    except (ValueError, booking.NotBookable):
        return AppointmentState(outcome="taken", slots=_offer(session, intake, body.type_code))
    current = booking.open_appointment(session, intake, slot.type_code)
    if current is not None and booking.holds_slot(current, slot):
        return AppointmentState(outcome="booked", appointment=chat_appointment(current))
    try:
        if current is None:
            appointment = booking.book(session, intake, slot)
            outcome = "booked"
        else:
            appointment = booking.move(session, current, slot, reason="in de chat")
            outcome = "moved"
    except booking.SchedulingError:
        return AppointmentState(outcome="taken", slots=_offer(session, intake, body.type_code))
    return AppointmentState(outcome=outcome, appointment=chat_appointment(appointment))


@router.post("/appointments/cancel")
def cancel_appointment(body: CancelRequest, session: SessionDep) -> AppointmentState:
    intake = _intake_of(session, body.conversation_id)
    current = booking.open_appointment(session, intake, body.type_code)
    if current is None:
        return AppointmentState(outcome="none")
    booking.cancel(session, current, reason="in de chat")
    return AppointmentState(outcome="cancelled", appointment=chat_appointment(current))
