"""axe-core on the chat page in all twelve languages, at phone size (issue #13, deliverable 6).

Each language is chosen, the privacy notice accepted and the first question shown, so that the
page is checked with everything it has then: the progress bar, messages with their speaker
buttons, answer buttons with icons, the composer and the volunteer's way in. The language choice
is checked once, before any language is chosen.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from forms import load_schema
from locales import languages, translate
from tests.browser.test_chat_page import PHONE, tap
from tests.support.axe import axe_violations, describe
from tools.run import RunningSystem


def test_the_language_choice_has_no_accessibility_violations(browser: Browser, system: RunningSystem) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(system.config.backend_url + "/")
    expect(page.locator(".buttons button", has_text="العربية")).to_be_visible()
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    context.close()


@pytest.mark.parametrize("language", [lang.code for lang in languages()])
def test_the_chat_has_no_accessibility_violations(browser: Browser, system: RunningSystem, language: str) -> None:
    native = next(lang.native_name for lang in languages() if lang.code == language)
    context = browser.new_context(viewport=PHONE, locale=language.replace("_", "-"))
    page = context.new_page()
    page.goto(system.config.backend_url + "/")
    tap(page, native)
    tap(page, translate(language, "I understand"))
    first_question = translate(language, load_schema().question("full_name").prompt)
    expect(page.locator(".msg.bot").last).to_contain_text(first_question)
    expect(page.locator("#progress")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", language.replace("_", "-"))
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    context.close()
