"""Endpoints for the action server: saving what the person answered."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from backend.deps import InternalCaller, SessionDep
from backend.errors import BadRequest, _
from backend.intakes import SubmittedAnswer, store_submission
from backend.models import IntakeStatus
from locales import language_codes

router = APIRouter(prefix="/api/internal", tags=["internal"], dependencies=[InternalCaller])


class AnswerIn(BaseModel):
    value: Any
    original_text: str | None = Field(default=None, max_length=4000)


class SubmissionIn(BaseModel):
    conversation_id: str = Field(min_length=20, max_length=200)
    language: str
    answers: dict[str, AnswerIn]
    complete: bool


class SubmissionOut(BaseModel):
    intake_id: uuid.UUID
    status: IntakeStatus


@router.post("/intakes")
def submit_intake(body: SubmissionIn, session: SessionDep) -> SubmissionOut:
    if body.language not in language_codes():
        raise BadRequest(_("Unknown language: {code}"), code=body.language)
    intake = store_submission(
        session,
        conversation_token=body.conversation_id,
        language=body.language,
        answers={k: SubmittedAnswer(value=v.value, original_text=v.original_text) for k, v in body.answers.items()},
        complete=body.complete,
    )
    return SubmissionOut(intake_id=intake.id, status=intake.status)
