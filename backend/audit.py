"""The audit log: who read or changed personal data, and when (AVG: 'who looked at this?').

Staff routes do not call this: they declare themselves with `backend.policy.audited`, which
writes their record. `record` is for what happens outside a staff route: the retention job, the
command line (backend/cli.py), logins, the person's phone starting a volunteer's help.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from backend.models import AuditEvent, StaffUser


def record(
    session: Session,
    actor: StaffUser | None,
    action: str,
    object_type: str,
    object_id: str | None = None,
    municipality_code: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    record_for(session, actor.id if actor else None, action, object_type, object_id, municipality_code, detail)


def record_for(
    session: Session,
    actor_id: int | None,
    action: str,
    object_type: str,
    object_id: str | None = None,
    municipality_code: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    session.add(
        AuditEvent(
            actor_id=actor_id,
            action=action,
            object_type=object_type,
            object_id=object_id,
            municipality_code=municipality_code,
            detail=detail,
        )
    )
