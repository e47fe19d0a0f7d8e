"""Read aloud: the phone asks for a message the assistant said, by where it said it.

Never for a text the caller chooses: this is no open text-to-speech service. A message is named
by the phone's message id it answered and its place in that reply (the replies the chat gateway
keeps for resends, backend/chat_messages.py), or by the notice it was; the backend reads the
text from its own records, in the language the reply was given in. The URL holds no text, so
no access log holds what was said. What is spoken: the message and the titles of its buttons.
"""

from __future__ import annotations

import subprocess
from typing import Any

from fastapi import APIRouter
from fastapi.responses import FileResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend import speech
from backend.api.chat import _conversation
from backend.api.params import RowId
from backend.deps import SessionDep
from backend.errors import NotFound, ServiceUnavailable
from backend.models import ChatMessage, ChatNotice, Conversation
from backend.nlg.texts import LANGUAGE_PROMPT, UI_TEXTS
from backend.policy import not_staff
from locales import SOURCE_LANGUAGE, get_language, translate

router = APIRouter(
    prefix="/api/chat",
    tags=["chat"],
    dependencies=[not_staff("the person's own chat, read aloud")],
)

# The phone may keep a spoken message a day: it does not change.
AUDIO_CACHE_CONTROL = "private, max-age=86400"


def _spoken_text(message: dict[str, Any]) -> str:
    lines = [str(message.get("text") or "")]
    lines += [str(b.get("title") or "") for b in message.get("buttons") or []]
    return "\n".join(line for line in lines if line)


def _audio(text: str, language: str | None, page_language: str) -> FileResponse:
    """`text` spoken in `language`; an error is in `page_language`, the language the page shows."""
    if not speech.has_voice(language):
        raise NotFound(UI_TEXTS["no_voice"], language=page_language)
    assert language is not None  # has_voice(None) is False
    try:
        audio = speech.speak(text, language)
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        raise ServiceUnavailable(UI_TEXTS["speech_failed"], language=page_language) from exc
    return FileResponse(audio.path, media_type=audio.media_type, headers={"Cache-Control": AUDIO_CACHE_CONTROL})


def _reply_message(
    session: Session, conversation: Conversation, client_message_id: str, index: int
) -> tuple[dict[str, Any], str | None]:
    row = session.scalar(
        select(ChatMessage).where(
            ChatMessage.conversation_id == conversation.id, ChatMessage.client_message_id == client_message_id
        )
    )
    messages = (row.reply or {}).get("messages", []) if row is not None else []
    if not 0 <= index < len(messages):
        # Only the replies to the newest messages are kept (chat_messages.KEPT_PER_CONVERSATION).
        raise NotFound(UI_TEXTS["speech_gone"], language=conversation.language or SOURCE_LANGUAGE)
    language = (row.reply or {}).get("language") if row is not None else None
    return messages[index], language


@router.get("/conversations/{conversation_id}/speech/{client_message_id}/{index}")
def reply_speech(conversation_id: str, client_message_id: str, index: int, session: SessionDep) -> FileResponse:
    """Message `index` of the reply to the phone's message `client_message_id`, spoken."""
    conversation = _conversation(session, conversation_id)
    message, language = _reply_message(session, conversation, client_message_id, index)
    # The language the reply was given in; before the person chose one, the language of the page.
    return _audio(_spoken_text(message), language or conversation.language, conversation.language or SOURCE_LANGUAGE)


@router.get("/conversations/{conversation_id}/notices/{notice_id}/speech")
def notice_speech(conversation_id: str, notice_id: RowId, session: SessionDep) -> FileResponse:
    """A reminder the system sent into this chat, spoken."""
    conversation = _conversation(session, conversation_id)
    notice = session.get(ChatNotice, notice_id)
    if notice is None or notice.conversation_id != conversation.id:
        raise NotFound(UI_TEXTS["speech_gone"], language=conversation.language or SOURCE_LANGUAGE)
    return _audio(str(notice.values.get("text", "")), conversation.language, conversation.language or SOURCE_LANGUAGE)


@router.get("/speech/welcome/{language}")
def welcome_speech(language: str) -> FileResponse:
    """The language choice, one language at a time: its welcome line and the language's own name,
    both from the catalogs (before a language is chosen, the choice is written in all of them at
    once, which no one voice can read). The page plays them one after the other, showing which
    button is being read."""
    lang = get_language(language)
    if lang is None:
        raise NotFound()
    return _audio(translate(language, LANGUAGE_PROMPT) + "\n" + lang.native_name, language, language)
