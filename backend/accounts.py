"""Staff accounts: create them, change their role and municipalities, deactivate them, reset
passwords and end their logins. Used by the command line (backend/cli.py, `staff ...` and
`create-admin`) and by the administrators' API (backend/api/staff.py); both audit every change.

Passwords are hashed with Argon2id (backend/security.py) and must pass a minimum policy: at
least 12 characters, not one of the commonly used passwords in common_passwords.txt, and not
containing the username. A refusal is an `AccountError`, with its text in Dutch (the staff
catalog) and in English (for the command line).
"""

from __future__ import annotations

import re
import secrets
from functools import cache
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from backend.errors import ApiError
from backend.models import Municipality, Resource, ResourceKind, StaffRole, StaffSession, StaffUser
from backend.security import hash_password, token_hash, verify_password
from backend.workspace.text import nl_, nl_plural

MIN_PASSWORD_LENGTH = 12
COMMON_PASSWORDS_FILE = Path(__file__).resolve().parent / "common_passwords.txt"
USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,79}")


def staff_text(message: str) -> str:
    """Mark a text of the staff domain (Dutch only) for extraction; `nl_` translates it when
    the error is made. Not `_`: that would put it before the translators of eleven languages."""
    return message


def login_delay_message(seconds: int) -> str:
    """After a few failed logins (backend/throttle.py): wait before the next try (the API and
    the workspace's login form)."""
    return nl_plural(
        "Too many failed logins. Wait %(num)d second and try again.",
        "Too many failed logins. Wait %(num)d seconds and try again.",
        seconds,
    )


class AccountError(ApiError):
    """A refused account change: `message` in Dutch (the API), `english` for the command line."""

    status_code = 400

    def __init__(self, message: str, **values: object) -> None:
        self.english = message % values if values else message
        self.message = nl_(message, **values)
        Exception.__init__(self, self.message)


class AccountNotFound(AccountError):
    status_code = 404


class AccountConflict(AccountError):
    status_code = 409


# -- Passwords --------------------------------------------------------------------------------


@cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))


