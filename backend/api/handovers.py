"""A real person in the chat, the staff's side (backend/handover.py).

Case managers see the open handovers of their municipalities (and those of no known
municipality yet) with the whole conversation so far; volunteers see those of the municipalities
they help in, with only what was written since the person asked for a person (the assistant's
conversation holds health answers, which volunteers never see). One of them takes a handover,
writes in the chat, and hands it back to the assistant. Every read is audited.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend import audit, handover, resume
from backend.api.params import AfterId, RowId
from backend.deps import SessionDep
from backend.errors import Conflict, NotFound, _
from backend.models import Handover, HandoverAuthor, HandoverMessage, Intake, StaffRole, StaffUser
from backend.policy import TRANSLATORS, Audit, audited
from backend.privacy.tracker import tracker_store
from backend.text_input import CleanText

router = APIRouter(prefix="/api/handovers", tags=["handovers"])

TAKEN_BY_OTHER = _("Another colleague is already talking with this person.")
NOT_TAKEN = _("Take the chat first.")
MAX_TEXT = 2000


class Line(BaseModel):
    id: int | None  # None for the assistant's conversation before the handover
    sender: str  # "user" (the person), "bot" (the assistant or the system), "staff"
    text: str
    name: str | None = None  # a staff member: first name and role, as the person sees it


class HandoverView(BaseModel):
    id: int
    requested_at: datetime
    language: str | None
    municipality_code: str | None
    intake_id: str | None
    taken_by: str | None  # full name of the colleague who took it
    taken_by_me: bool
    # The conversation so far (case managers: from the start; volunteers: since the request).
    conversation: list[Line]


def _lines(session: Session, item: Handover, user: StaffUser) -> list[Line]:
    conversation = item.conversation
    if user.role == StaffRole.CASE_MANAGER:
        tracker = tracker_store()
        try:
            entries: list[dict[str, Any]] = resume.transcript(session, tracker, conversation)
        finally:
            tracker.close()
        return [Line(id=None, sender=e["from"], text=e["text"], name=e.get("name")) for e in entries]
    rows = session.scalars(
        select(HandoverMessage)
        .join(Handover, HandoverMessage.handover_id == Handover.id)
        .where(Handover.conversation_id == conversation.id, Handover.requested_at >= item.requested_at)
        .order_by(HandoverMessage.id)
    )
    return [_line(row, conversation.language) for row in rows]


def _line(row: HandoverMessage, language: str | None) -> Line:
    sender = {HandoverAuthor.PERSON: "user", HandoverAuthor.STAFF: "staff", HandoverAuthor.SYSTEM: "bot"}[row.author]
    name = (
        handover.signature(row.staff_user, language) if row.staff_user and row.author == HandoverAuthor.STAFF else None
    )
    return Line(id=row.id, sender=sender, text=row.text, name=name)


def _view(session: Session, item: Handover, user: StaffUser) -> HandoverView:
    intake = session.scalar(select(Intake).where(Intake.conversation_id == item.conversation_id))
    municipality = intake.municipality_code if intake else None
    audit.record(
        session,
        user,
        "read_handover",
        "conversation",
        object_id=str(item.conversation_id),
        municipality_code=municipality,
    )
    return HandoverView(
        id=item.id,
        requested_at=item.requested_at,
        language=item.conversation.language,
        municipality_code=municipality,
        intake_id=str(intake.id) if intake else None,
        taken_by=item.taken_by.full_name if item.taken_by else None,
        taken_by_me=item.taken_by_id == user.id,
        conversation=_lines(session, item, user),
    )


def _visible(session: Session, audit: Audit, handover_id: int) -> Handover:
    """An open handover this staff member may see; another municipality's is 'not found'.
    Named in the route's audit record by its conversation."""
    audit.note(handover_id=handover_id)
    user = audit.user
    item = session.scalar(
        select(Handover).where(Handover.id == handover_id, Handover.ended_at.is_(None), handover.visible_to(user))
    )
    if item is None:
        raise NotFound()
    audit.about(item.conversation_id)
    return item


@router.get("")
def open_handovers(
    audit: Annotated[Audit, audited("list_handovers", "conversation", TRANSLATORS)], session: SessionDep
) -> list[HandoverView]:
    """The open handovers this staff member may take, oldest request first (each one read is
    recorded by its conversation too)."""
    user = audit.user
    items = session.scalars(
        select(Handover)
        .where(Handover.ended_at.is_(None), handover.visible_to(user))
        .order_by(Handover.requested_at)
        .limit(50)
    )
    return [_view(session, item, user) for item in items]


@router.post("/{handover_id}/take")
def take(
    handover_id: RowId,
    audit: Annotated[Audit, audited("take_handover", "conversation", TRANSLATORS)],
    session: SessionDep,
) -> HandoverView:
    """Take the chat: the person sees who joined. A chat a colleague took stays theirs."""
    user = audit.user
    item = _visible(session, audit, handover_id)
    if item.taken_by_id is not None and item.taken_by_id != user.id:
        raise Conflict(TAKEN_BY_OTHER)
    handover.take(session, item, user)
    return _view(session, item, user)


class StaffMessageIn(BaseModel):
    text: CleanText = Field(min_length=1, max_length=MAX_TEXT)


@router.post("/{handover_id}/messages", status_code=201)
def write(
    handover_id: RowId,
    body: StaffMessageIn,
    audit: Annotated[Audit, audited("write_handover_message", "conversation", TRANSLATORS)],
    session: SessionDep,
) -> Line:
    """A message to the person, shown on their phone with first name and role."""
    user = audit.user
    item = _visible(session, audit, handover_id)
    if item.taken_by_id is None:
        raise Conflict(NOT_TAKEN)
    if item.taken_by_id != user.id:
        raise Conflict(TAKEN_BY_OTHER)
    message = handover.add_message(session, item, HandoverAuthor.STAFF, body.text.strip(), staff_user=user)
    session.refresh(message)
    return _line(message, item.conversation.language)


@router.get("/{handover_id}/messages")
def messages(
    handover_id: RowId,
    audit: Annotated[Audit, audited("read_handover_messages", "conversation", TRANSLATORS)],
    session: SessionDep,
    after: AfterId = 0,
) -> list[Line]:
    """What was written in this handover after message `after` (the staff page polls)."""
    item = _visible(session, audit, handover_id)
    rows = session.scalars(
        select(HandoverMessage)
        .where(HandoverMessage.handover_id == item.id, HandoverMessage.id > after)
        .order_by(HandoverMessage.id)
    )
    lines = [_line(row, item.conversation.language) for row in rows]
    if not lines:
        audit.nothing_shown()  # the page polls: only a poll that shows something is recorded
    return lines


@router.post("/{handover_id}/hand-back", status_code=204)
def hand_back(
    handover_id: RowId,
    audit: Annotated[Audit, audited("hand_back_handover", "conversation", TRANSLATORS)],
    session: SessionDep,
) -> None:
    """The assistant takes over again; the person's phone asks its question again."""
    user = audit.user
    item = _visible(session, audit, handover_id)
    if item.taken_by_id is not None and item.taken_by_id != user.id:
        raise Conflict(TAKEN_BY_OTHER)
    handover.end(session, item, by=user)
