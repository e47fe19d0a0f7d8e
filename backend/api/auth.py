"""Staff login with a username and password; a bearer token per login."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Header, Request
from pydantic import BaseModel, Field
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from backend import accounts, audit, throttle
from backend.config import Settings
from backend.deps import SessionDep, SettingsDep
from backend.errors import NotAuthenticated, _
from backend.models import StaffRole, StaffSession, StaffUser, utcnow
from backend.policy import ALL_STAFF, Audit, audited, not_staff, staff_only
from backend.security import check_password, hash_password, new_token, token_hash
from backend.text_input import StrictText

router = APIRouter(prefix="/api/auth", tags=["auth"])

# Checked when the username is unknown, so that a wrong username takes as long as a wrong password.
_DUMMY_HASH = hash_password("not-a-real-password")


class LoginIn(BaseModel):
    username: StrictText = Field(min_length=1, max_length=80)
    password: StrictText = Field(min_length=1, max_length=200)


class StaffOut(BaseModel):
    username: str
    full_name: str
    role: StaffRole
    municipalities: list[str]

    @classmethod
    def of(cls, user: StaffUser) -> StaffOut:
        return cls(
            username=user.username,
            full_name=user.full_name,
            role=user.role,
            municipalities=sorted(user.municipality_codes),
        )


class LoginOut(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth2 token type, not a secret
    expires_at: datetime
    user: StaffOut


def authenticate(session: Session, username: str, password: str, request: Request) -> StaffUser:
    """The staff member with this username and password, or a Dutch refusal (also when locked).
    Shared by the JSON API's login and the workspace's login form."""
    # Before the password: while the account is locked, the right password does not work either.
    throttle.check_login(username, throttle.address_of(request))
    user = session.scalar(select(StaffUser).where(StaffUser.username == username))
    check = check_password(password, user.password_hash if user else _DUMMY_HASH)
    valid = check.valid
    if user is None or not valid or not user.active:
        audit.record(session, None, "login_failed", "staff_user", detail={"username": username[:80]})
        locked = throttle.login_failed(username, throttle.address_of(request))
        if locked:
            audit.record(session, None, "login_locked", "staff_user", detail={"username": username[:80]})
        session.commit()
        raise throttle.lockout_message() if locked else NotAuthenticated(_("The username or password is not right."))
    throttle.login_succeeded(username)
    if check.new_hash is not None:
        # An older hash (scrypt, or Argon2 with older parameters): replaced now that the password is known.
        user.password_hash = check.new_hash
    return user


def open_session(session: Session, user: StaffUser, settings: Settings) -> tuple[str, datetime]:
    """A new login of `user`: its token (only the hash is stored) and when it expires."""
    token = new_token()
    expires_at = utcnow() + timedelta(hours=settings.staff_session_hours)
    session.add(StaffSession(token_hash=token_hash(token), staff_user_id=user.id, expires_at=expires_at))
    audit.record(session, user, "login", "staff_user", object_id=str(user.id))
    return token, expires_at


def close_session(session: Session, user: StaffUser, token: str) -> None:
    session.execute(delete(StaffSession).where(StaffSession.token_hash == token_hash(token)))
    audit.record(session, user, "logout", "staff_user", object_id=str(user.id))


@router.post("/login", dependencies=[not_staff("logging in; it records its own audit events")])
def login(body: LoginIn, request: Request, session: SessionDep, settings: SettingsDep) -> LoginOut:
    user = authenticate(session, body.username, body.password, request)
    token, expires_at = open_session(session, user, settings)
    return LoginOut(access_token=token, expires_at=expires_at, user=StaffOut.of(user))


@router.post("/logout", status_code=204)
def logout(
    user: Annotated[StaffUser, staff_only(ALL_STAFF, "ends the caller's own login (recorded)")],
    session: SessionDep,
    authorization: str | None = Header(default=None),
) -> None:
    close_session(session, user, (authorization or "")[7:].strip())


class PasswordChangeIn(BaseModel):
    current_password: StrictText = Field(min_length=1, max_length=200)
    new_password: StrictText = Field(min_length=1, max_length=200)


class PasswordChangedOut(BaseModel):
    other_logins_ended: int


@router.post("/password")
def change_password(
    body: PasswordChangeIn,
    audit: Annotated[Audit, audited("change_own_password", "staff_user", ALL_STAFF)],
    session: SessionDep,
    authorization: str | None = Header(default=None),
) -> PasswordChangedOut:
    """The staff member's own new password (after one an administrator gave them, say): the
    current one first; the policy of backend/accounts.py; their other logins end."""
    audit.about(audit.user.id)
    token = (authorization or "")[7:].strip()
    ended = accounts.change_own_password(session, audit.user, body.current_password, body.new_password, token)
    audit.note(other_logins_ended=ended)
    return PasswordChangedOut(other_logins_ended=ended)


@router.get("/me")
def me(user: Annotated[StaffUser, staff_only(ALL_STAFF, "the caller's own account")]) -> StaffOut:
    return StaffOut.of(user)
