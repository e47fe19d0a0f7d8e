"""Staff login with a username and password; a bearer token per login."""

from __future__ import annotations

from datetime import datetime, timedelta

from fastapi import APIRouter, Header, Request
from pydantic import BaseModel, Field
from sqlalchemy import delete, select

from backend import audit, throttle
from backend.deps import CurrentUser, SessionDep, SettingsDep
from backend.errors import NotAuthenticated, _
from backend.models import StaffRole, StaffSession, StaffUser, utcnow
from backend.security import hash_password, new_token, token_hash, verify_password
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


@router.post("/login")
def login(body: LoginIn, request: Request, session: SessionDep, settings: SettingsDep) -> LoginOut:
    # Before the password: while the account is locked, the right password does not work either.
    throttle.check_login(body.username, throttle.address_of(request))
    user = session.scalar(select(StaffUser).where(StaffUser.username == body.username))
    valid = verify_password(body.password, user.password_hash if user else _DUMMY_HASH)
    if user is None or not valid or not user.active:
        audit.record(session, None, "login_failed", "staff_user", detail={"username": body.username[:80]})
        locked = throttle.login_failed(body.username)
        if locked:
            audit.record(session, None, "login_locked", "staff_user", detail={"username": body.username[:80]})
        session.commit()
        raise throttle.lockout_message() if locked else NotAuthenticated(_("The username or password is not right."))
    throttle.login_succeeded(body.username)
    token = new_token()
    expires_at = utcnow() + timedelta(hours=settings.staff_session_hours)
    session.add(StaffSession(token_hash=token_hash(token), staff_user_id=user.id, expires_at=expires_at))
    audit.record(session, user, "login", "staff_user", object_id=str(user.id))
    return LoginOut(access_token=token, expires_at=expires_at, user=StaffOut.of(user))


@router.post("/logout", status_code=204)
def logout(user: CurrentUser, session: SessionDep, authorization: str | None = Header(default=None)) -> None:
    token = (authorization or "")[7:].strip()
    session.execute(delete(StaffSession).where(StaffSession.token_hash == token_hash(token)))
    audit.record(session, user, "logout", "staff_user", object_id=str(user.id))


@router.get("/me")
def me(user: CurrentUser) -> StaffOut:
    return StaffOut.of(user)
