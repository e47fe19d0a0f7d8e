"""Continuing a chat on another device (issue #13): a short resume code and its QR code.

The chat page holds the conversation by an unguessable token (only its hash is stored). To go on
with another phone or a volunteer's laptop, the person asks for a resume code: eight characters
from an alphabet without look-alikes (no 0/O, 1/I/L, U/V), shown in two groups of four ("K7MX-3QRA")
and as a QR code that opens the chat page with the code. On the other device the code gives that
device a token of its own for the same conversation (`ConversationDevice`), and the page shows the
conversation so far and the question it stopped at.

- One live code per conversation; a new one replaces it. It is valid `resume_code_hours` and used
  once: using it deletes it in one statement (two devices typing it cannot both get in).
- Only a keyed hash (HMAC with the server's internal secret) is stored.
- The person can revoke the code; staff of the person's municipality can revoke it too, which also
  ends the access of every device that came in with a code (a lost or borrowed laptop).
- Wrong codes are limited per network address and across all addresses (backend/throttle.py):
  29^8 (5.0e11) codes against a few hundred tries an hour.
- Starting over on a phone closes the conversation: no device can open it again, and its partial
  intake is marked closed (kept for the team until retention deletes it) or, if the person
  chooses, deleted at once with everything on it (backend/privacy/erasure.py).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import segno
from sqlalchemy import ColumnElement, delete, func, inspect, or_, select
from sqlalchemy.orm import Session

from backend.config import get_settings
from backend.handover import PAGE_SENDER, signature
from backend.models import (
    ChatMessage,
    Conversation,
    ConversationDevice,
    Handover,
    HandoverAuthor,
    HandoverMessage,
    Intake,
    IntakeStatus,
    ResumeCode,
    as_utc,
    utcnow,
)
from backend.privacy.erasure import delete_conversation
from backend.privacy.tracker import EVENTS, TrackerStore
from backend.security import new_token, token_hash

# No 0/O, 1/I/L, U/V (read aloud or handwritten they are confused); 29 characters.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
CODE_LENGTH = 8
GROUP = 4


def held_by(token: str) -> ColumnElement[bool]:
    """The conversation this device's token opens: the first phone's token, or the token of a
    device that came in with a resume code."""
    digest = token_hash(token)
    devices = select(ConversationDevice.conversation_id).where(ConversationDevice.token_hash == digest)
    return or_(Conversation.token_hash == digest, Conversation.id.in_(devices))


def normalize(code: str) -> str:
    """What was typed, as the code's characters: full-width and other-script digits count as the
    digits, lower case as upper case; spaces, dashes and anything else are ignored."""
    text = unicodedata.normalize("NFKC", code).upper()
    out = []
    for char in text:
        if char.isdecimal():
            out.append(str(int(char)))
        elif char.isascii() and char.isalnum():
            out.append(char)
    return "".join(out)


def display(code: str) -> str:
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def code_hash(code: str) -> str:
    key = get_settings().internal_api_token.encode()
    return hmac.new(key, b"resume:" + normalize(code).encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class IssuedCode:
    code: str  # as shown: two groups of four
    expires_at: datetime


def issue(session: Session, conversation: Conversation) -> IssuedCode:
    """A new code for this conversation (an earlier one stops working)."""
    now = utcnow()
    session.execute(
        delete(ResumeCode).where(or_(ResumeCode.expires_at <= now, ResumeCode.conversation_id == conversation.id))
    )
    while True:  # never the same as another conversation's live code
        code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        if session.scalar(select(ResumeCode.id).where(ResumeCode.code_hash == code_hash(code))) is None:
            break
    expires_at = now + timedelta(hours=get_settings().resume_code_hours)
    session.add(ResumeCode(conversation_id=conversation.id, code_hash=code_hash(code), expires_at=expires_at))
    session.flush()
    return IssuedCode(display(code), expires_at)


def live_code_expires(session: Session, conversation_id: int) -> datetime | None:
    expires = session.scalar(select(ResumeCode.expires_at).where(ResumeCode.conversation_id == conversation_id))
    return as_utc(expires) if expires is not None and as_utc(expires) > utcnow() else None


def redeem(session: Session, code: str) -> tuple[Conversation, str] | None:
    """The conversation whose live code this is and a new device token for it, using the code up;
    None for a wrong, used, revoked or expired code."""
    if len(normalize(code)) != CODE_LENGTH:
        return None
    conversation_id = session.scalar(
        delete(ResumeCode)
        .where(ResumeCode.code_hash == code_hash(code), ResumeCode.expires_at > utcnow())
        .returning(ResumeCode.conversation_id)
    )
    if conversation_id is None:
        return None
    conversation = session.get_one(Conversation, conversation_id)
    token = new_token()
    session.add(ConversationDevice(conversation_id=conversation.id, token_hash=token_hash(token)))
    session.flush()
    return conversation, token


def revoke(session: Session, conversation: Conversation, devices: bool = False) -> int:
    """Delete the live code (and, for staff, the access of every device that came in with a
    code). Returns how many codes and devices stopped working."""
    stopped = session.execute(delete(ResumeCode).where(ResumeCode.conversation_id == conversation.id)).rowcount  # type: ignore[attr-defined]
    if devices:
        stopped += session.execute(  # type: ignore[attr-defined]
            delete(ConversationDevice).where(ConversationDevice.conversation_id == conversation.id)
        ).rowcount
    return int(stopped)


def qr_svg(url: str) -> str:
    """The QR code of the chat page's address with the code, as SVG markup (no file, no script)."""
    qr = segno.make(url, error="m")
    return str(qr.svg_inline(scale=5, border=2, dark="#000", light="#fff", omitsize=False))


