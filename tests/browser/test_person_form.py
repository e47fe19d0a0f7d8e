"""The intake as a web form in the browser (issue #13, deliverable 5), on the running system (real
Rasa, action server, PostgreSQL): an Amharic chat goes to the form, the form fills the same intake
(a refused value shown in Amharic beside its field), and back in the chat the conversation goes on
at the first question nobody answered. axe-core on the form in every language (right to left,
Ethiopic script), with a repeating group's item open."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.db import make_engine
from backend.models import AnswerSource, IntakeAnswer
from backend.nlg.texts import RESPONSES
from backend.person_form import BACK_TO_CHAT, FILL_AS_FORM, SAVE, SAVE_AND_NEXT
from forms import load_schema
from locales import get_language, languages, translate
from tests.browser.test_chat_page import PHONE, tap, type_answer
from tests.support.axe import axe_violations, describe
from tools.run import RunningSystem

LAPTOP = ViewportSize(width=1280, height=800)
PHONE_SIZE = ViewportSize(width=PHONE["width"], height=PHONE["height"])


def answers(system: RunningSystem, question_id: str, intake_id: int | None = None) -> list[IntakeAnswer]:
    """The stored answers to a question (of one intake: the browser tests share one system)."""
    engine = make_engine(system.config.database_url)
    query = select(IntakeAnswer).where(IntakeAnswer.question_id == question_id)
    if intake_id is not None:
        query = query.where(IntakeAnswer.intake_id == intake_id)
    with Session(engine) as session:
        rows = list(session.scalars(query))
        session.expunge_all()
    engine.dispose()
    return rows


def no_violations(page: Page) -> None:
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def am(message: str) -> str:
    return translate("am", message)


def test_the_amharic_form_fills_the_same_intake_as_the_chat(browser: Browser, system: RunningSystem) -> None:
    schema = load_schema()
    context = browser.new_context(viewport=PHONE_SIZE, locale="am")
    page = context.new_page()
    page.goto(system.config.backend_url + "/")
    tap(page, "አማርኛ")
    tap(page, am("I understand"))
    expect(page.locator(".msg.bot").last).to_contain_text(am(schema.question("full_name").prompt))
    name = "ሄኖክ ተስፋዬ ወልደሚካኤል"
    type_answer(page, name)  # the name in the chat
    expect(page.locator(".msg.bot").last).to_contain_text(am(schema.question("date_of_birth").prompt))

    # "Fill in as a form", under the question: the form opens at the question's section.
    page.locator("a", has_text=am(FILL_AS_FORM)).last.click()
    expect(page.locator("h1")).to_have_text(am(schema.section("personal").title))
    expect(page.locator("html")).to_have_attribute("lang", "am")
    # The chat's answer is in the form (its save reaches the backend beside the conversation).
    for _ in range(20):
        if page.locator("#q\\.full_name").input_value() == name:
            break
        page.wait_for_timeout(500)
        page.reload()
    expect(page.locator("#q\\.full_name")).to_have_value(name)

    # A refused value: the chat's Amharic message beside the field, the typed text kept.
    page.fill("#q\\.date_of_birth", "ሰማያዊ")
    page.locator("button.primary", has_text=am(SAVE)).click()
    expect(page.locator("#q\\.date_of_birth-error")).to_have_text(am(RESPONSES["utter_invalid_date"].text))
    expect(page.locator("#q\\.date_of_birth")).to_have_value("ሰማያዊ")
    no_violations(page)

    page.fill("#q\\.date_of_birth", "15-03-1990")
    page.locator("label.choice", has_text="Hoorn").click()
    page.locator("button", has_text=am(SAVE_AND_NEXT)).click()
    expect(page.locator("h1")).to_have_text(am(schema.section("contact").title))
    no_violations(page)

    # Back in the chat: it goes on at the first question nobody answered (the country of origin),
    # not at the date of birth the form answered.
    page.locator("#back-to-chat").click()
    expect(page.locator(".msg.user").last).to_have_text(am(BACK_TO_CHAT))
    expect(page.locator(".msg.bot").last).to_contain_text(am(schema.question("country_of_origin").prompt))
    expect(page).to_have_url(system.config.backend_url + "/")
    # The chat's next answer is read as the answer to that question; the section is then complete
    # (its summary shows the form's answers) and the chat goes on with the phone number.
    type_answer(page, "ሶሪያ")
    expect(page.locator(".msg.bot").last).to_contain_text(am(schema.question("phone").prompt))
    expect(page.locator(".msg.bot").last).to_contain_text("Hoorn")

    # One intake: the name from the chat, the date and municipality from the form, once each.
    named = [a for a in answers(system, "full_name") if a.value == name]
    assert [a.source for a in named] == [AnswerSource.CHAT]
    intake_id = named[0].intake_id
    [birth] = answers(system, "date_of_birth", intake_id)
    assert birth.value == "1990-03-15" and birth.source == AnswerSource.FORM and birth.original_language == "am"
    [municipality] = answers(system, "municipality", intake_id)
    assert municipality.value == "0405" and municipality.source == AnswerSource.FORM
    [country] = answers(system, "country_of_origin", intake_id)
    assert country.value == "SY" and country.source == AnswerSource.CHAT and country.intake_id == birth.intake_id
    context.close()


@pytest.mark.parametrize("language", [lang.code for lang in languages()])
def test_the_form_has_no_accessibility_violations(browser: Browser, system: RunningSystem, language: str) -> None:
    """Every language, with the family section's first child open (a repeating group's item)."""
    context = browser.new_context(viewport=LAPTOP, locale=language.replace("_", "-"))
    page = context.new_page()
    started = page.request.post(system.config.backend_url + "/api/chat/conversations")
    token = started.json()["conversation_id"]
    page.goto(f"{system.config.backend_url}/form/{token}?section=household&lang={language}")
    direction = get_language(language).direction  # type: ignore[union-attr]
    expect(page.locator("html")).to_have_attribute("dir", direction)
    expect(page.locator("html")).to_have_attribute("lang", language.replace("_", "-"))
    page.locator('input[name="q.children"][value="yes"]').check()
    page.locator("button.primary").click()
    expect(page.locator("#q\\.child_date_of_birth\\.0")).to_be_visible()
    no_violations(page)
    expect(page.locator("#back-to-chat")).to_have_text(translate(language, BACK_TO_CHAT))
    context.close()
