"""The chat gateway: the phone talks to the backend, the backend talks to Rasa.

Rasa listens only on localhost. The browser gets an unguessable conversation id; the
backend stores only its hash. A message that holds a BSN is refused here, before it
reaches Rasa's tracker store or any log.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend import assistance, audit, chat_messages, handover, resume, throttle
from backend.api.params import AfterId
from backend.api.rasa_gate import RasaGate, RasaGateDep
from backend.config import get_settings
from backend.db import session_scope
from backend.deps import SessionDep
from backend.documents import own_answers
from backend.errors import BadRequest, NotFound
from backend.intakes import has_form_answers, set_assistance
from backend.models import (
    Appointment,
    AppointmentStatus,
    ChatNotice,
    Conversation,
    Intake,
    StaffRole,
    utcnow,
)
from backend.nlg.texts import HUMAN, RESPONSES, UI_TEXTS
from backend.person_form import FILL_AS_FORM
from backend.policy import not_staff
from backend.scheduling.ics import calendar_file
from backend.security import new_token, token_hash
from backend.text_input import CleanText
from forms import load_schema
from forms.answers import looks_like_bsn
from locales import SOURCE_LANGUAGE, get_language, translate

log = logging.getLogger(__name__)
router = APIRouter(
    prefix="/api/chat",
    tags=["chat"],
    dependencies=[not_staff("the person's own chat, named by the phone's unguessable id")],
)

MAX_MESSAGE_LENGTH = 2000


class Button(BaseModel):
    title: str
    payload: str


class Link(BaseModel):
    title: str
    url: str


class BotMessage(BaseModel):
    text: str
    buttons: list[Button] = []
    link: Link | None = None


class Progress(BaseModel):
    """The section of the question just asked (forms/intake.yaml), for the page's progress bar."""

    number: int
    total: int
    section: str


class ChatTurn(BaseModel):
    conversation_id: str
    messages: list[BotMessage]
    language: str | None
    direction: str
    ui: dict[str, str]
    progress: Progress | None = None
    # The volunteer sitting beside the person (what is entered now is marked as assisted), so
    # the page shows it as long as it lasts, and the person can end it.
    assisted_by: str | None = None
    # A person is (or is being asked to be) in the chat: the page polls for their messages.
    handover: bool = False


