"""Administration: municipalities for every staff member, the audit log for administrators."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel
from sqlalchemy import select

from backend import audit, throttle
from backend.deps import Administrator, CurrentUser, SessionDep
from backend.models import AuditEvent, Municipality
from backend.text_input import StrictText

router = APIRouter(prefix="/api", tags=["admin"])


class MunicipalityOut(BaseModel):
    code: str
    name: str


class AuditEventOut(BaseModel):
    at: datetime
    actor_id: int | None
    action: str
    object_type: str
    object_id: str | None
    municipality_code: str | None
    detail: dict[str, Any] | None


@router.get("/municipalities")
def municipalities(_user: CurrentUser, session: SessionDep) -> list[MunicipalityOut]:
    rows = session.scalars(select(Municipality).order_by(Municipality.name))
    return [MunicipalityOut(code=m.code, name=m.name) for m in rows]


@router.get("/admin/audit")
def audit_log(
    _admin: Administrator,
    session: SessionDep,
    object_id: StrictText | None = None,
    limit: int = Query(default=100, ge=1, le=1000),
) -> list[AuditEventOut]:
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if object_id is not None:
        query = query.where(AuditEvent.object_id == object_id)
    return [
        AuditEventOut(
            at=e.at,
            actor_id=e.actor_id,
            action=e.action,
            object_type=e.object_type,
            object_id=e.object_id,
            municipality_code=e.municipality_code,
            detail=e.detail,
        )
        for e in session.scalars(query)
    ]


@router.delete("/admin/lockouts/{username}", status_code=204)
def lift_lockout(
    username: Annotated[StrictText, Path(max_length=80)], admin: Administrator, session: SessionDep
) -> None:
    """Lift the lockout of a staff account after too many failed logins (backend/throttle.py)."""
    throttle.unlock(username)
    audit.record(session, admin, "lift_lockout", "staff_user", detail={"username": username})
