"""The audit log: every read of an intake by staff is recorded (AVG: 'who looked at this?')."""

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
    session.add(
        AuditEvent(
            actor_id=actor.id if actor else None,
            action=action,
            object_type=object_type,
            object_id=object_id,
            municipality_code=municipality_code,
            detail=detail,
        )
    )
