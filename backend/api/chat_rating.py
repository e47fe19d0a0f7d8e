"""The person's rating of the chat after sending (backend/satisfaction.py).

Authorised like every chat endpoint: by the phone's unguessable conversation id (or a device that
resumed it with a code), never a staff login; rate-limited with the conversation's messages.
"""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel

from backend import satisfaction, throttle
from backend.api.chat import _conversation
from backend.deps import SessionDep
from backend.documents.own_answers import intake_of, is_sent
from backend.policy import not_staff
from backend.text_input import CleanText
from locales import SOURCE_LANGUAGE

router = APIRouter(
    prefix="/api/chat",
    tags=["chat"],
    dependencies=[not_staff("the person's own rating of their chat, named by the phone's unguessable id")],
)


class RatingIn(BaseModel):
    # Checked by backend/satisfaction.py, so that a number outside 1-10 gets the person's language.
    score: int
    # The person's own words: cleaned, not refused (backend/text_input.py).
    comment: CleanText | None = None


class RatingState(BaseModel):
    can_rate: bool  # the answers were sent
    score: int | None  # the rating given, if any (never the comment: that stays with the team)
    rated_at: datetime | None


@router.get("/conversations/{conversation_id}/rating")
def rating_state(conversation_id: str, session: SessionDep) -> RatingState:
    """Whether the page shows the rating: after sending, and not once rated (on another device too)."""
    conversation = _conversation(session, conversation_id)
    intake = intake_of(session, conversation)
    rating = satisfaction.rating_of(session, intake) if intake is not None else None
    return RatingState(
        can_rate=is_sent(intake),
        score=rating.score if rating else None,
        rated_at=rating.rated_at if rating else None,
    )


@router.put("/conversations/{conversation_id}/rating")
def rate(conversation_id: str, body: RatingIn, session: SessionDep) -> RatingState:
    """Rate the conversation, 1-10, with an optional comment; rating again replaces it.
    409 before the answers were sent, 422 (in the person's language) for a bad score or comment."""
    conversation = _conversation(session, conversation_id)
    intake = intake_of(session, conversation)
    language = conversation.language or (intake.language if intake else SOURCE_LANGUAGE)
    throttle.check_chat_message(conversation_id, language)
    rating = satisfaction.rate(session, intake, body.score, body.comment, language)
    return RatingState(can_rate=True, score=rating.score, rated_at=rating.rated_at)
