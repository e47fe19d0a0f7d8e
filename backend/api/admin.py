"""Administration: municipalities for every staff member; for administrators the audit log,
lockouts, and the person's rights under the AVG (erasure, subject access: backend/privacy/)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from backend import throttle
from backend.config import get_settings
from backend.deps import SessionDep
from backend.errors import NotFound, ServiceUnavailable
from backend.models import AuditEvent, Intake, Municipality, StaffUser
from backend.policy import ADMINISTRATORS, ALL_STAFF, Audit, audited, staff_only
from backend.privacy.access import Overview, subject_access
from backend.privacy.erasure import erase_person
from backend.privacy.retention import RetentionPolicy
from backend.privacy.tracker import TrackerStore, tracker_store
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
def municipalities(
    _user: Annotated[StaffUser, staff_only(ALL_STAFF, "reference data: the seven municipalities")], session: SessionDep
) -> list[MunicipalityOut]:
    rows = session.scalars(select(Municipality).order_by(Municipality.name))
    return [MunicipalityOut(code=m.code, name=m.name) for m in rows]


@router.get("/admin/audit")
def audit_log(
    audit: Annotated[Audit, audited("read_audit_log", "audit_event", ADMINISTRATORS)],
    session: SessionDep,
    object_id: StrictText | None = None,
    limit: int = Query(default=100, ge=1, le=1000),
) -> list[AuditEventOut]:
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if object_id is not None:
        query = query.where(AuditEvent.object_id == object_id)
        audit.about(object_id)
    events = list(session.scalars(query))
    audit.note(count=len(events))
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
        for e in events
    ]


@router.delete("/admin/lockouts/{username}", status_code=204)
def lift_lockout(
    username: Annotated[StrictText, Path(max_length=80)],
    audit: Annotated[Audit, audited("lift_lockout", "staff_user", ADMINISTRATORS)],
) -> None:
    """Lift the lockout of a staff account after too many failed logins (backend/throttle.py)."""
    audit.note(username=username)
    throttle.unlock(username)


# -- The person's rights (AVG) ---------------------------------------------------------------


class ErasureOut(BaseModel):
    intake_id: uuid.UUID
    # Rows deleted per table (and Rasa's events): what the audit log keeps of the erasure.
    deleted: dict[str, int]


class SubjectAccessOut(BaseModel):
    intake_id: uuid.UUID
    # In Dutch first, then in the person's own language (once when that is Dutch).
    overviews: list[Overview]


@contextmanager
def _rasa_tracker() -> Iterator[TrackerStore]:
    """Rasa's tracker store for one request; unreachable: 503, and nothing is changed."""
    tracker = tracker_store()
    try:
        yield tracker
    except SQLAlchemyError as error:
        raise ServiceUnavailable() from error
    finally:
        tracker.close()


@router.delete("/admin/intakes/{intake_id}")
def erase(
    intake_id: uuid.UUID,
    audit: Annotated[Audit, audited("erase_person", "intake", ADMINISTRATORS)],
    session: SessionDep,
) -> ErasureOut:
    """Erasure on request (AVG art. 17): every copy of the person's data, in the backend and in
    Rasa's tracker store, and the audit entries about them. The audit log keeps that an erasure
    happened, by whom and how many rows: no name, no contents."""
    audit.about(intake_id)
    intake = session.get(Intake, intake_id)
    if intake is None:
        raise NotFound()
    audit.about_intake(intake)
    with _rasa_tracker() as tracker:
        counts = erase_person(session, tracker, intake)
    deleted = dict(sorted(counts.items()))
    # Written after the erasure removed the entries about the person: this one stays.
    audit.note(deleted=deleted)
    return ErasureOut(intake_id=intake_id, deleted=deleted)


@router.get("/admin/intakes/{intake_id}/subject-access")
def subject_access_export(
    intake_id: uuid.UUID,
    audit: Annotated[Audit, audited("subject_access_export", "intake", ADMINISTRATORS)],
    session: SessionDep,
) -> SubjectAccessOut:
    """Everything held about the person (AVG art. 15), in Dutch and in their own language."""
    audit.about(intake_id)
    intake = session.get(Intake, intake_id)
    if intake is None:
        raise NotFound()
    audit.about_intake(intake)
    # Written now, so that the overview itself lists that it was made.
    audit.write_now()
    policy = RetentionPolicy.from_settings(get_settings())
    with _rasa_tracker() as tracker:
        overviews = subject_access(session, tracker, intake, policy)
    return SubjectAccessOut(intake_id=intake.id, overviews=overviews)
