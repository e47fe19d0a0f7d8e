"""Case managers read, correct and confirm the intakes of the municipalities they serve.

Every read and every change is audited. A correction is a new version of the field with
the case manager as its source; the person's own answer stays in the history.
"""

from __future__ import annotations

import uuid
from datetime import date
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
    visible_intakes,
)
from backend.models import (
    AnswerSource,
    Intake,
    IntakeStatus,
    NoAnswer,
    SectionReview,
)
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
    return [summary(i) for i in intakes]


@router.get("/{intake_id}")
def read_intake(intake_id: uuid.UUID, user: CaseManager, session: SessionDep) -> IntakeDetail:
    intake = _readable_intake(session, user, intake_id, "read_intake")
    audit.record(
        session, user, "read_intake", "intake", object_id=str(intake.id), municipality_code=intake.municipality_code
    )
    return detail(intake)


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
    return detail(intake)


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
    return detail(intake)
