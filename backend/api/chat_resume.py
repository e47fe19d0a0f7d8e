"""The person's chat on another device, and starting over (backend/resume.py).

The phone asks for a resume code (and its QR code), may revoke it, and may start over; another
device types the code (or opens the QR code's link) and continues the same conversation at the
same question. Staff of the person's municipality may revoke the code too.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from backend import audit, resume, throttle
from backend.api.chat import _assisting, _conversation, _turn
from backend.deps import SessionDep
from backend.errors import BadRequest, NotFound
from backend.models import Conversation, ConversationDevice
from backend.nlg.texts import UI_TEXTS
from backend.policy import CASE_MANAGERS, Audit, audited, intake_for, not_staff
from backend.privacy.tracker import TrackerStore, tracker_store
from backend.scheduling.messages import format_when
from backend.security import token_hash
from locales import SOURCE_LANGUAGE, translate

log = logging.getLogger(__name__)
router = APIRouter(tags=["chat"])
# The person's own chat, by the phone's unguessable id or their resume code (backend/policy.py).
PERSONS_OWN = not_staff("the person's own chat")


class ResumeCodeOut(BaseModel):
    code: str  # two groups of four characters, e.g. "K7MX-3QRA"
    expires_at: datetime
    valid: str  # "The code works once, until …", in the person's language
    url: str  # the chat page with the code: what the QR code holds
    qr_svg: str  # the QR code as SVG markup, drawn on the server


@router.post("/api/chat/conversations/{conversation_id}/resume-code", status_code=201, dependencies=[PERSONS_OWN])
def new_resume_code(conversation_id: str, request: Request, session: SessionDep) -> ResumeCodeOut:
    """A code to continue this conversation on another device; an earlier code stops working."""
    conversation = _conversation(session, conversation_id)
    language = conversation.language or SOURCE_LANGUAGE
    issued = resume.issue(session, conversation)
    url = f"{str(request.base_url).rstrip('/')}/?resume={issued.code}"
    audit.record(session, None, "new_resume_code", "conversation", object_id=str(conversation.id))
    return ResumeCodeOut(
        code=issued.code,
        expires_at=issued.expires_at,
        valid=translate(language, UI_TEXTS["resume_valid"]).format(when=format_when(issued.expires_at, language)),
        url=url,
        qr_svg=resume.qr_svg(url),
    )


@router.delete("/api/chat/conversations/{conversation_id}/resume-code", status_code=204, dependencies=[PERSONS_OWN])
def revoke_resume_code(conversation_id: str, session: SessionDep) -> None:
    """The person stops their code (it was seen by someone else, or is no longer needed)."""
    conversation = _conversation(session, conversation_id)
    resume.revoke(session, conversation)
    audit.record(session, None, "revoke_resume_code", "conversation", object_id=str(conversation.id))


class ResumeIn(BaseModel):
    code: str = Field(max_length=40)
    # The conversation this device held until now (the page starts one when it opens): closed,
    # and deleted when nothing was answered in it, so that it is not left behind.
    replaces: str | None = Field(default=None, max_length=200)


class ResumedChat(BaseModel):
    conversation_id: str
    language: str | None
    direction: str
    ui: dict[str, str]
    assisted_by: str | None
    # The conversation so far as the page keeps it (from "bot", "user" or "staff"), ending with
    # the question it stopped at.
    transcript: list[dict[str, Any]]
    # The newest message written with a person that the transcript holds: the page polls for
    # those after it (GET .../handover?after=), so none is shown twice.
    handover_seen: int = 0


@router.post("/api/chat/resume", dependencies=[PERSONS_OWN])
def resume_chat(body: ResumeIn, request: Request, session: SessionDep) -> ResumedChat:
    """Another device continues a conversation with its resume code: it gets a token of its own
    and the conversation so far. Wrong codes are limited per address and over all addresses."""
    replaced: Conversation | None = None
    if body.replaces:
        try:
            replaced = _conversation(session, body.replaces)
        except NotFound:
            replaced = None
    language = (replaced.language if replaced else None) or SOURCE_LANGUAGE
    throttle.check_resume_code(throttle.address_of(request), language)
    redeemed = resume.redeem(session, body.code)
    if redeemed is None:
        raise BadRequest(UI_TEXTS["resume_failed"], language=language)
    conversation, token = redeemed
    tracker = tracker_store()
    try:
        if replaced is not None and replaced.id != conversation.id:
            _close_replaced(session, tracker, replaced)
        entries = resume.transcript(session, tracker, conversation)
    finally:
        tracker.close()
    audit.record(session, None, "resume_conversation", "conversation", object_id=str(conversation.id))
    turn = _turn(token, conversation.language, [], _assisting(conversation))
    return ResumedChat(
        conversation_id=token,
        language=turn.language,
        direction=turn.direction,
        ui=turn.ui,
        assisted_by=turn.assisted_by,
        transcript=entries,
        handover_seen=resume.newest_handover_message(session, conversation),
    )


def _close_replaced(session: Session, tracker: TrackerStore, replaced: Conversation) -> None:
    """The conversation this device held before is closed (deleted when nothing was answered in
    it). Resuming must not fail because Rasa's tracker store is out of reach: then it is only
    closed, and retention deletes it later."""
    try:
        with session.begin_nested():
            resume.close(session, tracker, replaced, delete_answers=False)
    except OperationalError:
        log.warning("Rasa's tracker store did not answer; the replaced conversation is closed, not deleted")
        session.expire_all()
        resume.close(session, tracker, replaced, delete_answers=False, delete_empty=False)


class StartOverIn(BaseModel):
    delete: bool = False  # also delete the answers given so far


class StartOverOut(BaseModel):
    outcome: str  # "closed" or "deleted"


@router.post("/api/chat/conversations/{conversation_id}/start-over", dependencies=[PERSONS_OWN])
def start_over(conversation_id: str, body: StartOverIn, session: SessionDep) -> StartOverOut:
    """The person starts over on this phone: the conversation is closed for every device, and its
    partial intake is marked closed or (when asked, or when nothing was answered) deleted."""
    conversation = _conversation(session, conversation_id)
    conversation_pk = conversation.id
    tracker = tracker_store()
    try:
        outcome = resume.close(session, tracker, conversation, delete_answers=body.delete)
    finally:
        tracker.close()
    audit.record(session, None, f"start_over_{outcome}", "conversation", object_id=str(conversation_pk))
    return StartOverOut(outcome=outcome)


@router.delete("/api/chat/conversations/{conversation_id}/device", status_code=204, dependencies=[PERSONS_OWN])
def leave_device(conversation_id: str, session: SessionDep) -> None:
    """A device that came in with a resume code (a volunteer's laptop) leaves the conversation
    when someone starts again there: only its own access ends, and the conversation goes on on
    the person's phone. The first phone has no such access (404): it starts over instead."""
    held_here = ConversationDevice.token_hash == token_hash(conversation_id)
    device = session.scalar(select(ConversationDevice).where(held_here))
    if device is None:
        raise NotFound()
    session.delete(device)
    audit.record(session, None, "leave_device", "conversation", object_id=str(device.conversation_id))


class RevokedOut(BaseModel):
    stopped: int  # the live code and the devices that came in with a code


@router.delete("/api/intakes/{intake_id}/resume-code")
def staff_revoke_resume_code(
    intake_id: uuid.UUID,
    audit: Annotated[Audit, audited("revoke_resume_access", "intake", CASE_MANAGERS)],
    session: SessionDep,
) -> RevokedOut:
    """A case manager of the person's municipality stops the person's resume code and the access
    of every device that came in with one (a lost phone, a laptop left behind). The person's
    first phone keeps the conversation."""
    intake = intake_for(session, audit, intake_id)
    conversation = session.get_one(Conversation, intake.conversation_id)
    stopped = resume.revoke(session, conversation, devices=True)
    audit.note(stopped=stopped)
    return RevokedOut(stopped=stopped)
