"""The human translation queue: free-text answers no machine model can translate into Dutch
(Tigrinya, Somali, Amharic, Pashto, Kurmanji today), for a volunteer, interpreter or case
manager to translate. Until then the case manager sees "translation pending".

Privacy: an item shows the question and the person's words, never who wrote them. Volunteers
see only the items of the municipalities they help, and only answers to questions that are not
special-category data (health); case managers see the items of their own municipalities.
Every read and every translation is audited.
"""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, or_, select

from backend import audit
from backend.api.params import RowId
from backend.deps import CurrentUser, SessionDep
from backend.errors import STAFF_LANGUAGE, BadRequest, NotFound, NotPermitted, _
from backend.intakes import serves
from backend.models import (
    AnswerTranslation,
    Intake,
    IntakeAnswer,
    StaffRole,
    StaffUser,
    TranslationStatus,
    as_utc,
)
from backend.text_input import StrictText
from backend.translation.queue import complete_by_person
from forms import load_schema
from locales import translate

router = APIRouter(prefix="/api/translations", tags=["translations"])


class QueueItem(BaseModel):
    id: int
    question: str  # in Dutch
    source_language: str
    original_text: str
    status: TranslationStatus
    text_nl: str | None
    created_at: datetime


class TranslationIn(BaseModel):
    text_nl: StrictText = Field(max_length=4000)


def _may_translate(user: StaffUser, translation: AnswerTranslation, intake: Intake) -> bool:
    question = load_schema().question(translation.answer.question_id)
    if user.role == StaffRole.VOLUNTEER:
        # Only the municipalities the volunteer helps (not one of unknown municipality), and
        # never a health answer.
        return not question.sensitive and intake.municipality_code in user.municipality_codes
    if user.role == StaffRole.CASE_MANAGER:
        return serves(user, intake.municipality_code)
    return False


def _scope(user: StaffUser) -> list[ColumnElement[bool]]:
    """The queue's rows of the staff member's municipalities, in the query itself (so that items
    of other municipalities never crowd theirs out of its limit); `_may_translate` decides."""
    codes = user.municipality_codes
    if user.role == StaffRole.VOLUNTEER:
        return [Intake.municipality_code.in_(codes)]
    return [or_(Intake.municipality_code.in_(codes), Intake.municipality_code.is_(None))]


def _item(translation: AnswerTranslation) -> QueueItem:
    question = load_schema().question(translation.answer.question_id)
    return QueueItem(
        id=translation.id,
        question=translate(STAFF_LANGUAGE, question.label),
        source_language=translation.source_language,
        original_text=translation.answer.original_text or "",
        status=translation.status,
        text_nl=translation.text_nl,
        created_at=as_utc(translation.created_at),
    )


@router.get("")
def translation_queue(
    user: CurrentUser, session: SessionDep, status: TranslationStatus = TranslationStatus.NEEDS_HUMAN
) -> list[QueueItem]:
    """Items to translate (or, with `status=machine`, machine translations to check)."""
    if user.role not in (StaffRole.VOLUNTEER, StaffRole.CASE_MANAGER):
        raise NotPermitted()
    rows = session.execute(
        select(AnswerTranslation, Intake)
        .join(IntakeAnswer, AnswerTranslation.answer_id == IntakeAnswer.id)
        .join(Intake, IntakeAnswer.intake_id == Intake.id)
        .where(AnswerTranslation.status == status)
        .where(*_scope(user))
        .order_by(AnswerTranslation.id)
        .limit(200)
    ).all()
    items = [_item(t) for t, intake in rows if _may_translate(user, t, intake)]
    audit.record(session, user, "read_translation_queue", "translation", detail={"count": len(items)})
    return items


@router.put("/{translation_id}")
def complete_translation(
    translation_id: RowId, body: TranslationIn, user: CurrentUser, session: SessionDep
) -> QueueItem:
    """The Dutch text of one answer, by a person (it replaces a machine translation too)."""
    translation = session.get(AnswerTranslation, translation_id)
    if translation is None:
        raise NotFound()
    intake = session.get_one(Intake, translation.answer.intake_id)
    if not _may_translate(user, translation, intake):
        raise NotFound()
    if not body.text_nl.strip():
        raise BadRequest(_("Write the Dutch translation."))
    complete_by_person(translation, body.text_nl.strip(), user)
    audit.record(
        session,
        user,
        "translate_answer",
        "intake",
        object_id=str(intake.id),
        municipality_code=intake.municipality_code,
        detail={"translation_id": translation.id},
    )
    return _item(translation)
