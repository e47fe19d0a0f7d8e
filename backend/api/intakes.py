"""Case managers read the intakes of the municipalities they serve. Every read is audited."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from backend import audit
from backend.deps import CaseManager, SessionDep
from backend.errors import STAFF_LANGUAGE, NotFound
from backend.intakes import current_answers, intake_for_staff, visible_intakes
from backend.models import AnswerSource, Intake, IntakeAnswer, IntakeStatus
from backend.nlg.render import display_value
from forms import load_schema
from locales import translate

router = APIRouter(prefix="/api/intakes", tags=["intakes"])


class IntakeSummary(BaseModel):
    id: uuid.UUID
    status: IntakeStatus
    municipality_code: str | None
    language: str
    created_at: datetime
    submitted_at: datetime | None


class AnswerVersion(BaseModel):
    version: int
    value: Any
    original_text: str | None
    original_language: str
    source: AnswerSource
    recorded_at: datetime


class FieldOut(BaseModel):
    question_id: str
    fills: str
    section: str
    label: str
    value: Any
    display: str
    source: AnswerSource | None
    original_text: str | None
    original_language: str | None
    recorded_at: datetime | None
    history: list[AnswerVersion]


class IntakeDetail(IntakeSummary):
    fields: list[FieldOut]


def _summary(intake: Intake) -> IntakeSummary:
    return IntakeSummary(
        id=intake.id,
        status=intake.status,
        municipality_code=intake.municipality_code,
        language=intake.language,
        created_at=intake.created_at,
        submitted_at=intake.submitted_at,
    )


def _version(answer: IntakeAnswer) -> AnswerVersion:
    return AnswerVersion(
        version=answer.version,
        value=answer.value,
        original_text=answer.original_text,
        original_language=answer.original_language,
        source=answer.source,
        recorded_at=answer.recorded_at,
    )


@router.get("")
def list_intakes(
    user: CaseManager, session: SessionDep, municipality: str | None = None, status: IntakeStatus | None = None
) -> list[IntakeSummary]:
    intakes = visible_intakes(session, user, municipality=municipality, status=status)
    audit.record(session, user, "list_intakes", "intake", detail={"count": len(intakes), "municipality": municipality})
    return [_summary(i) for i in intakes]


@router.get("/{intake_id}")
def read_intake(intake_id: uuid.UUID, user: CaseManager, session: SessionDep) -> IntakeDetail:
    try:
        intake = intake_for_staff(session, user, intake_id)
    except NotFound:
        audit.record(session, user, "read_intake_refused", "intake", object_id=str(intake_id))
        session.commit()
        raise
    audit.record(
        session, user, "read_intake", "intake", object_id=str(intake.id), municipality_code=intake.municipality_code
    )
    latest = current_answers(intake)
    schema = load_schema()
    fields = []
    for question in schema.questions:
        answer = latest.get(question.id)
        section = next(s for s in schema.sections if s.id == question.section_id)
        fields.append(
            FieldOut(
                question_id=question.id,
                fills=question.fills,
                section=translate(STAFF_LANGUAGE, section.title),
                label=translate(STAFF_LANGUAGE, question.label),
                value=answer.value if answer else None,
                display=display_value(question, answer.value if answer else None, STAFF_LANGUAGE),
                source=answer.source if answer else None,
                original_text=answer.original_text if answer else None,
                original_language=answer.original_language if answer else None,
                recorded_at=answer.recorded_at if answer else None,
                history=[_version(a) for a in intake.answers if a.question_id == question.id],
            )
        )
    return IntakeDetail(**_summary(intake).model_dump(), fields=fields)
