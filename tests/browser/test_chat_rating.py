"""The rating after sending (issue #12; static/chat-rating.js) in a real browser at phone size, in
Arabic (right to left): ten labelled numbers of at least 44 px, usable with the keyboard, an
optional comment, refusals in the person's language, "thank you", and no accessibility violation.

The backend runs alone (no Rasa): walking the whole intake through Rasa to its last message would
test the intake again, not the rating. The page is given the conversation as chat.js keeps it on
the phone after the last turn: the gateway's message after sending, with its link to the person's
answers (the link the gateway adds after sending is tested in tests/backend/test_documents.py), and
the intake is sent the way the action server sends it.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from backend.api.chat import ui_texts
from backend.documents import own_answers
from backend.models import StaffRole
from backend.nlg.texts import RESPONSES, UI_TEXTS
from locales import translate
from tests.browser.test_chat_page import PHONE
from tests.browser.test_workspace import assert_accessible, log_in, new_page
from tests.support.axe import axe_violations, describe
from tests.support.workspace import WorkspaceBackend, workspace_backend
from tests.system_fixtures import create_staff
from tools.paths import VAR_DIR

SCREENSHOTS = VAR_DIR / "test-artifacts"
HOORN = "0405"
LANGUAGE = "ar"


@pytest.fixture(scope="module")
def backend() -> Iterator[WorkspaceBackend]:
    with workspace_backend() as running:
        yield running


def send_intake(backend: WorkspaceBackend, complete: bool) -> tuple[str, str]:
    """An intake as the action server saves it, for a conversation of the phone's id; returns (id, intake id)."""
    conversation = secrets.token_urlsafe(32)
    body = {
        "conversation_id": conversation,
        "language": LANGUAGE,
        "answers": [
            {"question_id": "municipality", "value": HOORN},
            {"question_id": "full_name", "value": "عمر الخطيب", "original_text": "عمر الخطيب"},
        ],
        "complete": complete,
    }
    headers = {"Authorization": f"Bearer {backend.internal_api_token}"}
    response = httpx.post(f"{backend.url}/api/internal/intakes", json=body, headers=headers, timeout=30)
    response.raise_for_status()
    return conversation, str(response.json()["intake_id"])


def phone_state(conversation: str) -> dict[str, Any]:
    """What chat.js keeps on the phone (localStorage) after the gateway's message after sending."""
    sent = translate(LANGUAGE, RESPONSES["utter_intake_submitted"].text)
    link = {
        "title": translate(LANGUAGE, own_answers.DOWNLOAD),
        "url": f"/api/chat/conversations/{conversation}/answers.pdf",
    }
    return {
        "conversationId": conversation,
        "language": LANGUAGE,
        "direction": "rtl",
        "ui": ui_texts(LANGUAGE),
        "transcript": [
            {"from": "user", "text": "نعم"},
            {"from": "bot", "text": sent, "buttons": [], "link": link},
        ],
        "outbox": [],
    }


def open_phone(browser: Browser, backend: WorkspaceBackend, conversation: str) -> tuple[Page, list[str]]:
    context = browser.new_context(viewport=PHONE, locale=LANGUAGE)
    page = context.new_page()
    problems: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            problems.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    # Kept on the phone before the chat page opens (a file of the same origin, where no chat.js runs).
    page.goto(backend.url + "/static/manifest.webmanifest")
    page.evaluate("state => localStorage.setItem('intake-chat-v1', state)", json.dumps(phone_state(conversation)))
    page.goto(backend.url + "/")
    expect(page.locator(".calendar-link")).to_have_attribute(
        "href", f"/api/chat/conversations/{conversation}/answers.pdf"
    )
    return page, problems


def t(key: str) -> str:
    text = translate(LANGUAGE, UI_TEXTS[key])
    assert text != UI_TEXTS[key], f"not translated into Arabic: {key}"
    return text


