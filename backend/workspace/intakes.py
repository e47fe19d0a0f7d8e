"""The workspace's intakes: the list with its filters and the 10-week clock, one intake by
section, correcting a field and confirming a section.

Each page calls the JSON API's own route functions (backend/api/intakes.py) with an audit
record of the page's own (backend/policy.py `audited`, logged in by the session cookie): the
same query, the same checks, the same presenters, the same audit entries as the API.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from backend.api import intakes as api
from backend.deps import SessionDep
from backend.models import IntakeStatus
from backend.policy import CASE_MANAGERS, Audit, audited
from backend.presenters.labels import municipality_choices
from backend.workspace.sessions import WorkspaceCaseManager, workspace_user
from backend.workspace.templating import WORKSPACE, render_page

router = APIRouter(prefix=f"{WORKSPACE}/intakes", include_in_schema=False)


def _status(value: str | None) -> IntakeStatus | None:
    return IntakeStatus(value) if value in {s.value for s in IntakeStatus} else None


def _complete(value: str | None) -> bool | None:
    return {"true": True, "false": False}.get(value or "")


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@router.get("", response_class=HTMLResponse)
def intakes_page(
    request: Request,
    audit: Annotated[Audit, audited("list_intakes", "intake", CASE_MANAGERS, login=workspace_user)],
    user: WorkspaceCaseManager,
    session: SessionDep,
    municipality: str | None = None,
    status: str | None = None,
    complete: str | None = None,
    deadline_before: str | None = None,
) -> HTMLResponse:
    """The intakes of the case manager's municipalities; the filters are a plain GET form."""
    chosen = municipality if municipality in user.municipality_codes else None
    filters = {
        "municipality": chosen or "",
        "status": status if _status(status) else "",
        "complete": complete if _complete(complete) is not None else "",
        "deadline_before": deadline_before if _date(deadline_before) else "",
    }
    rows = api.list_intakes(audit, session, chosen, _status(status), _complete(complete), _date(deadline_before))
    return render_page(
        request,
        "workspace/intakes.html",
        user,
        tab="intakes",
        intakes=rows,
        filters=filters,
        municipalities=municipality_choices(user),
    )


@router.get("/{intake_id}", response_class=HTMLResponse)
def intake_page(
    request: Request,
    intake_id: uuid.UUID,
    audit: Annotated[Audit, audited("read_intake", "intake", CASE_MANAGERS, login=workspace_user)],
    user: WorkspaceCaseManager,
    session: SessionDep,
) -> HTMLResponse:
    intake = api.read_intake(intake_id, audit, session)
    return render_page(request, "workspace/intake.html", user, tab="intakes", intake=intake)
