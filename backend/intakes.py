"""Storing intakes from the dialogue and showing them to case managers."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.errors import BadRequest, NotFound, _
from backend.models import (
    AnswerSource,
    Conversation,
    Intake,
    IntakeAnswer,
    IntakeStatus,
    StaffUser,
    utcnow,
)
from backend.security import token_hash
from forms import load_schema
from forms.answers import is_valid_stored_value

MUNICIPALITY_FIELD = "personal.municipality"


@dataclass(frozen=True)
class SubmittedAnswer:
    value: Any
    original_text: str | None


def get_or_create_conversation(session: Session, conversation_token: str) -> Conversation:
    digest = token_hash(conversation_token)
    conversation = session.scalar(select(Conversation).where(Conversation.token_hash == digest))
    if conversation is None:
        conversation = Conversation(token_hash=digest)
        session.add(conversation)
        session.flush()
    return conversation


def current_answers(intake: Intake) -> dict[str, IntakeAnswer]:
    """The newest version of each answer."""
    latest: dict[str, IntakeAnswer] = {}
    for answer in intake.answers:
        if answer.question_id not in latest or answer.version > latest[answer.question_id].version:
            latest[answer.question_id] = answer
    return latest


def store_submission(
    session: Session,
    conversation_token: str,
    language: str,
    answers: dict[str, SubmittedAnswer],
    complete: bool,
) -> Intake:
    """Save what the person answered. Idempotent: the same submission twice changes nothing.

    A changed answer is stored as a new version beside the old one, never over it.
    """
    schema = load_schema()
    for question_id, answer in answers.items():
        if not schema.has_question(question_id):
            raise BadRequest(_("Unknown question: {question}"), question=question_id)
        if not is_valid_stored_value(schema.question(question_id), answer.value):
            raise BadRequest(_("Invalid value for question: {question}"), question=question_id)

    conversation = get_or_create_conversation(session, conversation_token)
    intake = session.scalar(select(Intake).where(Intake.conversation_id == conversation.id).with_for_update())
    if intake is None:
        intake = Intake(
            id=uuid.uuid4(),
            conversation_id=conversation.id,
            language=language,
            status=IntakeStatus.PARTIAL,
            schema_version=schema.version,
        )
        session.add(intake)
        session.flush()

    latest = current_answers(intake)
    for question_id, answer in answers.items():
        previous = latest.get(question_id)
        if previous and previous.value == answer.value and previous.original_text == answer.original_text:
            continue
        session.add(
            IntakeAnswer(
                intake_id=intake.id,
                question_id=question_id,
                version=(previous.version + 1) if previous else 1,
                value=answer.value,
                original_text=answer.original_text,
                original_language=language,
                source=AnswerSource.CHAT,
            )
        )
        if schema.question(question_id).fills == MUNICIPALITY_FIELD:
            intake.municipality_code = str(answer.value)

    intake.language = language
    if complete and intake.status != IntakeStatus.SUBMITTED:
        intake.status = IntakeStatus.SUBMITTED
        intake.submitted_at = utcnow()
    session.flush()
    session.refresh(intake)
    return intake


def visible_intakes(
    session: Session, user: StaffUser, municipality: str | None = None, status: IntakeStatus | None = None
) -> list[Intake]:
    """Intakes of the municipalities the case manager serves, newest first."""
    codes = user.municipality_codes
    if municipality is not None:
        codes = codes & {municipality}
    query = select(Intake).where(Intake.municipality_code.in_(codes)).order_by(Intake.created_at.desc())
    if status is not None:
        query = query.where(Intake.status == status)
    return list(session.scalars(query))


def intake_for_staff(session: Session, user: StaffUser, intake_id: uuid.UUID) -> Intake:
    """An intake the user may read. Another municipality's intake is 'not found', not 'forbidden',
    so that its existence is not revealed either."""
    intake = session.get(Intake, intake_id)
    if intake is None or intake.municipality_code not in user.municipality_codes:
        raise NotFound()
    return intake
