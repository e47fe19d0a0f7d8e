"""What a case manager sees of an intake: its summary in the list and the intake by section
(each field's value, source and time, the person's own words beside the Dutch, the translation's
status, the history of versions), with Dutch labels. One home for the JSON API
(backend/api/intakes.py returns these models) and the workspace pages (which render them).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from functools import cache
from typing import Any

from pydantic import BaseModel

from backend.intakes import person_name
from backend.models import (
    AnswerSource,
    AnswerTranslation,
    Intake,
    IntakeAnswer,
    IntakeStatus,
    NoAnswer,
    TranslationStatus,
)
from backend.nlg.render import option_title
from backend.nlg.texts import YES_NO_DISPLAY
from backend.prefilled import N_, STAFF_LANGUAGE, FieldView, GroupView, display, flags, pip_deadline, sections
from backend.presenters import labels
from forms import Question
from forms.schema import QuestionType, load_municipalities
from locales import translate


class FlagOut(BaseModel):
    id: str
    label: str


class IntakeSummary(BaseModel):
    id: uuid.UUID
    name: str | None
    status: IntakeStatus
    complete: bool
    municipality_code: str | None
    language: str
    created_at: datetime
    submitted_at: datetime | None
    pip_deadline: date
    flags: list[FlagOut]
    # As the case manager reads them (Dutch):
    status_label: str  # "Compleet (verstuurd)"
    language_name: str  # "Tigrinya"
    municipality_name: str | None  # "Hoorn"; None: not known yet
    days_left: int  # until the PIP deadline, from today in Amsterdam (negative: passed)
    deadline_label: str  # "nog 12 dagen", "vandaag", "verlopen"
    deadline_urgent: bool  # fewer than three weeks left


class AnswerVersion(BaseModel):
    version: int
    value: Any
    no_answer: NoAnswer | None
    display: str
    original_text: str | None
    original_language: str
    source: AnswerSource
    source_label: str  # "chat", "vrijwilliger", "casemanager"
    recorded_by: int | None
    recorded_at: datetime


class TranslationOut(BaseModel):
    """The Dutch text of free text in another language, and how it was made."""

    status: TranslationStatus  # waiting / needs_human: "vertaling in behandeling"
    text_nl: str | None
    label: str  # e.g. "machinevertaling (ar>en>nl)", in Dutch
    route: str | None


class OptionOut(BaseModel):
    """A value the case manager can choose when correcting a field, with its Dutch label."""

    code: str
    label: str


class FieldOut(BaseModel):
    question_id: str
    item: int | None
    fills: str
    label: str
    type: QuestionType  # which input a correction needs
    options: list[OptionOut]  # the values to choose from: choices and yes/no; empty for other types
    sensitive: bool
    value: Any
    no_answer: NoAnswer | None
    display: str
    source: AnswerSource | None
    source_label: str
    original_text: str | None
    original_language: str | None
    # The person's words are shown beside the value when they differ from it (or are translated).
    original_shown: bool
    translation: TranslationOut | None
    recorded_at: datetime | None
    history: list[AnswerVersion]


class GroupOut(BaseModel):
    question_id: str
    fills: str
    label: str
    answered: bool
    items: list[list[FieldOut]]


class SectionOut(BaseModel):
    id: str
    title: str
    fields: list[FieldOut]
    groups: list[GroupOut]
    reviewed_by: int | None
    reviewed_by_name: str | None  # the case manager who confirmed the section
    reviewed_at: datetime | None


class RatingOut(BaseModel):
    """The person's rating of the chat after sending (backend/satisfaction.py): their comment is
    their own words, in their language, and personal data (this detail is read audited)."""

    score: int  # 1 (not at all satisfied) to 10 (very)
    comment: str | None
    language: str
    rated_at: datetime


class IntakeDetail(IntakeSummary):
    help_requested_at: datetime | None
    sections: list[SectionOut]
    rating: RatingOut | None = None


@cache
def municipality_names() -> dict[str, str]:
    return {m.code: m.name for m in load_municipalities()}


def summary(intake: Intake) -> IntakeSummary:
    deadline = pip_deadline(intake)
    days = labels.days_left(deadline)
    complete = intake.status == IntakeStatus.SUBMITTED
    code = intake.municipality_code
    return IntakeSummary(
        id=intake.id,
        name=person_name(intake),
        status=intake.status,
        complete=complete,
        municipality_code=code,
        language=intake.language,
        created_at=intake.created_at,
        submitted_at=intake.submitted_at,
        pip_deadline=deadline,
        flags=[FlagOut(id=i, label=label) for i, label in flags(intake)],
        status_label=labels.completeness_label(complete),
        language_name=labels.language_name(intake.language),
        municipality_name=municipality_names().get(code, code) if code else None,
        days_left=days,
        deadline_label=labels.days_left_label(days),
        deadline_urgent=days < labels.URGENT_DAYS,
    )


def version_of(view: FieldView, answer: IntakeAnswer) -> AnswerVersion:
    return AnswerVersion(
        version=answer.version,
        value=answer.value,
        no_answer=answer.no_answer,
        display=display(view.question, answer),
        original_text=answer.original_text,
        original_language=answer.original_language,
        source=answer.source,
        source_label=labels.source_label(answer.source),
        recorded_by=answer.recorded_by_id,
        recorded_at=answer.recorded_at,
    )


TRANSLATION_LABELS = {
    TranslationStatus.WAITING: N_("translation pending"),
    TranslationStatus.NEEDS_HUMAN: N_("translation pending (waiting for a translator)"),
    TranslationStatus.MACHINE: N_("machine translation, not checked ({route})"),
    TranslationStatus.HUMAN: N_("translated by a person"),
}


def translation_of(translation: AnswerTranslation) -> TranslationOut:
    label = translate(STAFF_LANGUAGE, TRANSLATION_LABELS[translation.status]).format(route=translation.route or "")
    return TranslationOut(status=translation.status, text_nl=translation.text_nl, label=label, route=translation.route)


def options_of(question: Question) -> list[OptionOut]:
    """The stored codes a correction may choose from (what `check_answer` accepts), labelled as shown."""
    if question.type == "yes_no":
        return [OptionOut(code=code, label=translate(STAFF_LANGUAGE, text)) for code, text in YES_NO_DISPLAY.items()]
    return [OptionOut(code=o.code, label=option_title(question, o.code, STAFF_LANGUAGE)) for o in question.options]


def field_of(view: FieldView) -> FieldOut:
    current = view.current
    shown = display(view.question, current)
    original = current.original_text if current else None
    translation = translation_of(current.translation) if current and current.translation else None
    return FieldOut(
        question_id=view.question.id,
        item=view.item,
        fills=view.question.fills,
        label=translate(STAFF_LANGUAGE, view.question.label),
        type=view.question.type,
        options=options_of(view.question),
        sensitive=view.question.sensitive,
        value=current.value if current else None,
        no_answer=current.no_answer if current else None,
        display=shown,
        source=current.source if current else None,
        source_label=labels.source_label(current.source if current else None),
        original_text=original,
        original_language=current.original_language if current else None,
        original_shown=translation is not None or bool(original and original != shown),
        translation=translation,
        recorded_at=current.recorded_at if current else None,
        history=[version_of(view, a) for a in view.history],
    )


def detail(intake: Intake) -> IntakeDetail:
    reviews = {r.section_id: r for r in intake.section_reviews}  # ordered by time: the last one wins
    section_views = []
    for view in sections(intake):
        review = reviews.get(view.id)
        section_views.append(
            SectionOut(
                id=view.id,
                title=view.title,
                fields=[field_of(e) for e in view.entries if isinstance(e, FieldView)],
                groups=[
                    GroupOut(
                        question_id=e.question.id,
                        fills=e.question.fills,
                        label=translate(STAFF_LANGUAGE, e.question.label),
                        answered=e.count is not None,
                        items=[[field_of(f) for f in item] for item in e.items],
                    )
                    for e in view.entries
                    if isinstance(e, GroupView)
                ],
                reviewed_by=review.reviewed_by_id if review else None,
                reviewed_by_name=review.reviewed_by.full_name if review else None,
                reviewed_at=review.reviewed_at if review else None,
            )
        )
    rating = intake.satisfaction_rating
    return IntakeDetail(
        **summary(intake).model_dump(),
        help_requested_at=intake.help_requested_at,
        sections=section_views,
        rating=RatingOut(score=rating.score, comment=rating.comment, language=rating.language, rated_at=rating.rated_at)
        if rating
        else None,
    )


def find_field(intake: IntakeDetail, question_id: str, item: int | None) -> FieldOut | None:
    """One field of the intake (of a repeating group's item when `item` is given)."""
    for section in intake.sections:
        for field in section.fields:
            if field.question_id == question_id and item is None:
                return field
        for group in section.groups:
            for fields in group.items:
                for field in fields:
                    if field.question_id == question_id and field.item == item:
                        return field
    return None


def find_section(intake: IntakeDetail, section_id: str) -> SectionOut | None:
    return next((section for section in intake.sections if section.id == section_id), None)
