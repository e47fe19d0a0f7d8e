"""A real person in the chat (issue #13): the handover from the assistant to a staff member.

"Talk to a person" opens a handover. Case managers of the person's municipality (every case
manager when it is not known yet) and volunteers helping in that municipality see it, with the
conversation so far; one of them takes it and writes in the chat. Until someone has taken it the
assistant goes on (it says so: "you can also go on here"); from then on the chat gateway does not
hand the person's messages to Rasa: they are stored here and shown to the staff member.
Handing back (by the staff member, or the person choosing to go on with the assistant) ends it,
and the assistant asks its question again. The person sees who writes: first name and role.
Outside working hours the person is told when someone will answer. Every message is stored with
who wrote it (`HandoverMessage`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from backend import policy
from backend.config import get_settings
from backend.models import (
    Conversation,
    Handover,
    HandoverAuthor,
    HandoverMessage,
    Intake,
    StaffRole,
    StaffUser,
    utcnow,
)
from backend.scheduling.messages import format_when
from backend.scheduling.slots import LOCAL_TIME
from locales import SOURCE_LANGUAGE, translate


def N_(message: str) -> str:  # noqa: N802 - marks a text for extraction; translated when shown
    return message


REQUESTED = N_("I asked a person to join this chat. Someone will write to you here soon. Your answers are saved.")
# TRANSLATORS: {when} is a day and time, e.g. "Monday 7 December 2026, 09:00".
OUTSIDE_HOURS = N_(
    "Nobody is at work now. Someone will answer you here on {when}. Your answers are saved. "
    "You can also go on with the assistant."
)
# TRANSLATORS: {name} is a first name and a role, e.g. "Amina (case manager)".
TAKEN = N_("{name} joined the chat.")
HANDED_BACK = N_("The assistant continues now. Your answers are saved.")
# How the phone shows who wrote a message (the chat page's transcript entries).
PAGE_SENDER = {HandoverAuthor.PERSON: "user", HandoverAuthor.STAFF: "staff", HandoverAuthor.SYSTEM: "bot"}
ROLES = {StaffRole.CASE_MANAGER: N_("case manager"), StaffRole.VOLUNTEER: N_("volunteer")}


def signature(user: StaffUser, language: str | None) -> str:
    """What the person sees above a staff member's message: first name and role, e.g.
    "Amina (case manager)", in the person's language. Never the surname or account."""
    first_name = (user.full_name.split() or [user.username])[0]
    role = ROLES.get(user.role)
    if role is None:
        return first_name
    return f"{first_name} ({translate(language or SOURCE_LANGUAGE, role)})"


# -- Working hours ------------------------------------------------------------------------------


def next_opening(now: datetime) -> datetime | None:
    """None when someone is at work now; otherwise when the next working period starts
    (settings handover_days, handover_opens, handover_closes, in Amsterdam time)."""
    settings = get_settings()
    local = now.astimezone(LOCAL_TIME)
    for days_ahead in range(0, 8):
        day = (local + timedelta(days=days_ahead)).date()
        if day.weekday() not in settings.handover_days:
            continue
        opens = datetime.combine(day, settings.handover_opens, LOCAL_TIME)
        closes = datetime.combine(day, settings.handover_closes, LOCAL_TIME)
        if days_ahead == 0 and opens <= local < closes:
            return None
        if opens > local:
            return opens
    return None  # no working days configured: nothing truthful to promise


# -- The person's side ----------------------------------------------------------------------------


def open_handover(session: Session, conversation: Conversation) -> Handover | None:
    return session.scalar(
        select(Handover).where(Handover.conversation_id == conversation.id, Handover.ended_at.is_(None))
    )


def request(session: Session, conversation: Conversation) -> tuple[Handover, HandoverMessage | None]:
    """Open a handover (or the one already open) and tell the person what happens now. Also
    raises the intake's flag for the case manager, as the request did before. The message is
    None when the handover was open already."""
    handover = open_handover(session, conversation)
    if handover is not None:
        return handover, None
    handover = Handover(conversation_id=conversation.id, requested_at=utcnow())
    session.add(handover)
    session.flush()
    intake = session.scalar(select(Intake).where(Intake.conversation_id == conversation.id))
    if intake is not None and intake.help_requested_at is None:
        intake.help_requested_at = utcnow()
    language = conversation.language or SOURCE_LANGUAGE
    opening = next_opening(utcnow())
    if opening is None:
        text = translate(language, REQUESTED)
    else:
        text = translate(language, OUTSIDE_HOURS).format(when=format_when(opening, language))
    return handover, add_message(session, handover, HandoverAuthor.SYSTEM, text)


def add_message(
    session: Session,
    handover: Handover,
    author: HandoverAuthor,
    text: str,
    staff_user: StaffUser | None = None,
    client_message_id: str | None = None,
) -> HandoverMessage:
    message = HandoverMessage(
        handover_id=handover.id,
        author=author,
        staff_user_id=staff_user.id if staff_user else None,
        text=text,
        client_message_id=client_message_id,
    )
    session.add(message)
    session.flush()
    return message


def person_writes(session: Session, handover: Handover, text: str, client_message_id: str | None) -> None:
    """The person's message once a staff member joined: stored for them, never sent to Rasa.
    A resend with the same message id is stored once."""
    if client_message_id is not None:
        seen = session.scalar(
            select(HandoverMessage.id).where(
                HandoverMessage.handover_id == handover.id, HandoverMessage.client_message_id == client_message_id
            )
        )
        if seen is not None:
            return
    add_message(session, handover, HandoverAuthor.PERSON, text, client_message_id=client_message_id)


def end(session: Session, handover: Handover, by: StaffUser | None) -> None:
    """The assistant takes over again (handed back by staff, or chosen by the person)."""
    if handover.ended_at is not None:
        return
    handover.ended_at = utcnow()
    language = handover.conversation.language or SOURCE_LANGUAGE
    add_message(session, handover, HandoverAuthor.SYSTEM, translate(language, HANDED_BACK), staff_user=by)


# -- The staff's side ------------------------------------------------------------------------------


def visible_to(user: StaffUser) -> ColumnElement[bool]:
    """Handovers this staff member may see and take, by the municipality of the person's intake
    (backend/policy.py `municipality_scope`): case managers those of their municipalities and
    those whose municipality is not known yet; volunteers those of the municipalities they help
    in; administrators none."""
    municipality = (
        select(Intake.municipality_code).where(Intake.conversation_id == Handover.conversation_id).scalar_subquery()
    )
    return policy.municipality_scope(user, municipality)


def take(session: Session, handover: Handover, user: StaffUser) -> None:
    """The staff member takes the handover: the person sees who joined."""
    if handover.taken_by_id == user.id:
        return
    handover.taken_by_id = user.id
    handover.taken_at = utcnow()
    language = handover.conversation.language or SOURCE_LANGUAGE
    add_message(
        session,
        handover,
        HandoverAuthor.SYSTEM,
        translate(language, TAKEN).format(name=signature(user, language)),
        staff_user=user,
    )
