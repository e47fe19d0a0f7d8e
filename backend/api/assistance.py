"""A volunteer's one-time code to start helping on a person's phone (backend/assistance.py).

The volunteer asks for it here, logged in on their own device; the person's phone sends it to
`POST /api/chat/conversations/{id}/assistance` (backend/api/chat.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter
from pydantic import BaseModel

from backend import assistance
from backend.config import get_settings
from backend.deps import SessionDep
from backend.policy import TRANSLATORS, Audit, audited

router = APIRouter(prefix="/api/assistance", tags=["assistance"])


class AssistanceCodeOut(BaseModel):
    code: str
    expires_at: datetime
    valid_minutes: int


@router.post("/codes", status_code=201)
def new_code(
    audit: Annotated[Audit, audited("new_assistance_code", "staff_user", TRANSLATORS)], session: SessionDep
) -> AssistanceCodeOut:
    """A new one-time code for the volunteer (or case manager) asking, to type on the person's
    phone; their earlier code stops working. The code is shown once and stored only as a hash."""
    audit.about(audit.user.id)
    code, expires_at = assistance.issue(session, audit.user)
    return AssistanceCodeOut(code=code, expires_at=expires_at, valid_minutes=get_settings().assistance_code_minutes)
