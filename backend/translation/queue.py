"""The translation work: the worker machine-translates waiting answers; what no model can
translate goes to the human translation queue, which volunteers, interpreters and case managers
complete through the API (backend/api/translations.py)."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select, update

from backend.db import session_scope
from backend.errors import STAFF_LANGUAGE
from backend.models import AnswerTranslation, StaffUser, TranslationStatus, utcnow
from backend.translation.machine import MachineTranslator

log = logging.getLogger(__name__)

BATCH = 20


def _take_waiting() -> list[int]:
    """Claim waiting translations for this worker (a second worker skips them)."""
    won: list[int] = []
    with session_scope() as session:
        waiting = session.scalars(
            select(AnswerTranslation.id)
            .where(AnswerTranslation.status == TranslationStatus.WAITING)
            .order_by(AnswerTranslation.id)
            .limit(BATCH)
            .with_for_update(skip_locked=True)
        ).all()
        for translation_id in waiting:
            # Claimed by moving it to the human queue first: if the machine translation then
            # fails or the worker dies, a person sees it instead of it waiting forever.
            taken = session.execute(
                update(AnswerTranslation)
                .where(AnswerTranslation.id == translation_id, AnswerTranslation.status == TranslationStatus.WAITING)
                .values(status=TranslationStatus.NEEDS_HUMAN)
            )
            if taken.rowcount == 1:  # type: ignore[attr-defined]
                won.append(translation_id)
    return won


def translate_waiting(translator: MachineTranslator, now: datetime | None = None) -> int:
    """One pass: machine-translate what a model exists for; the rest stays in the human queue.
    Returns how many were machine-translated."""
    done = 0
    for translation_id in _take_waiting():
        with session_scope() as session:
            translation = session.get_one(AnswerTranslation, translation_id)
            text = translation.answer.original_text or ""
            try:
                result = translator.translate(text, translation.source_language, STAFF_LANGUAGE)
            except Exception:  # a broken model must not stop the queue; a person translates it
                log.exception("machine translation failed for translation %s", translation_id)
                result = None
            if result is None:
                continue  # no model for this language: stays in the human queue
            translation.text_nl, translation.route = result
            translation.status = TranslationStatus.MACHINE
            translation.translated_at = now or utcnow()
            done += 1
    return done


def complete_by_person(translation: AnswerTranslation, text_nl: str, person: StaffUser) -> None:
    """A volunteer, interpreter or case manager gives the Dutch text (also replacing a machine one)."""
    translation.text_nl = text_nl
    translation.status = TranslationStatus.HUMAN
    translation.route = None
    translation.translated_by_id = person.id
    translation.translated_at = utcnow()
