"""The staff workspace's pages: log in and out, and the way into each part.

Every page is rendered on the server (backend/templates/workspace); htmx only swaps parts of a
page in place. Pages answer a browser, so their refusals are pages or redirects, not JSON:
no session -> the login form (and back afterwards); a role that does not work here -> its own
first page; a form without this session's CSRF token -> 403.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from backend.api.auth import authenticate, close_session, open_session
from backend.deps import SessionDep, SettingsDep, user_for_token
from backend.errors import ApiError, TooManyRequests, error_response
from backend.models import StaffRole
from backend.policy import ALL_STAFF, not_staff, staff_only
from backend.security import new_token
from backend.workspace import appointments, assistance, availability, intakes, translations
from backend.workspace.sessions import (
    CsrfChecked,
    CsrfRefused,
    LoginRequired,
    NotForRole,
    WorkspaceUser,
    check_login_csrf,
    clear_session_cookie,
    session_token,
    set_login_csrf,
    set_session_cookie,
    workspace_user,
)
from backend.workspace.templating import WORKSPACE, render_page, see_other, tabs_for
from backend.workspace.text import nl_

router = APIRouter(prefix=WORKSPACE, include_in_schema=False)

# What these pages are (backend/policy.py): no one's data but the staff member's own.
ANY_STAFF = staff_only(ALL_STAFF, "the workspace's own pages: no one's data", login=workspace_user)
LOGGING_IN = not_staff("the login form; logins record their own audit events")

LOGGED_OUT = "uitgelogd"


def first_page(role: StaffRole) -> str:
    tabs = tabs_for(role)
    return tabs[0].href if tabs else f"{WORKSPACE}/geen-toegang"


def _safe_next(next_url: str | None) -> str | None:
    """Only a page of the workspace itself (never another site) to go back to after logging in."""
    if next_url and next_url.startswith(f"{WORKSPACE}/") and not next_url.startswith("//") and "\\" not in next_url:
        return next_url
    return None


@router.get("", dependencies=[ANY_STAFF])
def workspace_home(user: WorkspaceUser) -> RedirectResponse:
    return see_other(first_page(user.role))


def _login_page(
    request: Request,
    settings: SettingsDep,
    *,
    next_url: str | None,
    username: str = "",
    error: str | None = None,
    notice: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    token = new_token()  # the login form's CSRF token: in the form and in a cookie (double submit)
    response = render_page(
        request,
        "workspace/login.html",
        None,
        next=next_url or "",
        username=username,
        error=error,
        notice=notice,
        login_csrf=token,
        status_code=status_code,
    )
    set_login_csrf(response, token, settings)
    return response


@router.get("/inloggen", response_class=HTMLResponse, dependencies=[LOGGING_IN])
def login_form(request: Request, session: SessionDep, settings: SettingsDep, next: str | None = None) -> Response:
    user = user_for_token(session, session_token(request))
    if user is not None:
        return see_other(_safe_next(next) or first_page(user.role))
    notice = nl_("You are logged out.") if request.query_params.get(LOGGED_OUT) is not None else None
    return _login_page(request, settings, next_url=_safe_next(next), notice=notice)


@router.post("/inloggen", response_class=HTMLResponse, dependencies=[LOGGING_IN])
def login(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    username: Annotated[str, Form(max_length=80)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    check_login_csrf(request, csrf_token)
    username = username.strip()
    if not username or not password:
        error = nl_("Fill in your username and password.")
        return _login_page(
            request, settings, next_url=_safe_next(next), username=username, error=error, status_code=400
        )
    try:
        user = authenticate(session, username, password, request)
    except ApiError as refused:  # a wrong password, a delay or a locked account (in Dutch from the API)
        page = _login_page(
            request,
            settings,
            next_url=_safe_next(next),
            username=username,
            error=refused.message,
            status_code=refused.status_code,
        )
        if isinstance(refused, TooManyRequests):
            page.headers["Retry-After"] = str(refused.retry_after_seconds)
        return page
    token, _expires_at = open_session(session, user, settings)
    response = see_other(_safe_next(next) or first_page(user.role))
    set_session_cookie(response, token, settings)
    return response


@router.post("/uitloggen", dependencies=[CsrfChecked, ANY_STAFF])
def logout(request: Request, user: WorkspaceUser, session: SessionDep, settings: SettingsDep) -> Response:
    token = session_token(request)
    if token:
        close_session(session, user, token)
    response = see_other(f"{WORKSPACE}/inloggen?{LOGGED_OUT}")
    clear_session_cookie(response, settings)
    return response


@router.get("/geen-toegang", response_class=HTMLResponse, dependencies=[ANY_STAFF])
def nothing_here(request: Request, user: WorkspaceUser) -> HTMLResponse:
    """An account whose role has no part of the workspace (an administrator, for now)."""
    error = nl_("This page is for case managers and volunteers. With this account there is nothing to see or do here.")
    return render_page(request, "workspace/empty.html", user, error=error, status_code=403)


def install_workspace(app: FastAPI) -> None:
    """The workspace's routes and the answers to its refusals (pages, not JSON)."""
    app.include_router(router)
    app.include_router(intakes.router)
    app.include_router(translations.router)
    app.include_router(appointments.router)
    app.include_router(availability.router)
    app.include_router(assistance.router)

    @app.exception_handler(LoginRequired)
    async def _login_required(request: Request, _exc: LoginRequired) -> Response:
        wanted = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        login_url = f"{WORKSPACE}/inloggen?next={quote(wanted, safe='')}"
        if request.headers.get("HX-Request"):
            # htmx follows this header with a full page load (a fetch cannot follow a redirect
            # to another page and show it).
            return Response(status_code=401, headers={"HX-Redirect": login_url})
        return see_other(login_url)

    @app.exception_handler(NotForRole)
    async def _not_for_role(request: Request, _exc: NotForRole) -> Response:
        role = getattr(request.state, "workspace_role", None)
        return see_other(first_page(role) if role else WORKSPACE)

    @app.exception_handler(ApiError)
    async def _refused(request: Request, exc: ApiError) -> Response:
        """The API's refusals (not found, not permitted, a wrong value) as a page in the workspace;
        as JSON everywhere else, as backend.errors answers them."""
        if not request.url.path.startswith(f"{WORKSPACE}/"):
            return error_response(exc)
        # Without the staff member: their database session has ended by now.
        return render_page(request, "workspace/error.html", None, error=exc.message, status_code=exc.status_code)

    @app.exception_handler(CsrfRefused)
    async def _csrf_refused(request: Request, _exc: CsrfRefused) -> Response:
        message = nl_("This form has expired. Go back, reload the page and try again.")
        return HTMLResponse(message, status_code=403, headers={"Cache-Control": "no-store"})
