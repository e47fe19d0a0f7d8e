"""A volunteer's (or case manager's) one-time code to help on a person's phone, asked for in the
workspace on their own device: the JSON API's route function (backend/api/assistance.py)."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from backend.api import assistance as api
from backend.deps import SessionDep
from backend.policy import TRANSLATORS, Audit, audited
from backend.workspace.sessions import CsrfChecked, WorkspaceUser, workspace_user
from backend.workspace.templating import WORKSPACE, render_page

router = APIRouter(prefix=WORKSPACE, include_in_schema=False)


@router.post("/hulpcode", response_class=HTMLResponse, dependencies=[CsrfChecked])
def new_code(
    request: Request,
    audit: Annotated[Audit, audited("new_assistance_code", "staff_user", TRANSLATORS, login=workspace_user)],
    user: WorkspaceUser,
    session: SessionDep,
) -> HTMLResponse:
    """A new code (the earlier one stops working), shown once: in place (htmx) or on a page."""
    issued = api.new_code(audit, session)
    template = "workspace/_assist_code.html" if request.headers.get("HX-Request") else "workspace/assist_code.html"
    return render_page(
        request,
        template,
        user,
        code=re.sub(r"^(\d{3})(\d{3})$", r"\1 \2", issued.code),  # read aloud in two halves
        expires_at=issued.expires_at,
        valid_minutes=issued.valid_minutes,
    )
