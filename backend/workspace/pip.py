"""The PIP draft page of the workspace: what the intake suggests, the case manager's form, the versions.

Each page calls the JSON API's route functions (backend/api/pip.py) with an audit record of its
own, logged in by the session cookie: the same checks, the same draft, the same audit entries. A
save is a new version; a refused save (a route without reasons, a colleague's newer version)
shows the form again with what was typed and the API's Dutch message.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from backend.api import pip as api
from backend.deps import SessionDep
from backend.errors import ApiError
from backend.pip.draft import (
    PipDraftOut,
    PipFields,
    PipSaveIn,
    VersionOut,
    build_draft,
    main_goal_label,
    version_out,
    versions,
)
from backend.pip.indications import route_label
from backend.policy import CASE_MANAGERS, Audit, audited, intake_for
from backend.workspace.sessions import CsrfChecked, workspace_user
from backend.workspace.templating import WORKSPACE, render_page
from backend.workspace.text import nl_

router = APIRouter(prefix=f"{WORKSPACE}/intakes", include_in_schema=False)

TEXT_FIELDS = ("route_reasons", "participation", "support", "attention_notes", "notes")


def _page(
    request: Request,
    audit: Audit,
    draft: PipDraftOut,
    history: list[VersionOut],
    typed: dict[str, str] | None = None,
    error: str | None = None,
    notice: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    fields = draft.fields
    shown = typed or {
        **{name: getattr(fields, name) or "" for name in TEXT_FIELDS},
        "main_goal": fields.main_goal.value if fields.main_goal else "",
        "route": fields.route.value if fields.route else "",
        "learnability_test_outcome": fields.learnability_test_outcome.value if fields.learnability_test_outcome else "",
        "financial_relief": _yes_no_code(fields.financial_relief),
        "early_education_informed": _yes_no_code(fields.early_education_informed),
        "pip_date": fields.pip_date.isoformat() if fields.pip_date else "",
        "based_on_version": str(draft.version or ""),
    }
    return render_page(
        request,
        "workspace/pip.html",
        audit.user,
        tab="intakes",
        draft=draft,
        history=history,
        form=shown,
        error=error,
        notice=notice,
        route_name=route_label,
        goal_name=main_goal_label,
        status_code=status_code,
    )


def _yes_no_code(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _yes_no(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


@router.get("/{intake_id}/pip", response_class=HTMLResponse)
def pip_page(
    request: Request,
    intake_id: uuid.UUID,
    audit: Annotated[Audit, audited("read_pip", "intake", CASE_MANAGERS, login=workspace_user)],
    session: SessionDep,
    opgeslagen: str | None = None,
) -> HTMLResponse:
    intake = intake_for(session, audit, intake_id)
    draft = build_draft(session, intake)
    history = [version_out(row) for row in versions(session, intake)]
    notice = nl_("Saved as version %(version)s.", version=draft.version) if opgeslagen and draft.version else None
    return _page(request, audit, draft, history, notice=notice)


@router.post("/{intake_id}/pip", response_class=HTMLResponse, dependencies=[CsrfChecked])
def save_pip_page(
    request: Request,
    intake_id: uuid.UUID,
    audit: Annotated[Audit, audited("save_pip", "intake", CASE_MANAGERS, login=workspace_user)],
    session: SessionDep,
    main_goal: Annotated[str, Form(max_length=40)] = "",
    route: Annotated[str, Form(max_length=20)] = "",
    route_reasons: Annotated[str, Form(max_length=5000)] = "",
    learnability_test_outcome: Annotated[str, Form(max_length=20)] = "",
    participation: Annotated[str, Form(max_length=5000)] = "",
    support: Annotated[str, Form(max_length=5000)] = "",
    financial_relief: Annotated[str, Form(max_length=3)] = "",
    early_education_informed: Annotated[str, Form(max_length=3)] = "",
    attention_notes: Annotated[str, Form(max_length=5000)] = "",
    pip_date: Annotated[str, Form(max_length=10)] = "",
    notes: Annotated[str, Form(max_length=5000)] = "",
    based_on_version: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Save the form as the next version (the API's save); refused: the form again, as typed."""
    typed = {
        "main_goal": main_goal,
        "route": route,
        "route_reasons": route_reasons,
        "learnability_test_outcome": learnability_test_outcome,
        "participation": participation,
        "support": support,
        "financial_relief": financial_relief,
        "early_education_informed": early_education_informed,
        "attention_notes": attention_notes,
        "pip_date": pip_date,
        "notes": notes,
        "based_on_version": based_on_version,
    }
    try:
        fields = PipFields.model_validate(
            {
                **{name: typed[name] or None for name in (*TEXT_FIELDS, "main_goal", "route")},
                "learnability_test_outcome": learnability_test_outcome or None,
                "financial_relief": _yes_no(financial_relief),
                "early_education_informed": _yes_no(early_education_informed),
                "pip_date": date.fromisoformat(pip_date) if pip_date else None,
            }
        )
        body = PipSaveIn(fields=fields, based_on_version=int(based_on_version) if based_on_version else None)
        api.save_pip(intake_id, body, audit, session)
    except (ApiError, ValidationError, ValueError) as refused:
        message = refused.message if isinstance(refused, ApiError) else nl_("Some fields are not valid. Check them.")
        status = refused.status_code if isinstance(refused, ApiError) else 422
        if status == 404:
            raise
        audit.note(refused=status)
        session.rollback()  # nothing of the refused save is kept; the page is read again
        intake = intake_for(session, audit, intake_id)
        history = [version_out(row) for row in versions(session, intake)]
        draft = build_draft(session, intake)
        return _page(request, audit, draft, history, typed=typed, error=message, status_code=status)
    # See other: the browser loads the saved page with GET (a reload does not post the form again).
    return RedirectResponse(f"{WORKSPACE}/intakes/{intake_id}/pip?opgeslagen=1", status_code=303)


@router.get("/{intake_id}/pip.pdf")
def pip_pdf_page(
    intake_id: uuid.UUID,
    audit: Annotated[Audit, audited("export_pip_pdf", "intake", CASE_MANAGERS, login=workspace_user)],
    session: SessionDep,
) -> Response:
    return api.pip_as_pdf(intake_id, audit, session)
