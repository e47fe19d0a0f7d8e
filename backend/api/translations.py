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
from typing import Annotated

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import select

from backend.api.params import RowId
from backend.deps import SessionDep
from backend.errors import STAFF_LANGUAGE, BadRequest, _
from backend.models import (
    AnswerTranslation,
    Intake,
    IntakeAnswer,
    TranslationStatus,
    as_utc,
)
from backend.policy import TRANSLATORS, Audit, audited, intake_scope, may_translate, translation_for
from backend.presenters.labels import translation_status_label
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
    status_label: str  # in Dutch, from backend/presenters/labels.py
    text_nl: str | None
    created_at: datetime


class TranslationIn(BaseModel):
    text_nl: StrictText = Field(max_length=4000)


def _item(translation: AnswerTranslation) -> QueueItem:
    question = load_schema().question(translation.answer.question_id)
    return QueueItem(
        id=translation.id,
        question=translate(STAFF_LANGUAGE, question.label),
        source_language=translation.source_language,
        original_text=translation.answer.original_text or "",
        status=translation.status,
        status_label=translation_status_label(translation.status),
        text_nl=translation.text_nl,
        created_at=as_utc(translation.created_at),
    )


@router.get("")
def translation_queue(
    audit: Annotated[Audit, audited("read_translation_queue", "translation", TRANSLATORS)],
    session: SessionDep,
    status: TranslationStatus = TranslationStatus.NEEDS_HUMAN,
) -> list[QueueItem]:
    """Items to translate (or, with `status=machine`, machine translations to check)."""
    rows = session.execute(
        select(AnswerTranslation, Intake)
        .join(IntakeAnswer, AnswerTranslation.answer_id == IntakeAnswer.id)
        .join(Intake, IntakeAnswer.intake_id == Intake.id)
        .where(AnswerTranslation.status == status)
        # Scoped in the query itself, so that items of other municipalities never crowd theirs
        # out of its limit; `may_translate` decides per item (health answers).
        .where(intake_scope(audit.user))
        .order_by(AnswerTranslation.id)
        .limit(200)
    ).all()
    items = [_item(t) for t, intake in rows if may_translate(audit.user, t, intake)]
    audit.note(count=len(items), status=status.value)
    return items


@router.put("/{translation_id}")
def complete_translation(
    translation_id: RowId,
    body: TranslationIn,
    audit: Annotated[Audit, audited("translate_answer", "intake", TRANSLATORS)],
    session: SessionDep,
) -> QueueItem:
    """The Dutch text of one answer, by a person (it replaces a machine translation too)."""
    translation, _intake = translation_for(session, audit, translation_id)
    if not body.text_nl.strip():
        raise BadRequest(_("Write the Dutch translation."))
    complete_by_person(translation, body.text_nl.strip(), audit.user)
    return _item(translation)
