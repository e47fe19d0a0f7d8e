"""The phone's messages by the id the phone gave them, so that a resend is the same message.

The chat page gives every message an id and, when it does not hear back (a network error, a
backend restart), sends it again with that id. Rasa must see it once: a second time it would be
read as the answer to the next question. So the gateway claims the id before it asks Rasa,
stores the reply when Rasa answered, and answers a resend with that reply. A claim whose turn
never finished (the backend stopped mid-turn) is taken over after `stale_after`.

The functions run in short sessions of their own (the chat gateway calls them on its threads);
`store_reply` in the session that records the turn.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.db import session_scope
from backend.models import ChatMessage, as_utc, utcnow

# Replies kept per conversation: a resend concerns the newest message (the page sends one at a
# time), so a few suffice; fewer copies of what the assistant said are kept.
KEPT_PER_CONVERSATION = 5


class ClaimState(enum.StrEnum):
    NEW = "new"  # first seen (or taken over): ask Rasa
    ANSWERED = "answered"  # seen and answered: give the stored reply
    IN_PROGRESS = "in_progress"  # another request is at Rasa with it now: wait for its reply


@dataclass(frozen=True)
class Claim:
    state: ClaimState
    reply: dict[str, Any] | None = None


def claim(conversation_pk: int, client_message_id: str, assisted_by_id: int | None, stale_after: timedelta) -> Claim:
    """Take the message for this request, or say what became of it earlier."""
    with session_scope() as session:
        row = session.scalar(
            select(ChatMessage)
            .where(ChatMessage.conversation_id == conversation_pk, ChatMessage.client_message_id == client_message_id)
            .with_for_update()
        )
        if row is not None:
            if row.reply is not None:
                return Claim(ClaimState.ANSWERED, row.reply)
            if utcnow() - as_utc(row.received_at) < stale_after:
                return Claim(ClaimState.IN_PROGRESS)
            # The request that took it never finished (the backend stopped during the turn).
            # Rasa may or may not have seen it; asking again is the only way to an answer.
            row.received_at = utcnow()
            row.assisted_by_id = assisted_by_id
            return Claim(ClaimState.NEW)
    try:
        with session_scope() as session:
            session.add(
                ChatMessage(
                    conversation_id=conversation_pk, client_message_id=client_message_id, assisted_by_id=assisted_by_id
                )
            )
    except IntegrityError:
        # A second request with the same id took it a moment before this one.
        return Claim(ClaimState.IN_PROGRESS)
    return Claim(ClaimState.NEW)


def release(conversation_pk: int, client_message_id: str) -> None:
    """The turn failed before Rasa answered (busy, Rasa down): a resend is asked anew."""
    with session_scope() as session:
        session.execute(
            delete(ChatMessage).where(
                ChatMessage.conversation_id == conversation_pk,
                ChatMessage.client_message_id == client_message_id,
                ChatMessage.reply.is_(None),
            )
        )


def store_reply(session: Session, conversation_pk: int, client_message_id: str, reply: dict[str, Any]) -> None:
    """Keep the reply for a resend (in the session that records the turn), and forget the
    replies to older messages but the newest few."""
    row = session.scalar(
        select(ChatMessage).where(
            ChatMessage.conversation_id == conversation_pk, ChatMessage.client_message_id == client_message_id
        )
    )
    if row is None:
        return
    row.reply = reply
    session.flush()
    newest = (
        select(ChatMessage.id)
        .where(ChatMessage.conversation_id == conversation_pk)
        .order_by(ChatMessage.id.desc())
        .limit(KEPT_PER_CONVERSATION)
    )
    session.execute(
        delete(ChatMessage).where(
            ChatMessage.conversation_id == conversation_pk, ChatMessage.id.not_in(list(session.scalars(newest)))
        )
    )
