"""The administrators' page of staff accounts (/werkplek/medewerkers): the same operations as
the JSON API (backend/api/staff.py) and the command line, on backend/accounts.py. Every form is
CSRF-checked and audited (backend/policy.py); a refusal is shown beside the form, in Dutch.
A generated password is shown once, on the page that answers the form."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend import accounts
from backend.accounts import AccountError
from backend.deps import SessionDep
from backend.models import Municipality, StaffRole, StaffSession, StaffUser, utcnow
from backend.policy import ADMINISTRATORS, Audit, audited
from backend.presenters.labels import role_label
from backend.workspace.sessions import CsrfChecked, workspace_user
from backend.workspace.templating import WORKSPACE, render_page
from backend.workspace.text import nl_

PAGE = f"{WORKSPACE}/medewerkers"
router = APIRouter(prefix=PAGE, include_in_schema=False)


def _page(
    request: Request,
    session: Session,
    user: StaffUser,
    *,
    notice: str | None = None,
    error: str | None = None,
    error_for: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    staff = list(session.scalars(select(StaffUser).order_by(StaffUser.username)))
    logins = dict(
        session.execute(
            select(StaffSession.staff_user_id, func.count())
            .where(StaffSession.expires_at > utcnow())
            .group_by(StaffSession.staff_user_id)
        ).all()
    )
    return render_page(
        request,
        "workspace/staff.html",
        user,
        tab="medewerkers",
        staff=staff,
        logins=logins,
        roles=[(role.value, role_label(role)) for role in StaffRole],
        municipalities=list(session.scalars(select(Municipality).order_by(Municipality.name))),
        notice=notice,
        error=error,
        error_for=error_for,
        page=PAGE,
        status_code=status_code,
    )


def _refused(request: Request, session: Session, audit: Audit, error: AccountError, error_for: str) -> HTMLResponse:
    session.rollback()
    audit.answered_with(error.status_code)
    return _page(request, session, audit.user, error=error.message, error_for=error_for, status_code=error.status_code)


@router.get("", response_class=HTMLResponse)
def staff_page(
    request: Request,
    audit: Annotated[Audit, audited("list_staff", "staff_user", ADMINISTRATORS, login=workspace_user)],
    session: SessionDep,
) -> HTMLResponse:
    return _page(request, session, audit.user)


@router.post("", response_class=HTMLResponse, dependencies=[CsrfChecked])
def create_account(
    request: Request,
    audit: Annotated[Audit, audited("create_staff", "staff_user", ADMINISTRATORS, login=workspace_user)],
    session: SessionDep,
    username: Annotated[str, Form(max_length=80)] = "",
    full_name: Annotated[str, Form(max_length=120)] = "",
    role: Annotated[StaffRole, Form()] = StaffRole.CASE_MANAGER,
    municipality: Annotated[list[str], Form(max_length=7)] = [],  # noqa: B006 - FastAPI copies it
    password: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    username = username.strip()
    audit.note(username=username, role=role.value, municipalities=sorted(municipality))
    generated = accounts.generated_password() if not password else None
    try:
        serving = accounts.municipalities(session, municipality)
        account = accounts.create(session, username, full_name, role, serving, password or generated or "")
    except AccountError as error:
        return _refused(request, session, audit, error, "new")
    audit.about(account.id)
    notice = nl_("Account %(username)s made.", username=username)
    if generated:
        notice += " " + nl_("Its password (shown only now): %(password)s", password=generated)
    return _page(request, session, audit.user, notice=notice)


def _account(session: Session, audit: Audit, username: str) -> StaffUser:
    audit.note(username=username)
    account = accounts.find(session, username)
    audit.about(account.id)
    return account


@router.post("/{username}/wijzigen", response_class=HTMLResponse, dependencies=[CsrfChecked])
def change_account(
    request: Request,
    username: str,
    audit: Annotated[Audit, audited("change_staff", "staff_user", ADMINISTRATORS, login=workspace_user)],
    session: SessionDep,
    role: Annotated[StaffRole, Form()],
    municipality: Annotated[list[str], Form(max_length=7)] = [],  # noqa: B006 - FastAPI copies it
) -> Response:
    account = _account(session, audit, username)
    try:
        accounts.set_municipalities(session, account, accounts.municipalities(session, municipality))
        accounts.set_role(session, account, role)
    except AccountError as error:
        return _refused(request, session, audit, error, username)
    audit.note(role=role.value, municipalities=sorted(account.municipality_codes))
    return _page(request, session, audit.user, notice=nl_("Account %(username)s saved.", username=username))


@router.post("/{username}/actief", response_class=HTMLResponse, dependencies=[CsrfChecked])
def set_active(
    request: Request,
    username: str,
    audit: Annotated[Audit, audited("change_staff", "staff_user", ADMINISTRATORS, login=workspace_user)],
    session: SessionDep,
    active: Annotated[bool, Form()],
) -> Response:
    account = _account(session, audit, username)
    audit.note(changed=["active"], active=active)
    try:
        if active:
            accounts.activate(session, account)
            notice = nl_("Account %(username)s can log in again.", username=username)
        else:
            audit.note(logins_ended=accounts.deactivate(session, account))
            notice = nl_("Account %(username)s is deactivated; its logins have ended.", username=username)
    except AccountError as error:
        return _refused(request, session, audit, error, username)
    return _page(request, session, audit.user, notice=notice)


@router.post("/{username}/wachtwoord", response_class=HTMLResponse, dependencies=[CsrfChecked])
def reset_password(
    request: Request,
    username: str,
    audit: Annotated[Audit, audited("reset_staff_password", "staff_user", ADMINISTRATORS, login=workspace_user)],
    session: SessionDep,
) -> Response:
    account = _account(session, audit, username)
    password = accounts.generated_password()
    audit.note(generated=True, logins_ended=accounts.set_password(session, account, password))
    notice = nl_(
        "New password for %(username)s (shown only now): %(password)s. Its logins have ended.",
        username=username,
        password=password,
    )
    return _page(request, session, audit.user, notice=notice)


@router.post("/{username}/logins", response_class=HTMLResponse, dependencies=[CsrfChecked])
def end_logins(
    request: Request,
    username: str,
    audit: Annotated[Audit, audited("end_staff_logins", "staff_user", ADMINISTRATORS, login=workspace_user)],
    session: SessionDep,
) -> Response:
    account = _account(session, audit, username)
    ended = accounts.revoke_sessions(session, account)
    audit.note(logins_ended=ended)
    notice = nl_("Logins of %(username)s ended: %(count)d.", username=username, count=ended)
    return _page(request, session, audit.user, notice=notice)
