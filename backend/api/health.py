"""Liveness and readiness: public, no personal data."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from backend.deps import SessionDep
from backend.policy import not_staff

router = APIRouter(tags=["health"], dependencies=[not_staff("health checks: no data")])


@router.get("/health")
def health(session: SessionDep) -> dict[str, str]:
    session.execute(text("SELECT 1"))
    return {"status": "ok"}
