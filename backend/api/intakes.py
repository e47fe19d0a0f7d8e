"""Case managers read, correct and confirm the intakes of the municipalities they serve.

Every read and every change is audited. A correction is a new version of the field with
the case manager as its source; the person's own answer stays in the history.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from backend.deps import SessionDep
from backend.errors import BadRequest, NotFound, _
from backend.intakes import (
    SubmittedAnswer,
    add_version,
    check_answer,
    current_answers,
    visible_intakes,
)
from backend.models import (
    AnswerSource,
    IntakeStatus,
    NoAnswer,
    SectionReview,
)
from backend.policy import CASE_MANAGERS, Audit, audited, intake_for
from backend.prefilled import STAFF_LANGUAGE, export, pip_deadline
from backend.presenters.intakes import IntakeDetail, IntakeSummary, detail, summary
from backend.text_input import StrictText, StrictValue
from forms import load_schema
from forms.answers import read_phone

router = APIRouter(prefix="/api/intakes", tags=["intakes"])


class CorrectionIn(BaseModel):
    value: StrictValue = None
    item: int | None = Field(default=None, ge=0, le=50)
    no_answer: NoAnswer | None = None


@router.get("")
def list_intakes(
    audit: Annotated[Audit, audited("list_intakes", "intake", CASE_MANAGERS)],
    session: SessionDep,
    municipality: StrictText | None = None,
    status: IntakeStatus | None = None,
    complete: bool | None = None,
    deadline_before: date | None = None,
) -> list[IntakeSummary]:
    """Intakes of the case manager's municipalities, filtered; `complete=false` lists partial ones."""
    audit.note(municipality=municipality)
    if complete is not None:
        wanted = IntakeStatus.SUBMITTED if complete else IntakeStatus.PARTIAL
        if status is not None and status != wanted:
            audit.note(count=0)
            return []
        status = wanted
    intakes = visible_intakes(session, audit.user, municipality=municipality, status=status)
    if deadline_before is not None:
        intakes = [i for i in intakes if pip_deadline(i) < deadline_before]
    audit.note(count=len(intakes))
    return [summary(i) for i in intakes]


@router.get("/{intake_id}")
def read_intake(
    intake_id: uuid.UUID, audit: Annotated[Audit, audited("read_intake", "intake", CASE_MANAGERS)], session: SessionDep
) -> IntakeDetail:
    return detail(intake_for(session, audit, intake_id))


@router.get("/{intake_id}/export")
def export_intake(
    intake_id: uuid.UUID,
    audit: Annotated[Audit, audited("export_intake", "intake", CASE_MANAGERS)],
    session: SessionDep,
) -> dict[str, Any]:
    """The prefilled brede intake as JSON, shaped by the `fills` paths of forms/intake.yaml."""
    return export(intake_for(session, audit, intake_id))


@router.put("/{intake_id}/fields/{question_id}")
def correct_field(
    intake_id: uuid.UUID,
    question_id: str,
    body: CorrectionIn,
    audit: Annotated[Audit, audited("correct_field", "intake", CASE_MANAGERS)],
    session: SessionDep,
) -> IntakeDetail:
    """Correct one answer: a new version with the case manager as source; the history stays."""
    intake = intake_for(session, audit, intake_id)
    audit.note(question_id=question_id, item=body.item)
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
        session, intake, current_answers(intake), answer, AnswerSource.CASE_MANAGER, audit.user, language=STAFF_LANGUAGE
    )
    audit.note(version=row.version if row else None)
    session.flush()
    session.refresh(intake)
    return detail(intake)


@router.post("/{intake_id}/sections/{section_id}/confirm")
def confirm_section(
    intake_id: uuid.UUID,
    section_id: str,
    audit: Annotated[Audit, audited("confirm_section", "intake", CASE_MANAGERS)],
    session: SessionDep,
) -> IntakeDetail:
    """The case manager checked this section: recorded with who and when."""
    intake = intake_for(session, audit, intake_id)
    audit.note(section_id=section_id)
    if section_id not in {s.id for s in load_schema().sections}:
        raise NotFound()
    session.add(SectionReview(intake_id=intake.id, section_id=section_id, reviewed_by_id=audit.user.id))
    session.flush()
    session.refresh(intake)
    return detail(intake)