class UserMessage(BaseModel):
    # Cleaned, not refused: NUL, control characters and broken characters are taken out, the
    # rest of what the person typed reaches the assistant (backend/text_input.py).
    text: CleanText
    # Given by the page to every message; sent again unchanged with a resend after a network
    # error, so that the resend is the same message (backend/chat_messages.py). Optional for
    # other clients (tests, the benchmark), whose every message is new.
    client_message_id: str | None = Field(default=None, min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")


def ui_texts(language: str) -> dict[str, str]:
    return {key: translate(language, text) for key, text in UI_TEXTS.items()}


def _turn(
    conversation_id: str,
    language: str | None,
    messages: list[BotMessage],
    assisted_by: str | None = None,
    progress: Progress | None = None,
) -> ChatTurn:
    lang = get_language(language)
    return ChatTurn(
        conversation_id=conversation_id,
        messages=messages,
        language=language,
        direction=lang.direction if lang else "ltr",
        ui=ui_texts(language or SOURCE_LANGUAGE),
        assisted_by=assisted_by,
        progress=progress,
    )


def _assisting(conversation: Conversation) -> str | None:
    return conversation.assisted_by.full_name if conversation.assisted_by else None


@router.post("/conversations", status_code=201)
def start_conversation(request: Request, session: SessionDep) -> ChatTurn:
    # The page is in the source language until the person has chosen theirs.
    throttle.check_new_conversation(throttle.address_of(request), SOURCE_LANGUAGE)
    token = new_token()
    session.add(Conversation(token_hash=token_hash(token)))
    return _turn(token, None, [])


@router.post("/conversations/{conversation_id}/messages")
async def send_message(conversation_id: str, body: UserMessage, gate: RasaGateDep) -> ChatTurn:
    # async: the wait for Rasa holds no worker thread (Rasa calls back into this backend while
    # the turn waits; see rasa_gate.py). The database work runs in short sections on the chat's
    # own threads: this read, and the record of the turn after Rasa answered.
    now = await gate.run_in_thread(_conversation_now, conversation_id)
    conversation = now.conversation
    language = conversation.language or SOURCE_LANGUAGE
    await gate.run_in_thread(throttle.check_chat_message, conversation_id, language)  # may ask Redis
    text = body.text.strip()
    if not text or len(text) > MAX_MESSAGE_LENGTH:
        raise BadRequest(UI_TEXTS["too_long"], language=language)
    if looks_like_bsn(text):
        warning = translate(language, RESPONSES["utter_invalid_bsn"].text)
        return _turn(conversation_id, conversation.language, [BotMessage(text=warning)])

    # A real person in the chat (backend/handover.py): "Talk to a person" opens a handover, and
    # once a staff member has joined, the person's messages are kept for them, never sent to Rasa.
    # (Looked at again in a session of its own only when one was open a moment ago, or is asked for.)
    during = None
    if now.in_handover or text == HUMAN:
        during = await gate.run_in_thread(_handover_turn, conversation_id, text, body.client_message_id)
    if during is not None:
        shown, assisted_by = during
        turn = _turn(conversation_id, conversation.language, shown, assisted_by)
        turn.handover = True
        return turn

    message_id = body.client_message_id
    if message_id is not None and (earlier := await _claim(gate, conversation, message_id)) is not None:
        # A resend of a message that was answered: the same reply; Rasa never sees it twice.
        earlier_language, earlier_messages, earlier_progress = earlier
        assisted_by = await gate.run_in_thread(_record_turn, conversation_id, earlier_language)
        return _turn(conversation_id, earlier_language, earlier_messages, assisted_by, earlier_progress)
    # Who assists as the person types travels with the message to the action server, which
    # saves the answer with it: the answer's source is decided now, not when the save arrives.
    # Whether the web form holds answers: the action server asks for them only then, not on every
    # message (a request to this backend per turn; README "Many people at once").
    metadata = {
        "assisted_by": conversation.assisted_by_id,
        "client_message_id": message_id,
        "form_answers": now.form_used,
    }
    try:
        async with gate.turn(language):
            # Rasa gets the conversation's pseudonym, never the phone's token (README "Privacy").
            replies = await gate.ask(conversation.rasa_sender, text, language, metadata)
    except Exception:
        if message_id is not None:
            await gate.run_in_thread(chat_messages.release, conversation.id, message_id)
        raise
    messages: list[BotMessage] = []
    progress: Progress | None = None
    asked_for_person = False
    for item in replies:
        meta = (item.get("custom") or {}).get("meta") if isinstance(item.get("custom"), dict) else None
        if meta is not None:
            if meta.get("language"):
                conversation.language = str(meta["language"])
            if meta.get("progress"):
                progress = Progress.model_validate(meta["progress"])
            asked_for_person = asked_for_person or bool(meta.get("handover"))
            if meta.get("calendar") and messages:
                # The booking confirmation: a link to the appointment as a calendar file.
                title = translate(conversation.language or language, UI_TEXTS["add_to_calendar"])
                url = f"/api/chat/conversations/{conversation_id}/appointment.ics"
                messages[-1].link = Link(title=title, url=url)
            if meta.get("answers_pdf") and messages:
                # The answers were sent: the person can keep them as a PDF in their language.
                title = translate(conversation.language or language, own_answers.DOWNLOAD)
                url = f"/api/chat/conversations/{conversation_id}/answers.pdf"
                messages[-1].link = Link(title=title, url=url)
            continue
        if item.get("text"):
            messages.append(BotMessage(text=item["text"], buttons=item.get("buttons") or []))
    if progress is not None and messages and messages[-1].link is None:
        # The same questions as a web form, at this question's section (backend/person_form.py).
        messages[-1].link = _form_link(conversation_id, conversation.language or language, progress.number)
    messages = _each_button_once(messages)
    reply = {
        "language": conversation.language,
        "messages": [m.model_dump() for m in messages],
        "progress": progress.model_dump() if progress else None,
    }
    assisted_by = await gate.run_in_thread(_record_turn, conversation_id, conversation.language, message_id, reply)
    turn = _turn(conversation_id, conversation.language, messages, assisted_by, progress)
    if asked_for_person:
        # Asked for a person in their own words (Rasa read the request): a handover opens, as
        # for the button; what the person writes next goes to the staff member.
        await gate.run_in_thread(_open_handover, conversation_id)
        turn.handover = True
    return turn


def _form_link(conversation_id: str, language: str, section_number: int) -> Link:
    sections = load_schema().sections
    section = sections[min(max(section_number, 1), len(sections)) - 1]
    query = urlencode({"section": section.id, "lang": language})
    return Link(title=translate(language, FILL_AS_FORM), url=f"/form/{conversation_id}?{query}")


async def _claim(
    gate: RasaGate, conversation: Conversation, message_id: str
) -> tuple[str | None, list[BotMessage], Progress | None] | None:
    """None when this request takes the message to Rasa; else (language, messages) of the reply
    it got before. While another request is at Rasa with it (the phone gave up waiting and sent
    it again), wait for that reply instead of asking twice."""
    settings = get_settings()
    # Longer than any turn can take: a claim this old belongs to a request that died.
    stale_after = timedelta(seconds=settings.chat_turn_wait_seconds + settings.rasa_timeout_seconds + 5)
    while True:
        claim = await gate.run_in_thread(
            chat_messages.claim, conversation.id, message_id, conversation.assisted_by_id, stale_after
        )
        if claim.state == chat_messages.ClaimState.NEW:
            return None
        if claim.state == chat_messages.ClaimState.ANSWERED and claim.reply is not None:
            messages = [BotMessage.model_validate(m) for m in claim.reply.get("messages", [])]
            progress = claim.reply.get("progress")
            return claim.reply.get("language"), messages, Progress.model_validate(progress) if progress else None
        await asyncio.sleep(0.25)


@dataclass(frozen=True)
class _Now:
    conversation: Conversation  # only read afterwards (its changes are stored by `_record_turn`)
    form_used: bool  # its intake holds answers given in the web form
    in_handover: bool  # a person of the staff is in the chat (or was asked for)


def _conversation_now(conversation_id: str) -> _Now:
    """The conversation as it is now, read in one short session of its own."""
    with session_scope() as session:
        conversation = _conversation(session, conversation_id)
        in_handover = handover.open_handover(session, conversation) is not None
        return _Now(conversation, has_form_answers(session, conversation), in_handover)


def _record_turn(
    conversation_id: str, language: str | None, message_id: str | None = None, reply: dict[str, Any] | None = None
) -> str | None:
    """After Rasa answered: the language the person chose and the time of the message, and the
    reply for a resend of the message. Returns who assists now (a volunteer may have started or
    ended meanwhile)."""
    with session_scope() as session:
        conversation = _conversation(session, conversation_id)
        if language is not None:
            conversation.language = language
        conversation.last_message_at = utcnow()
        if message_id is not None and reply is not None:
            chat_messages.store_reply(session, conversation.id, message_id, reply)
        return _assisting(conversation)


def _open_handover(conversation_id: str) -> None:
    with session_scope() as session:
        handover.request(session, _conversation(session, conversation_id))


def _handover_turn(
    conversation_id: str, text: str, message_id: str | None
) -> tuple[list[BotMessage], str | None] | None:
    """None when the message goes to Rasa; otherwise what the phone shows now (nothing: what is
    said during a handover, also its first message, reaches the phone by polling, GET
    .../handover) and who assists.

    Until a staff member has joined, the assistant goes on: it told the person "you can also go
    on here" and asked its question again, and a person who answers it must get the next
    question, not silence (a held-out conversation was trapped so: every answer after "I want
    to talk to a person" kept for nobody, 187 turns without a reply). What they write meanwhile
    is in the conversation the case manager who joins reads."""
    with session_scope() as session:
        conversation = _conversation(session, conversation_id)
        if text == HUMAN:
            handover.request(session, conversation)  # what it says reaches the phone by polling, once
            return [], _assisting(conversation)
        current = handover.open_handover(session, conversation)
        if current is None or current.taken_by_id is None:
            return None
        handover.person_writes(session, current, text, message_id)
        conversation.last_message_at = utcnow()
        return [], _assisting(conversation)


def _each_button_once(messages: list[BotMessage]) -> list[BotMessage]:
    """One turn can offer the same action twice (the offer to skip a hard question, then the
    question again with its own Skip button). Keep each button under the last message that
    offers it, so the phone never shows two identical buttons."""
    offered_later: set[str] = set()
    for message in reversed(messages):
        message.buttons = [b for b in message.buttons if b.payload not in offered_later]
        offered_later.update(b.payload for b in message.buttons)
    return messages


class AssistanceIn(BaseModel):
    code: str = Field(max_length=40)


class AssistanceOut(BaseModel):
    assisted_by: str


@router.post("/conversations/{conversation_id}/assistance")
def start_assistance(conversation_id: str, body: AssistanceIn, request: Request, session: SessionDep) -> AssistanceOut:
    """A volunteer (or case manager) sits beside the person and types the one-time code their
    own device showed (backend/assistance.py): what is entered from now on is marked as
    volunteer-assisted, with who assisted. No staff login happens on the person's phone."""
    conversation = _conversation(session, conversation_id)
    language = conversation.language or SOURCE_LANGUAGE
    throttle.check_assistance_code(conversation_id, throttle.address_of(request), language)
    volunteer = assistance.redeem(session, body.code)
    if volunteer is None or volunteer.role not in (StaffRole.VOLUNTEER, StaffRole.CASE_MANAGER):
        raise BadRequest(UI_TEXTS["volunteer_failed"], language=language)
    set_assistance(session, conversation_id, volunteer)
    audit.record(session, volunteer, "start_assistance", "conversation", object_id=str(conversation.id))
    return AssistanceOut(assisted_by=volunteer.full_name)


@router.delete("/conversations/{conversation_id}/assistance", status_code=204)
def end_assistance(conversation_id: str, session: SessionDep) -> None:
    """Whoever holds the conversation ends the assistance: the volunteer when they leave, or the
    person, when the page shows a helper who is no longer there. Ending it grants nothing."""
    conversation = set_assistance(session, conversation_id, None)
    audit.record(session, None, "end_assistance", "conversation", object_id=str(conversation.id))


def _conversation(session: Session, conversation_id: str) -> Conversation:
    # The first phone's token, or that of a device that resumed the chat with a code (backend/resume.py).
    conversation = session.scalar(select(Conversation).where(resume.held_by(conversation_id)))
    if conversation is None:
        raise NotFound()
    return conversation


class Notice(BaseModel):
    id: int
    text: str


@router.get("/conversations/{conversation_id}/notices")
def notices(conversation_id: str, session: SessionDep, after: AfterId = 0) -> list[Notice]:
    """Messages the system sent into this chat (reminders) after notice `after`; the page polls."""
    conversation = _conversation(session, conversation_id)
    rows = session.scalars(
        select(ChatNotice)
        .where(ChatNotice.conversation_id == conversation.id, ChatNotice.id > after)
        .order_by(ChatNotice.id)
        .limit(20)
    )
    return [Notice(id=n.id, text=str(n.values.get("text", ""))) for n in rows]


@router.get("/conversations/{conversation_id}/appointment.ics")
def appointment_calendar_file(conversation_id: str, session: SessionDep) -> Response:
    """The person's open appointment as a calendar file the phone can open."""
    conversation = _conversation(session, conversation_id)
    appointment = session.scalars(
        select(Appointment)
        .join(Intake, Appointment.intake_id == Intake.id)
        .where(Intake.conversation_id == conversation.id, Appointment.status == AppointmentStatus.BOOKED)
        .order_by(Appointment.starts_at)
    ).first()
    if appointment is None:
        raise NotFound()
    language = conversation.language or SOURCE_LANGUAGE
    body = calendar_file(appointment, language)
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="afspraak.ics"'},
    )
