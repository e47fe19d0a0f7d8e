"""A real person in the chat, the person's side (backend/handover.py).

The phone opens a handover (the "Talk to a person" button; the same button inside a question
goes through the chat gateway), polls for the staff member's messages, and may go back to the
assistant. Its own messages during a handover go through the chat gateway as usual, which keeps
them for the staff member instead of asking Rasa.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend import handover
from backend.api.chat import BotMessage, _conversation
from backend.api.params import AfterId
from backend.deps import SessionDep
from backend.handover import PAGE_SENDER
from backend.models import ChatMessage, Conversation, Handover, HandoverAuthor, HandoverMessage
from backend.policy import not_staff

router = APIRouter(
    prefix="/api/chat/conversations/{conversation_id}/handover",
    tags=["chat"],
    dependencies=[not_staff("the person's own chat, named by the phone's unguessable id")],
)


class HandoverLine(BaseModel):
    id: int
    sender: Literal["user", "staff", "bot"]
    text: str
    name: str | None = None  # for a staff member's message: first name and role


class HandoverState(BaseModel):
    state: Literal["none", "waiting", "talking"]
    name: str | None = None  # who writes with the person now
    # Messages after `after` (the person's own are on the phone already and not repeated).
    messages: list[HandoverLine] = []
    # When the assistant takes over again: its question, to answer now.
    question: list[BotMessage] = []


def _state(session: Session, conversation: Conversation, after: int) -> HandoverState:
    current = handover.open_handover(session, conversation)
    rows = session.scalars(
        select(HandoverMessage)
        .join(Handover, HandoverMessage.handover_id == Handover.id)
        .where(
            Handover.conversation_id == conversation.id,
            HandoverMessage.id > after,
            HandoverMessage.author != HandoverAuthor.PERSON,
        )
        .order_by(HandoverMessage.id)
        .limit(50)
    )
    lines = [
        HandoverLine(
            id=row.id,
            sender=PAGE_SENDER[row.author],
            text=row.text,
            name=handover.signature(row.staff_user, conversation.language)
            if row.staff_user is not None and row.author == HandoverAuthor.STAFF
            else None,
        )
        for row in rows
    ]
    if current is None:
        return HandoverState(state="none", messages=lines)
    if current.taken_by is None:
        return HandoverState(state="waiting", messages=lines)
    return HandoverState(
        state="talking", name=handover.signature(current.taken_by, conversation.language), messages=lines
    )


def _question(session: Session, conversation: Conversation) -> list[BotMessage]:
    """The assistant's last question (its last reply the gateway kept), to ask it again."""
    last = session.scalar(
        select(ChatMessage)
        .where(ChatMessage.conversation_id == conversation.id, ChatMessage.reply.is_not(None))
        .order_by(ChatMessage.id.desc())
        .limit(1)
    )
    if last is None or last.reply is None:
        return []
    return [BotMessage.model_validate(m) for m in last.reply.get("messages", [])]


@router.get("")
def handover_state(conversation_id: str, session: SessionDep, after: AfterId = 0) -> HandoverState:
    """Whether a person is in the chat, and their messages after message `after`; the page polls."""
    conversation = _conversation(session, conversation_id)
    state = _state(session, conversation, after)
    if state.state == "none" and state.messages:
        state.question = _question(session, conversation)  # handed back since the last poll
    return state


@router.post("")
def request_handover(conversation_id: str, session: SessionDep, after: AfterId = 0) -> HandoverState:
    """The person asks to talk to a person (the page's own button)."""
    conversation = _conversation(session, conversation_id)
    handover.request(session, conversation)
    return _state(session, conversation, after)


@router.delete("")
def back_to_assistant(conversation_id: str, session: SessionDep, after: AfterId = 0) -> HandoverState:
    """The person goes on with the assistant (nobody answered yet, or they are done): the
    handover ends and the assistant's question is asked again."""
    conversation = _conversation(session, conversation_id)
    current = handover.open_handover(session, conversation)
    if current is not None:
        handover.end(session, current, by=None)
    state = _state(session, conversation, after)
    state.question = _question(session, conversation)
    return state
