"""Staff accounts for administrators (backend/accounts.py): list, create, change role,
municipalities and name, deactivate and activate, reset passwords, end logins. Every call is
audited (backend/policy.py), refused ones too; passwords never appear in the audit log.

The same operations are on the command line: `python -m backend.cli staff ...`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field
from sqlalchemy import func, select

from backend import accounts
from backend.deps import SessionDep
from backend.models import StaffRole, StaffSession, StaffUser, utcnow
from backend.policy import ADMINISTRATORS, Audit, audited
from backend.text_input import StrictText

router = APIRouter(prefix="/api/admin/staff", tags=["admin"])

Username = Annotated[StrictText, Path(min_length=1, max_length=80)]


class StaffAccountOut(BaseModel):
    username: str
    full_name: str
    role: StaffRole
    municipalities: list[str]
    active: bool
    created_at: datetime
    open_logins: int


class NewAccountIn(BaseModel):
    username: StrictText = Field(min_length=1, max_length=80)
    full_name: StrictText = Field(min_length=1, max_length=120)
    role: StaffRole
    municipalities: list[StrictText] = Field(default_factory=list, max_length=7)
    # Empty: a random password is made and returned once.
    password: StrictText | None = Field(default=None, max_length=200)


class AccountChangeIn(BaseModel):
    """Only the fields given are changed."""

    full_name: StrictText | None = Field(default=None, min_length=1, max_length=120)
    role: StaffRole | None = None
    municipalities: list[StrictText] | None = Field(default=None, max_length=7)
    active: bool | None = None


class PasswordIn(BaseModel):
    # Empty: a random password is made and returned once.
    password: StrictText | None = Field(default=None, max_length=200)


class CreatedOut(BaseModel):
    account: StaffAccountOut
    password: str | None  # only when it was generated: shown once, stored only as a hash


class PasswordOut(BaseModel):
    password: str | None  # only when it was generated
    logins_ended: int


class LoginsEndedOut(BaseModel):
    logins_ended: int


def _out(session: SessionDep, user: StaffUser) -> StaffAccountOut:
    logins = session.scalar(
        select(func.count()).where(StaffSession.staff_user_id == user.id, StaffSession.expires_at > utcnow())
    )
    return StaffAccountOut(
        username=user.username,
        full_name=user.full_name,
        role=user.role,
        municipalities=sorted(user.municipality_codes),
        active=user.active,
        created_at=user.created_at,
        open_logins=logins or 0,
    )


def _account(session: SessionDep, audit: Audit, username: str) -> StaffUser:
    audit.note(username=username)
    user = accounts.find(session, username)
    audit.about(user.id)
    return user


@router.get("")
def list_staff(
    audit: Annotated[Audit, audited("list_staff", "staff_user", ADMINISTRATORS)], session: SessionDep
) -> list[StaffAccountOut]:
    users = list(session.scalars(select(StaffUser).order_by(StaffUser.username)))
    audit.note(count=len(users))
    return [_out(session, u) for u in users]


@router.post("", status_code=201)
def create_staff(
    body: NewAccountIn,
    audit: Annotated[Audit, audited("create_staff", "staff_user", ADMINISTRATORS)],
    session: SessionDep,
) -> CreatedOut:
    audit.note(username=body.username, role=body.role.value, municipalities=sorted(body.municipalities))
    generated = accounts.generated_password() if not body.password else None
    user = accounts.create(
        session,
        body.username,
        body.full_name,
        body.role,
        accounts.municipalities(session, body.municipalities),
        body.password or generated or "",
    )
    audit.about(user.id)
    return CreatedOut(account=_out(session, user), password=generated)


@router.patch("/{username}")
def change_staff(
    username: Username,
    body: AccountChangeIn,
    audit: Annotated[Audit, audited("change_staff", "staff_user", ADMINISTRATORS)],
    session: SessionDep,
) -> StaffAccountOut:
    user = _account(session, audit, username)
    changed = body.model_dump(exclude_none=True)
    audit.note(changed=sorted(changed))
    if body.full_name is not None:
        accounts.set_name(session, user, body.full_name)
    if body.municipalities is not None:
        accounts.set_municipalities(session, user, accounts.municipalities(session, body.municipalities))
        audit.note(municipalities=sorted(user.municipality_codes))
    if body.role is not None:
        accounts.set_role(session, user, body.role)
        audit.note(role=body.role.value)
    if body.active is False and user.active:
        audit.note(logins_ended=accounts.deactivate(session, user))
    elif body.active is True and not user.active:
        accounts.activate(session, user)
    return _out(session, user)


@router.post("/{username}/password")
def reset_password(
    username: Username,
    body: PasswordIn,
    audit: Annotated[Audit, audited("reset_staff_password", "staff_user", ADMINISTRATORS)],
    session: SessionDep,
) -> PasswordOut:
    """A new password (given, or generated and shown once); every login of the account ends."""
    user = _account(session, audit, username)
    generated = accounts.generated_password() if not body.password else None
    ended = accounts.set_password(session, user, body.password or generated or "")
    audit.note(generated=generated is not None, logins_ended=ended)
    return PasswordOut(password=generated, logins_ended=ended)


@router.delete("/{username}/sessions")
def end_logins(
    username: Username,
    audit: Annotated[Audit, audited("end_staff_logins", "staff_user", ADMINISTRATORS)],
    session: SessionDep,
) -> LoginsEndedOut:
    """End every login of the account now (a lost laptop); the account itself stays."""
    user = _account(session, audit, username)
    ended = accounts.revoke_sessions(session, user)
    audit.note(logins_ended=ended)
    return LoginsEndedOut(logins_ended=ended)
