"""The workspace's chats (/werkplek/gesprekken) in a real browser: a person asked for a person; a
case manager of their municipality takes the chat, writes, and hands it back; the person's phone
(through the chat API) sees who writes; a volunteer of another municipality does not see it;
axe-core finds no violation. The backend runs alone (no Rasa: once a staff member has joined, the
chat gateway does not ask Rasa; until then the assistant goes on, which tests/backend and
tests/browser/test_chat_resume.py show with Rasa)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import httpx
import psycopg
import pytest
from playwright.sync_api import Browser, expect

from backend import handover
from backend.models import StaffRole
from backend.security import token_hash
from locales import translate
from tests.browser.test_workspace import SCREENSHOTS, assert_accessible, log_in, new_page
from tests.support.workspace import WorkspaceBackend, workspace_backend
from tests.system_fixtures import create_staff

HOORN, MEDEMBLIK = "0405", "0420"


@pytest.fixture(scope="module")
def backend() -> Iterator[WorkspaceBackend]:
    with workspace_backend() as running:
        yield running


def person_asking_for_a_person(backend: WorkspaceBackend) -> tuple[str, int]:
    """A person in Arabic in Hoorn who asked for a person; returns the phone's token and the
    handover's id."""
    token: str = httpx.post(f"{backend.url}/api/chat/conversations").json()["conversation_id"]
    body = {
        "conversation_id": token,
        "language": "ar",
        "answers": [{"question_id": "municipality", "value": HOORN}],
        "complete": False,
    }
    headers = {"Authorization": f"Bearer {backend.internal_api_token}"}
    httpx.post(f"{backend.url}/api/internal/intakes", json=body, headers=headers).raise_for_status()
    # The language the person chose (the chat gateway stores it from Rasa's first reply).
    database = backend.database_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(database) as connection:
        connection.execute("UPDATE conversation SET language = 'ar' WHERE token_hash = %s", (token_hash(token),))
    chat = f"{backend.url}/api/chat/conversations/{token}"
    httpx.post(f"{chat}/messages", json={"text": "/human_handoff"}, timeout=30).raise_for_status()
    with psycopg.connect(database) as connection:
        row = connection.execute(
            "SELECT h.id FROM handover h JOIN conversation c ON c.id = h.conversation_id WHERE c.token_hash = %s",
            (token_hash(token),),
        ).fetchone()
    assert row is not None
    return token, int(row[0])


def say(backend: WorkspaceBackend, token: str, text: str) -> None:
    """The person writes once a staff member has joined: kept for them (Rasa is not asked)."""
    sent = httpx.post(
        f"{backend.url}/api/chat/conversations/{token}/messages",
        json={"text": text, "client_message_id": secrets.token_hex(8)},
        timeout=30,
    )
    assert sent.status_code == 200 and sent.json()["messages"] == []


def test_a_case_manager_takes_the_chat_writes_and_hands_back(browser: Browser, backend: WorkspaceBackend) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    words = f"أحتاج مساعدة {secrets.token_hex(2)}"
    token, handover_id = person_asking_for_a_person(backend)
    phone = f"{backend.url}/api/chat/conversations/{token}/handover"
    assert httpx.get(phone).json()["state"] == "waiting"
    article = f"#handover-{handover_id}"

    # A volunteer of another municipality does not see it.
    volunteer, volunteer_password = create_staff(backend.database_url, StaffRole.VOLUNTEER, (MEDEMBLIK,))
    outsider = new_page(browser)
    log_in(outsider.page, f"{backend.url}/werkplek/gesprekken", volunteer, volunteer_password)
    expect(outsider.page.locator("h1")).to_have_text("Mensen die om een medewerker vroegen")
    expect(outsider.page.locator(article)).to_have_count(0)
    outsider.page.close()

    username, password = create_staff(backend.database_url, StaffRole.CASE_MANAGER, (HOORN,))
    watched = new_page(browser)
    page = watched.page
    log_in(page, f"{backend.url}/werkplek/intakes", username, password)
    page.click('#tabs a[data-tab="gesprekken"]')
    chat = page.locator(article)
    expect(chat).to_have_count(1)
    expect(page.locator("#handovers-waiting-count")).to_have_text("1 persoon wacht op een medewerker.")
    assert_accessible(page)
    # A second person asks: the page says so by itself (htmx polls the number), without a reload.
    person_asking_for_a_person(backend)
    expect(page.locator("#handovers-waiting-count")).to_have_text("2 mensen wachten op een medewerker.", timeout=15_000)
    chat.get_by_role("button", name="Gesprek overnemen").click()

    chat = page.locator(article)
    expect(chat.locator(".handover-state")).to_have_text("Je schrijft met deze persoon.")
    # Now someone is there: what the person writes is kept for them and shows on the page.
    say(backend, token, words)
    expect(chat.locator(".line-user .line-text", has_text=words)).to_be_visible(timeout=10_000)
    chat.get_by_label("Je bericht (de persoon ziet je voornaam en rol)").fill("مرحبا، كيف أساعدك؟")
    chat.get_by_role("button", name="Versturen").click()
    chat = page.locator(article)
    expect(chat.locator(".line-staff .line-text")).to_have_text("مرحبا، كيف أساعدك؟")
    assert_accessible(page)
    page.screenshot(path=str(SCREENSHOTS / "workspace-chat.png"))

    # The phone sees the message with the first name and role, in Arabic.
    signature = f"{username} ({translate('ar', 'case manager')})"
    state = httpx.get(phone).json()
    assert state["state"] == "talking" and state["name"] == signature
    assert {"sender": "staff", "text": "مرحبا، كيف أساعدك؟", "name": signature} in [
        {k: m[k] for k in ("sender", "text", "name")} for m in state["messages"]
    ]
    # The person's answer appears on the page by itself (htmx polls the conversation).
    reply = httpx.post(
        f"{backend.url}/api/chat/conversations/{token}/messages",
        json={"text": "شكرا", "client_message_id": secrets.token_hex(8)},
        timeout=30,
    )
    assert reply.status_code == 200
    expect(chat.locator(".line-user .line-text", has_text="شكرا")).to_be_visible(timeout=10_000)

    chat.get_by_role("button", name="Teruggeven aan de assistent").click()
    expect(page.locator(article)).to_have_count(0)
    last = httpx.get(phone).json()
    assert last["state"] == "none" and last["messages"][-1]["text"] == translate("ar", handover.HANDED_BACK)
    assert watched.problems == []
    page.close()
