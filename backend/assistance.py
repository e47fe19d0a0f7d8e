"""One-time codes for volunteers (issue #11): a volunteer, logged in on their own device (the
staff page), asks for a short code and types it on the person's phone to start helping in that
conversation. No staff password is ever typed on someone else's phone.

A code is six digits (easy on any phone's keyboard, in any script), valid for
`assistance_code_minutes`, and used once: using it deletes it, in one statement, so two phones
typing the same code cannot both start. Only a keyed hash is stored (HMAC with the server's
internal secret: a copy of the table alone does not give the codes away, even though a million
codes could be tried against a plain hash). A new code replaces the volunteer's earlier one.
Wrong codes are limited per conversation and per address (backend/throttle.py).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from backend.config import get_settings
from backend.models import AssistanceCode, StaffUser, utcnow

CODE_DIGITS = 6


def code_hash(code: str) -> str:
    key = get_settings().internal_api_token.encode()
    return hmac.new(key, normalize(code).encode(), hashlib.sha256).hexdigest()


def normalize(code: str) -> str:
    """The digits of what was typed: spaces and dashes are ignored, and digits of other scripts
    (Arabic-Indic, Persian) count as the same digits."""
    return "".join(str(int(c)) for c in code if c.isdecimal())


def issue(session: Session, user: StaffUser) -> tuple[str, datetime]:
    """A new code for this volunteer (their earlier code stops working), and when it expires."""
    now = utcnow()
    # Housekeeping: expired codes of anyone, and this volunteer's earlier code.
    session.execute(
        delete(AssistanceCode).where(or_(AssistanceCode.expires_at <= now, AssistanceCode.staff_user_id == user.id))
    )
    live = set(session.scalars(select(AssistanceCode.code_hash)))
    while True:  # never the same code as another volunteer's live one
        code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
        if code_hash(code) not in live:
            break
    expires_at = now + timedelta(minutes=get_settings().assistance_code_minutes)
    session.add(AssistanceCode(code_hash=code_hash(code), staff_user_id=user.id, expires_at=expires_at))
    session.flush()
    return code, expires_at


def redeem(session: Session, code: str) -> StaffUser | None:
    """The volunteer whose live code this is, using the code up; None for a wrong or expired code."""
    if len(normalize(code)) != CODE_DIGITS:
        return None
    staff_user_id = session.scalar(
        delete(AssistanceCode)
        .where(AssistanceCode.code_hash == code_hash(code), AssistanceCode.expires_at > utcnow())
        .returning(AssistanceCode.staff_user_id)
    )
    if staff_user_id is None:
        return None
    user = session.get(StaffUser, staff_user_id)
    return user if user is not None and user.active else None
