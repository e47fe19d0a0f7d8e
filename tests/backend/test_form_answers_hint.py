"""The chat gateway tells the action server with each message whether the web form holds answers
for the conversation (metadata `form_answers`); the action server asks the backend for them only
then (issue #11: that request on every turn was the action server's largest cost)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from rasa_sdk import Tracker

import actions.intake_form as intake_form
from actions.intake_form import ValidateIntakeForm
from backend.api.rasa_gate import RasaGate
from tests.backend.test_access import HOORN
from tests.backend.test_person_form import new_conversation, post_section
from tests.unit.test_intake_form import run_in_own_loop


def test_the_gateway_says_whether_the_form_holds_answers(
    client: TestClient, internal_headers: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[dict[str, Any] | None] = []

    async def ask(self: RasaGate, sender: str, text: str, language: str, metadata: Any = None) -> list[dict[str, Any]]:
        sent.append(metadata)
        return [{"text": "ok"}]

    monkeypatch.setattr(RasaGate, "ask", ask)
    token = new_conversation(client)

    def say(text: str) -> bool:
        response = client.post(f"/api/chat/conversations/{token}/messages", json={"text": text})
        assert response.status_code == 200, response.text
        metadata = sent[-1]
        assert metadata is not None
        return bool(metadata["form_answers"])

    assert say("hello") is False  # no intake yet
    saved = client.post(
        "/api/internal/intakes",
        headers=internal_headers,
        json={"conversation_id": token, "language": "am", "answers": [], "complete": False},
    )
    assert saved.status_code == 200, saved.text
    assert say("my name") is False  # answers from the chat only
    post_section(client, token, "personal", {"q.date_of_birth": "15-03-1990", "q.municipality": HOORN})
    assert say("back in the chat") is True


@pytest.mark.parametrize(
    ("metadata", "asked"), [({"form_answers": False}, False), ({"form_answers": True}, True), ({}, True)]
)
def test_the_action_server_asks_for_form_answers_only_when_there_may_be_some(
    monkeypatch: pytest.MonkeyPatch, metadata: dict[str, Any], asked: bool
) -> None:
    calls: list[str] = []

    async def from_form(conversation_id: str) -> list[dict[str, Any]]:
        calls.append(conversation_id)
        return []

    monkeypatch.setattr(intake_form, "answers_from_form", from_form)
    message = {"text": "ok", "intent": {"name": "affirm", "confidence": 0.9}, "entities": [], "metadata": metadata}
    tracker = Tracker("sender", {"language": "am"}, message, [], False, None, {"name": "intake_form"}, "action_listen")
    assert run_in_own_loop(ValidateIntakeForm._answers_from_form(tracker)) == {}
    assert calls == (["sender"] if asked else [])