# -- Starting over ----------------------------------------------------------------------------


def close(
    session: Session, tracker: TrackerStore, conversation: Conversation, delete_answers: bool, delete_empty: bool = True
) -> str:
    """The person starts over: no device opens this conversation again. Its partial intake is
    marked closed, or (if the person asked, or there is nothing in it) deleted with the
    conversation and Rasa's transcript. A sent intake stays as it is: the team has it.
    Returns "deleted" or "closed". Deleting needs Rasa's tracker store: when it cannot be
    reached the error goes up and nothing is deleted (the caller may close instead)."""
    intake = session.scalar(select(Intake).where(Intake.conversation_id == conversation.id))
    empty = intake is None or not intake.answers
    if (delete_answers or (empty and delete_empty)) and (intake is None or intake.status == IntakeStatus.PARTIAL):
        delete_conversation(session, tracker, conversation)
        return "deleted"
    # A token nobody holds: the conversation is kept, but no device can open it any more.
    conversation.token_hash = token_hash(new_token())
    session.execute(delete(ConversationDevice).where(ConversationDevice.conversation_id == conversation.id))
    session.execute(delete(ResumeCode).where(ResumeCode.conversation_id == conversation.id))
    for handover in session.scalars(
        select(Handover).where(Handover.conversation_id == conversation.id, Handover.ended_at.is_(None))
    ):
        handover.ended_at = utcnow()
    if intake is not None and intake.status == IntakeStatus.PARTIAL and intake.closed_at is None:
        intake.closed_at = utcnow()
    return "closed"


# -- The conversation so far, for the device that resumes it ----------------------------------


@dataclass
class Entry:
    """One message as the chat page shows it (its `state.transcript` entries)."""

    sender: str  # "bot", "user" or "staff"
    text: str
    at: datetime
    buttons: list[dict[str, str]]
    name: str | None = None  # who wrote a staff message: first name and role

    def as_page_entry(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"from": self.sender, "text": self.text, "buttons": self.buttons}
        if self.name:
            entry["name"] = self.name
        return entry


def _rasa_entries(tracker: TrackerStore, sender: str) -> list[Entry]:
    """What the person and the assistant said, from Rasa's tracker store: a tapped button shows
    as its title (as on the first phone), commands without a button (the page's greeting) not."""
    if not inspect(tracker.engine).has_table(EVENTS.name):
        return []
    query = (
        select(EVENTS.c.timestamp, EVENTS.c.type_name, EVENTS.c.data)
        .where(EVENTS.c.sender_id == sender, EVENTS.c.type_name.in_(("user", "bot")))
        .order_by(EVENTS.c.id)
    )
    entries: list[Entry] = []
    buttons: list[dict[str, str]] = []
    with tracker.engine.connect() as connection:
        for timestamp, type_name, data in connection.execute(query):
            try:
                event = json.loads(data or "{}")
            except ValueError:
                continue
            text = str(event.get("text") or "")
            at = datetime.fromtimestamp(float(timestamp or 0), UTC)
            if type_name == "bot":
                raw = (event.get("data") or {}).get("buttons") or []
                buttons = [{"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))} for b in raw]
                if text:
                    entries.append(Entry("bot", text, at, buttons))
                continue
            if text.startswith("/"):
                titles = [b["title"] for b in buttons if b["payload"] == text]
                if not titles:
                    continue
                text = titles[0]
            if text:
                entries.append(Entry("user", text, at, []))
    return entries


def _handover_entries(session: Session, conversation: Conversation) -> list[Entry]:
    rows = session.scalars(
        select(HandoverMessage)
        .join(Handover, HandoverMessage.handover_id == Handover.id)
        .where(Handover.conversation_id == conversation.id)
        .order_by(HandoverMessage.id)
    )
    entries = []
    for row in rows:
        by_staff = row.staff_user is not None and row.author == HandoverAuthor.STAFF
        name = signature(row.staff_user, conversation.language) if row.staff_user is not None and by_staff else None
        entries.append(Entry(PAGE_SENDER[row.author], row.text, as_utc(row.created_at), [], name))
    return entries


def newest_handover_message(session: Session, conversation: Conversation) -> int:
    """The id of the newest message written during a handover of this conversation (0: none)."""
    newest = session.scalar(
        select(func.max(HandoverMessage.id))
        .join(Handover, HandoverMessage.handover_id == Handover.id)
        .where(Handover.conversation_id == conversation.id)
    )
    return int(newest or 0)


def transcript(session: Session, tracker: TrackerStore, conversation: Conversation) -> list[dict[str, Any]]:
    """The conversation so far in the order it happened, ending with the question it stopped
    at (its buttons live on the page). Without Rasa's transcript (deleted by retention, or a
    tracker store out of reach) at least that question, from the gateway's last stored reply."""
    try:
        entries = _rasa_entries(tracker, conversation.rasa_sender)
    except Exception:  # the tracker store is another database: out of reach is not fatal here
        entries = []
    if not any(e.sender == "bot" for e in entries):
        last = session.scalar(
            select(ChatMessage)
            .where(ChatMessage.conversation_id == conversation.id, ChatMessage.reply.is_not(None))
            .order_by(ChatMessage.id.desc())
            .limit(1)
        )
        for message in (last.reply or {}).get("messages", []) if last is not None else []:
            at = as_utc(last.received_at) if last is not None else utcnow()
            entries.append(Entry("bot", str(message.get("text", "")), at, list(message.get("buttons") or [])))
    merged = sorted([*entries, *_handover_entries(session, conversation)], key=lambda e: e.at)
    return [e.as_page_entry() for e in merged]
