"""The person's rating of the chat: 1 (not at all satisfied) to 10 (very), after sending.

Asked by the chat page (static/chat-rating.js) once the person has sent their answers, never as a
question of the intake (forms/intake.yaml) and never through Rasa: it adds no turn to the intake.
The optional comment is the person's own words: cleaned like every text they type
(backend/text_input.py), refused when it holds a BSN, and personal data (only the case managers
of the intake's municipality read it, in the intake; backend/figures counts the scores only).

One rating per intake: rating again replaces the earlier rating (the person may change their mind
on the same page; counting both would count one person twice).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.errors import ApiError, Conflict
from backend.models import Intake, IntakeStatus, SatisfactionRating, utcnow
from backend.nlg.texts import RESPONSES, UI_TEXTS
from forms.answers import looks_like_bsn

LOWEST = 1
HIGHEST = 10
# The policy goal (domain.md §7): clients rate the intake at least 7.
GOAL = 7
MAX_COMMENT_LENGTH = 2000


class InvalidRating(ApiError):
    """A score outside 1-10, or a comment that cannot be kept: said in the person's language."""

    status_code = 422


def rating_of(session: Session, intake: Intake) -> SatisfactionRating | None:
    return session.scalar(select(SatisfactionRating).where(SatisfactionRating.intake_id == intake.id))


def rate(session: Session, intake: Intake | None, score: int, comment: str | None, language: str) -> SatisfactionRating:
    """Store (or replace) the rating of a sent intake. `comment` is already cleaned (CleanText)."""
    if intake is None or intake.status != IntakeStatus.SUBMITTED:
        raise Conflict(UI_TEXTS["rating_not_sent"], language=language)
    if not LOWEST <= score <= HIGHEST:
        raise InvalidRating(UI_TEXTS["rating_choose"], language=language)
    words = (comment or "").strip() or None
    if words is not None and len(words) > MAX_COMMENT_LENGTH:
        raise InvalidRating(UI_TEXTS["too_long"], language=language)
    if words is not None and looks_like_bsn(words):
        # Like the chat: a BSN is refused before it is stored anywhere.
        raise InvalidRating(RESPONSES["utter_invalid_bsn"].text, language=language)
    rating = rating_of(session, intake)
    if rating is None:
        rating = SatisfactionRating(intake_id=intake.id)
        session.add(rating)
    rating.score = score
    rating.comment = words
    rating.language = language
    rating.rated_at = utcnow()
    session.flush()
    return rating
