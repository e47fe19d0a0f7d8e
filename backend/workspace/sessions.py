"""The workspace's login: a session cookie and a CSRF token for every form.

The cookie holds the token of a staff login (the same `staff_session` rows as the JSON API's
bearer tokens, so an operator who revokes sessions ends both). It is HttpOnly (no script reads
it), SameSite=Strict (no other site's link or form sends it) and Secure in production (only over
TLS, behind Caddy). The JSON API keeps its bearer tokens and never reads this cookie.

Every form posts a CSRF token that is checked on the server (the synchronizer token pattern,
bound to the session without storing it: an HMAC of the session's own token, so only a page
rendered for this session can know it). htmx sends it as the X-CSRF-Token header (base.html).
The login form has no session yet: a random token in a short-lived cookie and the same value
in the form (double submit).
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.responses import Response

from backend.config import Settings
from backend.deps import SessionDep, user_for_token
from backend.models import StaffRole, StaffUser
from backend.security import same_secret

SESSION_COOKIE = "intake_staff_session"
LOGIN_CSRF_COOKIE = "intake_login_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
LOGIN_FORM_MINUTES = 30


class LoginRequired(Exception):
    """No valid session: the page sends the browser to the login form (see pages.py)."""


class NotForRole(Exception):
    """A staff member whose role does not work on this page: sent to their own first page."""


class CsrfRefused(Exception):
    """A form without the token of this session (another site's form, or an old page)."""


def _secure(settings: Settings) -> bool:
    return settings.environment == "production"


def session_token(request: Request) -> str | None:
    return request.cookies.get(SESSION_COOKIE) or None


def csrf_token_for(token: str) -> str:
    return hmac.new(token.encode(), b"workspace-csrf", hashlib.sha256).hexdigest()


def csrf_token_of(request: Request) -> str | None:
    token = session_token(request)
    return csrf_token_for(token) if token else None


def set_session_cookie(response: Response, token: str, settings: Settings) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=settings.staff_session_hours * 3600,
        path="/",
        secure=_secure(settings),
        httponly=True,
        samesite="strict",
    )


def clear_session_cookie(response: Response, settings: Settings) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", secure=_secure(settings), httponly=True, samesite="strict")


def set_login_csrf(response: Response, token: str, settings: Settings) -> None:
    """The login form's token (`new_token()`, also in the form) as a short-lived cookie."""
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        max_age=LOGIN_FORM_MINUTES * 60,
        path="/",
        secure=_secure(settings),
        httponly=True,
        samesite="strict",
    )


def check_login_csrf(request: Request, posted: str | None) -> None:
    expected = request.cookies.get(LOGIN_CSRF_COOKIE)
    if not expected or not same_secret(posted, expected):
        raise CsrfRefused()


async def _posted_csrf(request: Request) -> str | None:
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    form = await request.form()
    value = form.get(CSRF_FIELD)
    return value if isinstance(value, str) else None


def workspace_user(request: Request, session: SessionDep) -> StaffUser:
    user = user_for_token(session, session_token(request))
    if user is None:
        raise LoginRequired()
    request.state.workspace_role = user.role  # for the answer to NotForRole
    return user


WorkspaceUser = Annotated[StaffUser, Depends(workspace_user)]


def workspace_case_manager(user: WorkspaceUser) -> StaffUser:
    if user.role != StaffRole.CASE_MANAGER:
        raise NotForRole()
    return user


WorkspaceCaseManager = Annotated[StaffUser, Depends(workspace_case_manager)]


async def csrf_checked(request: Request) -> None:
    """For every POST of the workspace: the token of this session, in the form or the header."""
    token = session_token(request)
    posted = await _posted_csrf(request)
    if token is None or not same_secret(posted, csrf_token_for(token)):
        raise CsrfRefused()


CsrfChecked = Depends(csrf_checked)
