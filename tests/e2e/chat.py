"""Small clients that talk to the running system the way the phone (or Rasa's REST channel) does."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

import httpx


@dataclass
class Reply:
    texts: list[str]
    buttons: list[dict[str, str]]
    links: list[dict[str, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    def payload(self, title: str) -> str:
        for button in self.buttons:
            if button["title"] == title:
                return button["payload"]
        raise AssertionError(f"no button {title!r} in {[b['title'] for b in self.buttons]}")


@dataclass
class GatewayChat:
    """The phone's way in: the backend's chat gateway."""

    backend_url: str
    conversation_id: str = ""
    language: str | None = None
    direction: str = "ltr"

    def __post_init__(self) -> None:
        response = httpx.post(f"{self.backend_url}/api/chat/conversations", timeout=30)
        response.raise_for_status()
        self.conversation_id = response.json()["conversation_id"]

    def say(self, text: str) -> Reply:
        response = httpx.post(
            f"{self.backend_url}/api/chat/conversations/{self.conversation_id}/messages",
            json={"text": text},
            timeout=30,
        )
        response.raise_for_status()
        turn = response.json()
        self.language, self.direction = turn["language"], turn["direction"]
        messages = turn["messages"]
        return Reply(
            [m["text"] for m in messages],
            [b for m in messages for b in m["buttons"]],
            [m["link"] for m in messages if m.get("link")],
        )


@dataclass
class RasaRestChat:
    """Rasa's REST channel directly, as the gateway uses it."""

    rasa_url: str
    sender: str = field(default_factory=lambda: secrets.token_urlsafe(32))

    def say(self, text: str) -> Reply:
        response = httpx.post(
            f"{self.rasa_url}/webhooks/rest/webhook", json={"sender": self.sender, "message": text}, timeout=30
        )
        response.raise_for_status()
        items: list[dict[str, Any]] = response.json()
        return Reply([i["text"] for i in items if i.get("text")], [b for i in items for b in i.get("buttons", [])])


def staff_get(backend_url: str, username: str, password: str, path: str) -> httpx.Response:
    login = httpx.post(f"{backend_url}/api/auth/login", json={"username": username, "password": password}, timeout=30)
    login.raise_for_status()
    token = login.json()["access_token"]
    return httpx.get(f"{backend_url}{path}", headers={"Authorization": f"Bearer {token}"}, timeout=30)
