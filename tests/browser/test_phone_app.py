"""The chat as a phone app (issue #13): offline outbox, read aloud, progress bar, touch targets.

The real system (backend, Rasa, action server, PostgreSQL, Redis) in Debian's headless Chromium
at phone size.
"""

from __future__ import annotations

import re

from playwright.sync_api import Browser, BrowserContext, Page, expect

from backend.models import StaffRole
from backend.nlg import texts
from forms import load_schema
from locales import translate
from tests.browser.test_chat_page import PHONE, SCREENSHOTS, tap, type_answer
from tests.e2e.intake_driver import fields_by_id
from tests.e2e.test_conversations import find_intake, saved_answers
from tests.system_fixtures import create_staff
from tools.run import RunningSystem

MIN_TOUCH_PX = 44


def phone(browser: Browser, language: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport=PHONE, locale=language, has_touch=True, is_mobile=True)
    return context, context.new_page()


def prompt(language: str, question: str) -> str:
    return translate(language, load_schema().question(question).prompt)


def ui(language: str, key: str) -> str:
    return translate(language, texts.UI_TEXTS[key])


def assert_touch_targets(page: Page) -> None:
    """Every visible button and link on the page is at least 44 x 44 CSS pixels."""
    small = page.evaluate(
        """(min) => Array.from(document.querySelectorAll('button, a[href], textarea, input'))
             .filter((e) => e.offsetParent !== null)
             .map((e) => [e.id || e.className || e.textContent.trim(), e.getBoundingClientRect()])
             .filter(([, r]) => r.width < min || r.height < min)
             .map(([name, r]) => name + ' ' + Math.round(r.width) + 'x' + Math.round(r.height))""",
        MIN_TOUCH_PX,
    )
    assert small == [], small


def wait_until_controlled(page: Page) -> None:
    """Until the service worker controls the page. (Polled from here: Playwright's own waiting
    evaluates a string, which the page's policy without 'unsafe-eval' refuses.)"""
    for _attempt in range(150):
        if page.evaluate("() => navigator.serviceWorker.controller !== null"):
            return
        page.wait_for_timeout(100)
    raise AssertionError("the service worker did not take control of the page")


def test_answers_typed_offline_arrive_once_and_in_order(browser: Browser, system: RunningSystem) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context, page = phone(browser, "ar")
    page.goto(system.config.backend_url + "/")
    tap(page, "العربية")
    tap(page, translate("ar", "I understand"))
    expect(page.locator(".msg.bot").last).to_contain_text(prompt("ar", "full_name"))
    # The progress bar shows the part of the intake, in Arabic.
    sections = load_schema().sections
    part = translate("ar", texts.UI_TEXTS["progress"]).format(
        number=1, total=len(sections), section=translate("ar", sections[0].title)
    )
    expect(page.locator("#progress-label")).to_have_text(part)
    expect(page.locator("#progress-bar")).to_have_attribute("max", str(len(sections)))
    type_answer(page, "ليلى منصور")
    expect(page.locator(".msg.bot").last).to_contain_text(prompt("ar", "date_of_birth"))
    expect(page.locator(".status").last).to_have_text(ui("ar", "sent"))
    # The service worker keeps the app: it must control the page before the network goes.
    wait_until_controlled(page)
    bot_messages = page.locator(".msg.bot").count()

    context.set_offline(True)
    expect(page.locator("#offline")).to_have_text(ui("ar", "offline"))
    type_answer(page, "١٢/٠٤/١٩٩١")
    type_answer(page, "العراق")
    statuses = page.locator(".status.waiting")
    expect(statuses).to_have_count(2)
    expect(statuses.first).to_have_text(ui("ar", "waiting"))
    page.screenshot(path=str(SCREENSHOTS / "chat-offline-waiting.png"))
    # The app opens again without a network (from the service worker), the two still waiting.
    page.reload()
    expect(page.locator(".status.waiting")).to_have_count(2)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert page.locator(".msg.bot").count() == bot_messages  # nothing answered while offline

    context.set_offline(False)
    expect(page.locator(".status.waiting")).to_have_count(0, timeout=30000)
    expect(page.locator(".msg.bot").last).to_contain_text(prompt("ar", "municipality"))
    # In order, each answered once: the date's reply (the country question) sits between them.
    log = page.locator("#log").inner_text()
    date_at, country_q_at, country_at = (
        log.index("١٢/٠٤/١٩٩١"),
        log.index(prompt("ar", "country_of_origin")),
        log.index("العراق"),
    )
    assert date_at < country_q_at < country_at
    assert log.count(prompt("ar", "country_of_origin")) == 1
    assert log.count(prompt("ar", "municipality")) == 1
    page.screenshot(path=str(SCREENSHOTS / "chat-offline-sent.png"))

    # Stored once each, as the right answers (read by a case manager through the staff API).
    assert len(saved_answers(system, "١٢/٠٤/١٩٩١")) == 1
    assert len(saved_answers(system, "العراق")) == 1
    tap(page, "Hoorn")
    expect(page.locator(".msg.bot").last).to_contain_text(prompt("ar", "phone"))
    manager, password = create_staff(system.config.database_url, StaffRole.CASE_MANAGER, ("0405",))
    fields = fields_by_id(find_intake(system, manager, password, "ليلى منصور"))
    assert fields["date_of_birth"]["value"] == "1991-04-12"
    assert fields["country_of_origin"]["value"] == "IQ"
    context.close()


