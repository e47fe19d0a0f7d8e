"""The figures page of the workspace: the region's numbers with server-drawn SVG charts and a CSV.

Case managers see their municipalities, administrators the region (backend/api/figures.py
decides the scope and counts; this page only shows it). The page calls the JSON API's functions
with an audit record of its own, logged in by the session cookie, like the other pages.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from backend.api.figures import FIGURE_READERS, csv_response, figures_for
from backend.deps import SessionDep
from backend.figures.export import charts, count_text, mean_text, measure_names, share_text, table_names
from backend.models import Municipality, StaffRole, StaffUser
from backend.policy import Audit, audited
from backend.workspace.sessions import workspace_user
from backend.workspace.templating import WORKSPACE, render_page

router = APIRouter(prefix=f"{WORKSPACE}/cijfers", include_in_schema=False)


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _choices(session: SessionDep, user: StaffUser) -> list[tuple[str, str]]:
    """The municipalities the staff member may choose: their own, or (administrators) all seven."""
    if user.role == StaffRole.ADMINISTRATOR:
        rows = session.scalars(select(Municipality))
        return sorted(((m.code, m.name) for m in rows), key=lambda c: c[1].casefold())
    return sorted(((m.code, m.name) for m in user.municipalities), key=lambda c: c[1].casefold())


@router.get("", response_class=HTMLResponse)
def figures_page(
    request: Request,
    audit: Annotated[Audit, audited("read_figures", "figures", FIGURE_READERS, login=workspace_user)],
    session: SessionDep,
    municipality: str | None = None,
    first: str | None = None,
    last: str | None = None,
) -> HTMLResponse:
    user = audit.user  # a volunteer is refused by `audited` (403), and the refusal recorded
    choices = _choices(session, user)
    chosen = municipality if municipality in {code for code, _name in choices} else None
    period = (_date(first), _date(last))
    figures = figures_for(session, audit, chosen, *period)
    wanted = {"municipality": chosen, "first": period[0], "last": period[1]}
    query = urlencode({name: str(value) for name, value in wanted.items() if value})
    return render_page(
        request,
        "workspace/figures.html",
        user,
        tab="cijfers",
        figures=figures,
        charts=charts(figures),
        tables=table_names(),
        measures=measure_names(),
        count=count_text,
        share=share_text,
        mean=mean_text,
        municipalities=choices,
        filters={"municipality": chosen or "", "first": first or "", "last": last or ""},
        csv_url=f"{WORKSPACE}/cijfers.csv" + (f"?{query}" if query else ""),
    )


@router.get(".csv")
def figures_csv_page(
    audit: Annotated[Audit, audited("export_figures_csv", "figures", FIGURE_READERS, login=workspace_user)],
    session: SessionDep,
    municipality: str | None = None,
    first: str | None = None,
    last: str | None = None,
) -> Response:
    chosen = municipality if municipality in {code for code, _name in _choices(session, audit.user)} else None
    return csv_response(figures_for(session, audit, chosen, _date(first), _date(last)))