def check_password_policy(password: str, username: str) -> None:
    """Refuse a password that is too short, commonly used, or contains the username."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            staff_text("The password must be at least %(length)d characters long."), length=MIN_PASSWORD_LENGTH
        )
    folded = password.casefold()
    if folded in common_passwords():
        raise AccountError(staff_text("This password is used by many people. Choose another one."))
    if username.casefold() in folded:
        raise AccountError(staff_text("The password must not contain the username."))


def generated_password() -> str:
    """A random password of 20 characters (120 bits), shown once to the administrator."""
    return secrets.token_urlsafe(15)


# -- Looking up -------------------------------------------------------------------------------


def find(session: Session, username: str) -> StaffUser:
    user = session.scalar(select(StaffUser).where(StaffUser.username == username))
    if user is None:
        raise AccountNotFound(
            staff_text("There is no staff account with the username %(username)s."), username=username
        )
    return user


def municipalities(session: Session, wanted: list[str]) -> list[Municipality]:
    """Municipalities by code (0405) or name (Hoorn, any case)."""
    known = list(session.scalars(select(Municipality)))
    found = []
    for item in wanted:
        match = next((m for m in known if item.strip().casefold() in (m.code, m.name.casefold())), None)
        if match is None:
            raise AccountError(staff_text("Unknown municipality: %(municipality)s."), municipality=item)
        if match not in found:
            found.append(match)
    return found


def _check_scope(role: StaffRole, serving: list[Municipality]) -> None:
    if role != StaffRole.ADMINISTRATOR and not serving:
        raise AccountError(staff_text("A case manager or volunteer needs at least one municipality."))


def _active_administrators(session: Session) -> int:
    query = select(func.count()).where(StaffUser.role == StaffRole.ADMINISTRATOR, StaffUser.active.is_(True))
    return session.scalar(query) or 0


def _keep_an_administrator(session: Session, user: StaffUser) -> None:
    if user.role == StaffRole.ADMINISTRATOR and user.active and _active_administrators(session) <= 1:
        raise AccountConflict(staff_text("This is the last active administrator. Make another administrator first."))


# -- Changes ----------------------------------------------------------------------------------


def create(
    session: Session,
    username: str,
    full_name: str,
    role: StaffRole,
    serving: list[Municipality],
    password: str,
) -> StaffUser:
    if not USERNAME.fullmatch(username):
        raise AccountError(
            staff_text(
                "A username has 3 to 80 characters: lowercase letters, digits, dots, hyphens and"
                " underscores, starting with a letter or digit."
            )
        )
    if not full_name.strip():
        raise AccountError(staff_text("Give the staff member's name."))
    if session.scalar(select(StaffUser).where(StaffUser.username == username)) is not None:
        raise AccountConflict(staff_text("The username %(username)s is already taken."), username=username)
    _check_scope(role, serving)
    check_password_policy(password, username)
    user = StaffUser(username=username, full_name=full_name.strip(), role=role, password_hash=hash_password(password))
    user.municipalities = serving
    session.add(user)
    session.flush()
    _calendar_entry(session, user)
    return user


def _calendar_entry(session: Session, user: StaffUser) -> None:
    """A case manager is planned in the calendar (backend/scheduling): their entry, without hours
    until they are set on the availability page; inactive with the account."""
    entry = session.scalar(select(Resource).where(Resource.staff_user_id == user.id))
    if entry is None and user.role == StaffRole.CASE_MANAGER:
        entry = Resource(kind=ResourceKind.CASE_MANAGER, name=user.full_name, staff_user_id=user.id)
        session.add(entry)
    if entry is not None:
        entry.active = user.active and user.role == StaffRole.CASE_MANAGER
    session.flush()


def set_role(session: Session, user: StaffUser, role: StaffRole) -> None:
    if role != user.role:
        _keep_an_administrator(session, user)
    _check_scope(role, list(user.municipalities))
    user.role = role
    _calendar_entry(session, user)


def set_municipalities(session: Session, user: StaffUser, serving: list[Municipality]) -> None:
    _check_scope(user.role, serving)
    user.municipalities = serving
    session.flush()


def set_name(session: Session, user: StaffUser, full_name: str) -> None:
    if not full_name.strip():
        raise AccountError(staff_text("Give the staff member's name."))
    user.full_name = full_name.strip()
    session.flush()


def deactivate(session: Session, user: StaffUser) -> int:
    """The account can no longer log in; its logins end now. Returns how many ended."""
    _keep_an_administrator(session, user)
    user.active = False
    _calendar_entry(session, user)
    return revoke_sessions(session, user)


def activate(session: Session, user: StaffUser) -> None:
    user.active = True
    _calendar_entry(session, user)


def set_password(session: Session, user: StaffUser, password: str) -> int:
    """A new password (checked against the policy); every login of the account ends."""
    check_password_policy(password, user.username)
    user.password_hash = hash_password(password)
    return revoke_sessions(session, user)


def change_own_password(session: Session, user: StaffUser, current: str, new: str, keep_token: str) -> int:
    """The staff member's own new password, after the current one; their other logins end
    (the one they use now stays). Returns how many ended."""
    if not verify_password(current, user.password_hash):
        raise AccountError(staff_text("The current password is not right."))
    if new == current:
        raise AccountError(staff_text("Choose a password other than the current one."))
    check_password_policy(new, user.username)
    user.password_hash = hash_password(new)
    return revoke_sessions(session, user, keep_token=keep_token)


def revoke_sessions(session: Session, user: StaffUser, keep_token: str | None = None) -> int:
    """End every login of the account (bearer tokens and workspace cookies alike), but the one
    of `keep_token` when given."""
    query = delete(StaffSession).where(StaffSession.staff_user_id == user.id)
    if keep_token is not None:
        query = query.where(StaffSession.token_hash != token_hash(keep_token))
    result = session.execute(query)
    session.flush()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
