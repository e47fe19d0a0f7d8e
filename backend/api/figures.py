"""The region's figures as JSON and CSV: numbers only, no personal data (backend/figures/).

Case managers see the figures of the municipalities they serve; administrators those of the
whole region or of one municipality. Volunteers see none. Each read is audited (who exported
which municipality's figures), like every staff route.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.deps import SessionDep
from backend.errors import NotFound
from backend.figures.compute import Figures, Period, Scope, compute
from backend.figures.export import FiguresOut, as_json, csv_text
from backend.models import Municipality, StaffRole, StaffUser
from backend.policy import ADMINISTRATORS, CASE_MANAGERS, Audit, audited
from backend.text_input import StrictText
from backend.workspace.text import nl_

router = APIRouter(prefix="/api/figures", tags=["figures"])

FIGURE_READERS = CASE_MANAGERS | ADMINISTRATORS


def scope_for(session: Session, user: StaffUser, municipality: str | None) -> Scope:
    """Whose figures the staff member may see: a case manager those of their municipalities (or
    one of them), an administrator the region's (or one municipality's). Another municipality
    is 'not found'."""
    names = {m.code: m.name for m in session.scalars(select(Municipality))}
    if user.role == StaffRole.ADMINISTRATOR:
        if municipality is None:
            return Scope(municipality_codes=None, label=nl_("Westfriesland region"))
        allowed = set(names)
    else:
        allowed = set(user.municipality_codes)
    codes = allowed if municipality is None else allowed & {municipality}
    if not codes:
        raise NotFound()
    return Scope(municipality_codes=frozenset(codes), label=", ".join(sorted(names[c] for c in codes)))


def figures_for(
    session: Session, audit: Audit, municipality: str | None, first: date | None, last: date | None
) -> Figures:
    audit.note(
        municipality=municipality, first=first.isoformat() if first else None, last=last.isoformat() if last else None
    )
    scope = scope_for(session, audit.user, municipality)
    return compute(session, scope, Period(first=first, last=last))


@router.get("")
def read_figures(
    audit: Annotated[Audit, audited("read_figures", "figures", FIGURE_READERS)],
    session: SessionDep,
    municipality: StrictText | None = None,
    first: date | None = None,
    last: date | None = None,
) -> FiguresOut:
    """Intakes, deadlines, routes, appointments, invitations and questions, counted; counts from
    1 to 4 are null (suppressed). `first`/`last`: intakes begun in that period (dates, inclusive)."""
    return as_json(figures_for(session, audit, municipality, first, last))


@router.get(".csv")
def figures_csv(
    audit: Annotated[Audit, audited("export_figures_csv", "figures", FIGURE_READERS)],
    session: SessionDep,
    municipality: StrictText | None = None,
    first: date | None = None,
    last: date | None = None,
) -> Response:
    """The same figures as CSV (UTF-8, one line per number), for the councils' progress reports."""
    return csv_response(figures_for(session, audit, municipality, first, last))


def csv_response(figures: Figures) -> Response:
    return Response(
        csv_text(figures).encode("utf-8-sig"),  # with a BOM: spreadsheet programs then read it as UTF-8
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="cijfers-inburgering.csv"', "Cache-Control": "no-store"},
    )
