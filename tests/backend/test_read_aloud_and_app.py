"""Read aloud (backend/api/speech.py) and the installable app's files (backend/pwa.py).

Real espeak-ng and opusenc (Debian packages, scripts/system-services.sh), real PostgreSQL.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from backend import speech
from backend.db import session_scope
from backend.models import ChatMessage, ChatNotice, Conversation
from backend.nlg.texts import UI_TEXTS
from backend.security import token_hash
from locales import translate

TIGRINYA_QUESTION = "ሽምካ እንታይ እዩ?"


def conversation_with_reply(client: TestClient, language: str, reply: dict[str, Any], message_id: str) -> str:
    """A conversation in `language` whose phone message `message_id` got `reply` (as the chat
    gateway stores it for resends)."""
    conversation: str = client.post("/api/chat/conversations").json()["conversation_id"]
    with session_scope() as session:
        session.execute(
            update(Conversation).where(Conversation.token_hash == token_hash(conversation)).values(language=language)
        )
        row = session.scalar(select(Conversation).where(Conversation.token_hash == token_hash(conversation)))
        assert row is not None
        session.add(ChatMessage(conversation_id=row.id, client_message_id=message_id, reply=reply))
    return conversation


def tigrinya_reply() -> dict[str, Any]:
    yes = {"title": translate("ti", "Yes"), "payload": "/affirm"}
    return {"language": "ti", "messages": [{"text": TIGRINYA_QUESTION, "buttons": [yes]}]}


def test_a_message_the_assistant_said_is_spoken_as_a_small_ogg_opus_file(client: TestClient) -> None:
    conversation = conversation_with_reply(client, "ti", tigrinya_reply(), "msg-0000001")
    response = client.get(f"/api/chat/conversations/{conversation}/speech/msg-0000001/0")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "audio/ogg"
    assert response.content.startswith(b"OggS") and b"OpusHead" in response.content[:200]
    # About 3 s of speech: a few kilobytes, not the 100+ KB of a WAV.
    assert 1_000 < len(response.content) < 30_000, len(response.content)
    assert "private" in response.headers["cache-control"]
    # Cached on disk under a name that does not reveal the text; asked again, the same file.
    cached = list(speech.SPEECH_DIR.glob("*.ogg"))
    assert cached and not any(TIGRINYA_QUESTION in p.name for p in cached)
    again = client.get(f"/api/chat/conversations/{conversation}/speech/msg-0000001/0")
    assert again.content == response.content


def test_only_what_the_assistant_said_in_this_conversation_is_spoken(client: TestClient) -> None:
    conversation = conversation_with_reply(client, "ti", tigrinya_reply(), "msg-0000002")
    other = conversation_with_reply(client, "ti", {"language": "ti", "messages": []}, "msg-0000003")
    gone = translate("ti", UI_TEXTS["speech_gone"])
    # Another message number, another conversation's message, a message that does not exist.
    for url in (
        f"/api/chat/conversations/{conversation}/speech/msg-0000002/1",
        f"/api/chat/conversations/{other}/speech/msg-0000002/0",
        f"/api/chat/conversations/{conversation}/speech/msg-9999999/0",
    ):
        response = client.get(url)
        assert response.status_code == 404 and response.json()["detail"] == gone, (url, response.text)
    # No way to have a chosen text spoken: not as a query, not as a body.
    assert client.get(f"/api/chat/conversations/{conversation}/speech?text=hallo").status_code in (404, 405)
    assert client.post(f"/api/chat/conversations/{conversation}/speech", json={"text": "hallo"}).status_code in (
        404,
        405,
    )
    assert client.get("/api/chat/conversations/not-a-conversation/speech/msg-0000002/0").status_code == 404


def test_a_language_without_a_voice_says_so_in_that_language(client: TestClient) -> None:
    reply = {"language": "so", "messages": [{"text": "Magacaa?", "buttons": []}]}
    conversation = conversation_with_reply(client, "so", reply, "msg-0000004")
    response = client.get(f"/api/chat/conversations/{conversation}/speech/msg-0000004/0")
    assert response.status_code == 404
    assert response.json()["detail"] == translate("so", UI_TEXTS["no_voice"])
    assert translate("so", UI_TEXTS["no_voice"]) != UI_TEXTS["no_voice"]  # really Somali
    assert not speech.has_voice("so") and not speech.has_voice("ps")
    assert all(speech.has_voice(code) for code in ("ar", "ti", "fa_AF", "fa", "tr", "ku", "am", "en", "fr", "nl"))


def test_a_reminder_in_the_chat_is_spoken(client: TestClient) -> None:
    conversation = conversation_with_reply(client, "ar", {"language": "ar", "messages": []}, "msg-0000005")
    with session_scope() as session:
        row = session.scalar(select(Conversation).where(Conversation.token_hash == token_hash(conversation)))
        assert row is not None
        notice = ChatNotice(conversation_id=row.id, response="utter_reminder", values={"text": "موعدك غدًا"})
        session.add(notice)
        session.flush()
        notice_id = notice.id
    response = client.get(f"/api/chat/conversations/{conversation}/notices/{notice_id}/speech")
    assert response.status_code == 200 and response.content.startswith(b"OggS")
    other = conversation_with_reply(client, "ar", {"language": "ar", "messages": []}, "msg-0000006")
    assert client.get(f"/api/chat/conversations/{other}/notices/{notice_id}/speech").status_code == 404


def test_the_chat_page_may_use_its_worker_manifest_and_spoken_messages_only(client: TestClient) -> None:
    page = client.get("/")
    policy = page.headers["content-security-policy"]
    assert "worker-src 'self'" in policy and "manifest-src 'self'" in policy and "media-src 'self'" in policy
    assert "default-src 'none'" in policy and "script-src 'self'" in policy and "unsafe" not in policy
    assert 'rel="manifest"' in page.text and 'id="voices"' in page.text

    worker = client.get("/sw.js")
    assert worker.status_code == 200 and worker.headers["content-type"].startswith("text/javascript")
    assert worker.headers["cache-control"] == "no-cache"
    manifest = client.get("/static/manifest.webmanifest")
    assert manifest.headers["content-type"].startswith("application/manifest+json")
    data = manifest.json()
    assert data["start_url"] == "/" and data["display"] == "standalone"
    for icon in data["icons"]:
        assert client.get(icon["src"]).status_code == 200, icon
    assert {icon["sizes"] for icon in data["icons"]} >= {"192x192", "512x512"}


def test_the_language_choice_is_spoken_one_language_at_a_time(client: TestClient) -> None:
    arabic = client.get("/api/chat/speech/welcome/ar")
    assert arabic.status_code == 200 and arabic.content.startswith(b"OggS")
    dari = client.get("/api/chat/speech/welcome/fa_AF")
    assert dari.status_code == 200 and dari.content != arabic.content
    somali = client.get("/api/chat/speech/welcome/so")
    assert somali.status_code == 404 and somali.json()["detail"] == translate("so", UI_TEXTS["no_voice"])
    assert client.get("/api/chat/speech/welcome/xx").status_code == 404


def test_a_cache_cleared_while_a_text_is_spoken_is_made_again(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Someone clears the cache (removes var/speech) while espeak-ng speaks: the folder is made
    again, not a 503 for the person."""
    cache = tmp_path / "speech"
    monkeypatch.setattr(speech, "SPEECH_DIR", cache)
    monkeypatch.setattr(speech, "_last_prune", 0.0)  # pruning (of a folder not there) runs too
    real_run = subprocess.run

    def run_then_clear_the_cache(*args: Any, **kwargs: Any) -> Any:
        result = real_run(*args, **kwargs)
        shutil.rmtree(cache, ignore_errors=True)  # someone clears the cache meanwhile
        return result

    monkeypatch.setattr(speech.subprocess, "run", run_then_clear_the_cache)
    response = client.get("/api/chat/speech/welcome/ti")
    assert response.status_code == 200, response.text
    assert response.content.startswith(b"OggS")


def test_a_notice_number_past_the_columns_range_is_refused_not_a_server_error(client: TestClient) -> None:
    """Found by schemathesis: a notice id past 32 bits reached PostgreSQL (500)."""
    conversation = conversation_with_reply(client, "ti", tigrinya_reply(), "msg-0000009")
    for notice_id in (-274877906945, 2**31, 0):
        response = client.get(f"/api/chat/conversations/{conversation}/notices/{notice_id}/speech")
        assert response.status_code == 422, (notice_id, response.status_code, response.text)
