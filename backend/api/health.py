"""Liveness and readiness: public, no personal data."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from backend.deps import SessionDep

router = APIRouter(tags=["health"])


@router.get("/health")
def health(session: SessionDep) -> dict[str, str]:
    session.execute(text("SELECT 1"))
    return {"status": "ok"}
