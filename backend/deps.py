"""Dependencies shared by the routers: database session, current staff user, internal caller.
Who may do what (roles, municipalities) and the audit record: backend/policy.py."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, Request
from prometheus_client import Counter
from sqlalchemy.orm import Session

from backend.config import Settings, get_settings
from backend.db import session_scope
from backend.errors import NotAuthenticated
from backend.models import StaffSession, StaffUser, as_utc, utcnow
from backend.security import same_secret, token_hash


def get_session() -> Iterator[Session]:
    with session_scope() as session:
        yield session


# scope="function": commit when the endpoint returns, *before* the response is sent. With the
# default scope the commit would follow the response, and the phone's next message could
# arrive before its conversation exists.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


async def current_settings() -> Settings:
    # async, like `internal_caller`: FastAPI runs a plain `def` dependency on a worker thread, and
    # the NLG endpoint must never wait for one (Rasa calls it while chat turns are in progress).
    return get_settings()


SettingsDep = Annotated[Settings, Depends(current_settings)]


def _bearer(authorization: str | None) -> str | None:
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return None


def user_for_token(session: Session, token: str | None) -> StaffUser | None:
    """The active staff member a login's token belongs to (a bearer token of the JSON API, or
    the workspace's session cookie); None when it is unknown, expired or the account is inactive."""
    if not token:
        return None
    login = session.get(StaffSession, token_hash(token))
    if login is None or as_utc(login.expires_at) < utcnow() or not login.user.active:
        return None
    return login.user


def current_user(session: SessionDep, authorization: Annotated[str | None, Header()] = None) -> StaffUser:
    user = user_for_token(session, _bearer(authorization))
    if user is None:
        raise NotAuthenticated()
    return user


CurrentUser = Annotated[StaffUser, Depends(current_user)]


# Calls of Rasa or the action server refused for a wrong internal token, by route template:
# the two sides hold different INTAKE_INTERNAL_API_TOKENs, and the action server's outbox keeps
# every save until they agree. Registered in backend/metrics.py (which imports this module).
INTERNAL_TOKEN_REFUSED = Counter(
    "intake_internal_token_refused",
    "Calls to the internal API or NLG refused for a wrong internal token, by route template.",
    ("route",),
    registry=None,
)


async def internal_caller(
    request: Request, settings: SettingsDep, authorization: Annotated[str | None, Header()] = None
) -> None:
    """Rasa (NLG) and the action server authenticate with the shared internal token (async:
    no worker thread needed to compare it)."""
    if not same_secret(_bearer(authorization), settings.internal_api_token):
        INTERNAL_TOKEN_REFUSED.labels(str(getattr(request.scope.get("route"), "path", "(no route)"))).inc()
        raise NotAuthenticated()


InternalCaller = Depends(internal_caller)
