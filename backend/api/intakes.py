"""Case managers read, correct and confirm the intakes of the municipalities they serve.

Every read and every change is audited. A correction is a new version of the field with
the case manager as its source; the person's own answer stays in the history.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from backend import audit
from backend.deps import CaseManager, SessionDep
from backend.errors import BadRequest, NotFound, _
from backend.intakes import (
    SubmittedAnswer,
    add_version,
    check_answer,
    current_answers,
    intake_for_staff,
    person_name,
    visible_intakes,
)
from backend.models import (
    AnswerSource,
    AnswerTranslation,
    Intake,
    IntakeAnswer,
    IntakeStatus,
    NoAnswer,
    SectionReview,
    TranslationStatus,
)
from backend.nlg.render import option_title
from backend.nlg.texts import YES_NO_DISPLAY
from backend.prefilled import STAFF_LANGUAGE, FieldView, GroupView, display, export, flags, pip_deadline, sections
from backend.text_input import StrictText, StrictValue
from forms import Question, load_schema
from forms.answers import read_phone
from forms.schema import QuestionType
from locales import translate

router = APIRouter(prefix="/api/intakes", tags=["intakes"])


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


class AnswerVersion(BaseModel):
    version: int
    value: Any
    no_answer: NoAnswer | None
    display: str
    original_text: str | None
    original_language: str
    source: AnswerSource
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
    original_text: str | None
    original_language: str | None
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


class IntakeDetail(IntakeSummary):
    help_requested_at: datetime | None
    sections: list[SectionOut]


class CorrectionIn(BaseModel):
    value: StrictValue = None
    item: int | None = Field(default=None, ge=0, le=50)
    no_answer: NoAnswer | None = None


def _summary(intake: Intake) -> IntakeSummary:
    return IntakeSummary(
        id=intake.id,
        name=person_name(intake),
        status=intake.status,
        complete=intake.status == IntakeStatus.SUBMITTED,
        municipality_code=intake.municipality_code,
        language=intake.language,
        created_at=intake.created_at,
        submitted_at=intake.submitted_at,
        pip_deadline=pip_deadline(intake),
        flags=[FlagOut(id=i, label=label) for i, label in flags(intake)],
    )


def _version(view: FieldView, answer: IntakeAnswer) -> AnswerVersion:
    return AnswerVersion(
        version=answer.version,
        value=answer.value,
        no_answer=answer.no_answer,
        display=display(view.question, answer),
        original_text=answer.original_text,
        original_language=answer.original_language,
        source=answer.source,
        recorded_by=answer.recorded_by_id,
        recorded_at=answer.recorded_at,
    )


TRANSLATION_LABELS = {
    TranslationStatus.WAITING: _("translation pending"),
    TranslationStatus.NEEDS_HUMAN: _("translation pending (waiting for a translator)"),
    TranslationStatus.MACHINE: _("machine translation, not checked ({route})"),
    TranslationStatus.HUMAN: _("translated by a person"),
}


def _translation(translation: AnswerTranslation) -> TranslationOut:
    label = translate(STAFF_LANGUAGE, TRANSLATION_LABELS[translation.status]).format(route=translation.route or "")
    return TranslationOut(status=translation.status, text_nl=translation.text_nl, label=label, route=translation.route)


def _options(question: Question) -> list[OptionOut]:
    """The stored codes a correction may choose from (what `check_answer` accepts), labelled as shown."""
    if question.type == "yes_no":
        return [OptionOut(code=code, label=translate(STAFF_LANGUAGE, text)) for code, text in YES_NO_DISPLAY.items()]
    return [OptionOut(code=o.code, label=option_title(question, o.code, STAFF_LANGUAGE)) for o in question.options]


def _field(view: FieldView) -> FieldOut:
    current = view.current
    return FieldOut(
        question_id=view.question.id,
        item=view.item,
        fills=view.question.fills,
        label=translate(STAFF_LANGUAGE, view.question.label),
        type=view.question.type,
        options=_options(view.question),
        sensitive=view.question.sensitive,
        value=current.value if current else None,
        no_answer=current.no_answer if current else None,
        display=display(view.question, current),
        source=current.source if current else None,
        original_text=current.original_text if current else None,
        original_language=current.original_language if current else None,
        translation=_translation(current.translation) if current and current.translation else None,
        recorded_at=current.recorded_at if current else None,
        history=[_version(view, a) for a in view.history],
    )


def _detail(intake: Intake) -> IntakeDetail:
    reviews = {r.section_id: r for r in intake.section_reviews}  # ordered by time: the last one wins
    section_views = []
    for view in sections(intake):
        review = reviews.get(view.id)
        section_views.append(
            SectionOut(
                id=view.id,
                title=view.title,
                fields=[_field(e) for e in view.entries if isinstance(e, FieldView)],
                groups=[
                    GroupOut(
                        question_id=e.question.id,
                        fills=e.question.fills,
                        label=translate(STAFF_LANGUAGE, e.question.label),
                        answered=e.count is not None,
                        items=[[_field(f) for f in item] for item in e.items],
                    )
                    for e in view.entries
                    if isinstance(e, GroupView)
                ],
                reviewed_by=review.reviewed_by_id if review else None,
                reviewed_by_name=review.reviewed_by.full_name if review else None,
                reviewed_at=review.reviewed_at if review else None,
            )
        )
    return IntakeDetail(
        **_summary(intake).model_dump(), help_requested_at=intake.help_requested_at, sections=section_views
    )


def _readable_intake(session: SessionDep, user: CaseManager, intake_id: uuid.UUID, action: str) -> Intake:
    try:
        intake = intake_for_staff(session, user, intake_id)
    except NotFound:
        audit.record(session, user, f"{action}_refused", "intake", object_id=str(intake_id))
        session.commit()
        raise
    return intake


@router.get("")
def list_intakes(
    user: CaseManager,
    session: SessionDep,
    municipality: StrictText | None = None,
    status: IntakeStatus | None = None,
    complete: bool | None = None,
    deadline_before: date | None = None,
) -> list[IntakeSummary]:
    """Intakes of the case manager's municipalities, filtered; `complete=false` lists partial ones."""
    if complete is not None:
        wanted = IntakeStatus.SUBMITTED if complete else IntakeStatus.PARTIAL
        if status is not None and status != wanted:
            return []
        status = wanted
    intakes = visible_intakes(session, user, municipality=municipality, status=status)
    if deadline_before is not None:
        intakes = [i for i in intakes if pip_deadline(i) < deadline_before]
    audit.record(session, user, "list_intakes", "intake", detail={"count": len(intakes), "municipality": municipality})
    return [_summary(i) for i in intakes]