def test_the_person_rates_the_chat_after_sending(browser: Browser, backend: WorkspaceBackend) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    conversation, intake_id = send_intake(backend, complete=True)
    page, problems = open_phone(browser, backend, conversation)

    rating = page.locator("#rating")
    expect(rating).to_be_visible()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    # The panel takes room from the chat; the message after sending and its link stay in view.
    expect(page.locator(".calendar-link")).to_be_in_viewport()
    expect(page.locator("#rating-question")).to_have_text(t("rating_question"))
    expect(page.locator("#rating-scale")).to_have_text(t("rating_scale"))
    expect(page.locator("label[for=rating-comment]")).to_have_text(t("rating_comment"))
    scores = page.locator(".rating-score")
    expect(scores).to_have_count(10)
    for n in range(10):
        expect(scores.nth(n)).to_have_text(str(n + 1))
        box = scores.nth(n).bounding_box()
        assert box is not None and box["width"] >= 44 and box["height"] >= 44, box
    # Right to left: 1 is at the right, 2 left of it.
    first, second = scores.nth(0).bounding_box(), scores.nth(1).bounding_box()
    assert first is not None and second is not None and first["x"] > second["x"]
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    page.screenshot(path=str(SCREENSHOTS / "chat-rating-ar.png"), full_page=True)

    # Sending without a number: said in Arabic, nothing sent.
    page.click("#rating-send")
    expect(page.locator("#rating-error")).to_have_text(t("rating_choose"))

    # With the keyboard only: from 1, Tab to 8, Space chooses it.
    page.focus("[data-score='1']")
    for _ in range(7):
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(page.locator("[data-score='8']")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".rating-score[aria-pressed=true]")).to_have_count(1)
    expect(page.locator("#rating-error")).to_be_hidden()

    # A BSN in the comment is refused by the server, in Arabic; the comment stays to be corrected.
    page.fill("#rating-comment", "رقمي 111222333")
    page.click("#rating-send")
    bsn_message = translate(LANGUAGE, RESPONSES["utter_invalid_bsn"].text)
    expect(page.locator("#rating-error")).to_have_text(bsn_message)
    expect(page.locator("#rating-comment")).to_have_value("رقمي 111222333")

    page.fill("#rating-comment", "كانت المحادثة واضحة")
    page.click("#rating-send")
    expect(page.locator("#rating-thanks")).to_have_text(t("rating_thanks"))
    expect(page.locator("#rating-thanks")).to_be_focused()
    expect(page.locator("#rating-form")).to_be_hidden()
    violations = axe_violations(page)
    assert violations == [], describe(violations)

    # Stored: the case manager of Hoorn reads it in the intake.
    username, password = create_staff(backend.database_url, StaffRole.CASE_MANAGER, (HOORN,))
    detail = httpx.get(f"{backend.url}/api/intakes/{intake_id}", headers=backend.bearer(username, password)).json()
    assert detail["rating"]["score"] == 8 and detail["rating"]["comment"] == "كانت المحادثة واضحة"
    staff = new_page(browser)
    log_in(staff.page, f"{backend.url}/werkplek/intakes/{intake_id}", username, password)
    expect(staff.page.locator("#intake-rating")).to_have_text("8 van 10")
    expect(staff.page.locator("#intake-rating-comment q")).to_have_text("كانت المحادثة واضحة")
    expect(staff.page.locator("#intake-rating-comment q")).to_have_attribute("lang", "ar")
    assert_accessible(staff.page)
    # The figures count it (one rating: fewer than 5) and never show the comment.
    staff.page.goto(f"{backend.url}/werkplek/cijfers")
    expect(staff.page.locator("#figures-satisfaction tr[data-key='total'] td").first).to_have_text("<5")
    expect(staff.page.locator("#chart-satisfaction-title")).to_have_text("Waarderingen per cijfer")
    assert "كانت المحادثة واضحة" not in staff.page.content()
    assert_accessible(staff.page)
    assert staff.problems == []
    staff.page.close()

    # Rated: after a reload the question is not asked again.
    page.reload()
    expect(page.locator(".calendar-link")).to_be_visible()
    page.wait_for_load_state("networkidle")
    expect(rating).to_be_hidden()
    assert problems == []
    page.context.close()


def test_no_rating_before_the_answers_were_sent(browser: Browser, backend: WorkspaceBackend) -> None:
    # The page asks the server (the link alone is not enough): an intake not sent is not rated.
    conversation, _intake_id = send_intake(backend, complete=False)
    page, problems = open_phone(browser, backend, conversation)
    page.wait_for_load_state("networkidle")
    expect(page.locator("#rating")).to_be_hidden()
    assert problems == []
    page.context.close()