def test_a_tigrinya_message_is_read_aloud(browser: Browser, system: RunningSystem) -> None:
    context, page = phone(browser, "ti")
    page.goto(system.config.backend_url + "/")
    tap(page, "ትግርኛ")
    speaker = page.locator(".bot-row .speak").last
    expect(speaker).to_have_attribute("aria-label", ui("ti", "read_aloud"))
    speaker.click()
    expect(page.locator("#voice")).to_have_attribute("src", re.compile(r"/speech/[0-9a-f]{32}/0$"))
    source = page.locator("#voice").get_attribute("src")
    assert source is not None
    audio = page.request.get(system.config.backend_url + source)
    assert audio.status == 200 and audio.headers["content-type"].startswith("audio/")
    assert len(audio.body()) > 1000 and audio.body().startswith(b"OggS")
    # The page played it without an error message.
    expect(page.locator(".msg.error")).to_have_count(0)
    # Icons beside the words: the privacy message's button keeps its word; yes/no get icons.
    tap(page, translate("ti", "I understand"))
    expect(page.locator(".msg.bot").last).to_contain_text(prompt("ti", "full_name"))
    help_button = page.locator(".buttons button:not([disabled])", has_text=translate("ti", texts.HELP_BUTTON))
    expect(help_button.locator("svg.icon-help")).to_have_count(1)
    assert_touch_targets(page)
    page.screenshot(path=str(SCREENSHOTS / "chat-tigrinya-read-aloud.png"))
    context.close()


def test_a_language_without_a_voice_says_so_and_offers_other_help(browser: Browser, system: RunningSystem) -> None:
    context, page = phone(browser, "so")
    page.goto(system.config.backend_url + "/")
    tap(page, "Soomaali")
    speaker = page.locator(".bot-row .speak").last  # the Somali privacy message's
    expect(speaker).to_have_attribute("aria-label", ui("so", "read_aloud"), timeout=30000)
    speaker.click()
    expect(page.locator(".msg.note")).to_have_text(ui("so", "no_voice"))
    expect(page.locator(".buttons button", has_text=ui("so", "talk_to_person"))).to_be_visible()
    expect(page.locator(".buttons button", has_text=ui("so", "volunteer"))).to_be_visible()
    assert page.locator("#voice").get_attribute("src") is None  # nothing was asked of the server
    assert_touch_targets(page)
    page.screenshot(path=str(SCREENSHOTS / "chat-somali-no-voice.png"))
    context.close()


def test_the_phones_large_text_setting_makes_the_chat_larger(browser: Browser, system: RunningSystem) -> None:
    context, page = phone(browser, "ar")
    cdp = context.new_cdp_session(page)
    cdp.send("Page.enable")
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 24}})  # the phone's text size: 150 %
    page.goto(system.config.backend_url + "/")
    tap(page, "العربية")
    # The first turn of a system just started can take a while (Rasa loading): up to 30 s.
    expect(page.locator(".buttons button", has_text=translate("ar", "I understand"))).to_be_visible(timeout=30000)
    assert page.evaluate("() => getComputedStyle(document.documentElement).fontSize") == "27px"
    # Still one column on the phone: nothing wider than the screen, every target still large enough.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert_touch_targets(page)
    page.screenshot(path=str(SCREENSHOTS / "chat-large-text.png"))
    context.close()


def test_the_language_choice_is_read_one_language_after_the_other(browser: Browser, system: RunningSystem) -> None:
    context, page = phone(browser, "en")
    page.goto(system.config.backend_url + "/")
    expect(page.locator(".buttons button", has_text="العربية")).to_be_visible()
    # A short clip may end before a check looks, so the page itself notes each button marked and
    # each clip loaded, in order, and the test reads those lists.
    page.evaluate(
        """() => {
            window.marked = []; window.sources = [];
            const note = () => {
                const button = document.querySelector('.buttons button.speaking');
                const name = button ? button.textContent.trim() : null;
                if (name && window.marked[window.marked.length - 1] !== name) window.marked.push(name);
                const src = document.querySelector('#voice').getAttribute('src');
                if (src && window.sources[window.sources.length - 1] !== src) window.sources.push(src);
            };
            new MutationObserver(note).observe(document.body,
                {subtree: true, attributes: true, attributeFilter: ['class', 'src']});
        }"""
    )
    page.locator(".bot-row .speak").first.click()
    # In the order of the buttons, each language in its own voice, its button marked meanwhile.
    # (Functions, not strings: the page's Content Security Policy forbids evaluating strings.)
    page.wait_for_function("() => window.marked.length >= 2 && window.sources.length >= 2", timeout=15000)
    marked = page.evaluate("() => window.marked")
    sources = page.evaluate("() => window.sources")
    assert marked[:2] == ["Nederlands", "English"], marked
    assert sources[:2] == ["/api/chat/speech/welcome/nl", "/api/chat/speech/welcome/en"], sources
    audio = page.request.get(system.config.backend_url + "/api/chat/speech/welcome/nl")
    assert audio.status == 200 and audio.body().startswith(b"OggS")
    # Tapped again while it reads (a dozen clips take half a minute): it stops.
    page.locator(".bot-row .speak").first.click()
    expect(page.locator(".buttons button.speaking")).to_have_count(0)
    assert page.evaluate("() => document.querySelector('#voice').paused")
    context.close()