@router.get("/{intake_id}")
def read_intake(intake_id: uuid.UUID, user: CaseManager, session: SessionDep) -> IntakeDetail:
    intake = _readable_intake(session, user, intake_id, "read_intake")
    audit.record(
        session, user, "read_intake", "intake", object_id=str(intake.id), municipality_code=intake.municipality_code
    )
    return _detail(intake)


@router.get("/{intake_id}/export")
def export_intake(intake_id: uuid.UUID, user: CaseManager, session: SessionDep) -> dict[str, Any]:
    """The prefilled brede intake as JSON, shaped by the `fills` paths of forms/intake.yaml."""
    intake = _readable_intake(session, user, intake_id, "export_intake")
    audit.record(
        session, user, "export_intake", "intake", object_id=str(intake.id), municipality_code=intake.municipality_code
    )
    return export(intake)


@router.put("/{intake_id}/fields/{question_id}")
def correct_field(
    intake_id: uuid.UUID, question_id: str, body: CorrectionIn, user: CaseManager, session: SessionDep
) -> IntakeDetail:
    """Correct one answer: a new version with the case manager as source; the history stays."""
    intake = _readable_intake(session, user, intake_id, "correct_field")
    value = body.value
    schema = load_schema()
    if schema.has_question(question_id) and schema.question(question_id).type == "phone" and isinstance(value, str):
        # Typed the way people write numbers (06-12345678), stored in international form.
        value = read_phone(value) or value
    answer = SubmittedAnswer(question_id=question_id, value=value, item=body.item or 0, no_answer=body.no_answer)
    if body.no_answer is None and body.value is None:
        raise BadRequest(_("Give a value, or the reason there is none."))
    check_answer(answer)
    if schema.question(question_id).type == "group":
        raise BadRequest(_("Correct the items of a group one field at a time."))
    row = add_version(
        session, intake, current_answers(intake), answer, AnswerSource.CASE_MANAGER, user, language=STAFF_LANGUAGE
    )
    audit.record(
        session,
        user,
        "correct_field",
        "intake",
        object_id=str(intake.id),
        municipality_code=intake.municipality_code,
        detail={"question_id": question_id, "item": body.item, "version": row.version if row else None},
    )
    session.flush()
    session.refresh(intake)
    return _detail(intake)


@router.post("/{intake_id}/sections/{section_id}/confirm")
def confirm_section(intake_id: uuid.UUID, section_id: str, user: CaseManager, session: SessionDep) -> IntakeDetail:
    """The case manager checked this section: recorded with who and when."""
    intake = _readable_intake(session, user, intake_id, "confirm_section")
    if section_id not in {s.id for s in load_schema().sections}:
        raise NotFound()
    session.add(SectionReview(intake_id=intake.id, section_id=section_id, reviewed_by_id=user.id))
    audit.record(
        session,
        user,
        "confirm_section",
        "intake",
        object_id=str(intake.id),
        municipality_code=intake.municipality_code,
        detail={"section_id": section_id},
    )
    session.flush()
    session.refresh(intake)
    return _detail(intake)
