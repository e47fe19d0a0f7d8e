"""Resume anywhere and a real person in the chat, in a real browser at phone size (issue #13):
a second browser context (another phone, a volunteer's laptop) continues the conversation with
the resume code, or with the QR code's link, at the same question; "Start again" asks first; a
case manager takes the chat, writes, and hands it back to the assistant."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from backend import handover
from backend.models import StaffRole
from backend.nlg import texts
from forms import load_schema
from locales import translate
from tests.browser.test_chat_page import PHONE, SCREENSHOTS, open_chat, tap, type_answer
from tests.e2e.test_conversations import saved_answers
from tests.support.axe import axe_violations, describe
from tests.system_fixtures import create_staff
from tools.run import RunningSystem

LAPTOP = {"width": 1024, "height": 768}


def assert_accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def prompt(language: str, question_id: str) -> str:
    return translate(language, load_schema().question(question_id).prompt)


def start_in_arabic(page: Page, name: str) -> None:
    tap(page, "العربية")
    tap(page, translate("ar", "I understand"))
    type_answer(page, name)
    expect(page.locator(".msg.bot").last).to_contain_text(prompt("ar", "date_of_birth"))


def resume_code(page: Page) -> str:
    page.click("#resume-open")
    code = page.locator("#resume-code")
    expect(code).to_have_text(re.compile(r"^[A-Z2-9]{4}-[A-Z2-9]{4}$"))
    expect(page.locator("#resume-share svg")).to_be_visible()
    expect(page.locator("#resume-share")).to_contain_text(translate("ar", texts.UI_TEXTS["resume_intro"]))
    text = code.inner_text()
    page.click("#resume-close")
    return text


def test_a_second_device_continues_at_the_same_question_with_the_code(browser: Browser, system: RunningSystem) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone = open_chat(browser, system)
    start_in_arabic(phone, "ليلى حداد")
    expect(phone.locator("#resume-open")).to_have_text(translate("ar", texts.UI_TEXTS["resume_open"]))
    phone.click("#resume-open")
    expect(phone.locator("#resume-code")).to_be_visible()
    phone.screenshot(path=str(SCREENSHOTS / "chat-resume-code.png"))
    assert_accessible(phone)  # the code, its QR code and the buttons, right to left
    code = phone.locator("#resume-code").inner_text()
    phone.click("#resume-close")

    # A volunteer's laptop: a browser of its own (nothing shared with the phone).
    laptop_context = browser.new_context(viewport=LAPTOP, locale="nl")
    laptop = laptop_context.new_page()
    laptop.goto(system.config.backend_url + "/")
    expect(laptop.locator(".buttons button", has_text="العربية")).to_be_visible()
    laptop.click("#resume-have-code")
    laptop.fill("#resume-input", "WRONG-CODE")
    laptop.click("#resume-go")
    expect(laptop.locator("#resume-enter .resume-error")).to_have_text(translate("en", texts.UI_TEXTS["resume_failed"]))
    laptop.fill("#resume-input", code.lower().replace("-", " "))
    laptop.click("#resume-go")
    # The same conversation, in Arabic, right to left, at the same question with every answer.
    expect(laptop.locator("html")).to_have_attribute("dir", "rtl")
    expect(laptop.locator(".msg.user", has_text="ليلى حداد")).to_be_visible()
    expect(laptop.locator(".msg.bot").last).to_contain_text(prompt("ar", "date_of_birth"))
    laptop.screenshot(path=str(SCREENSHOTS / "chat-resumed-on-laptop.png"))
    type_answer(laptop, "٢٠/١١/١٩٨٨")
    expect(laptop.locator(".msg.bot").last).to_contain_text(prompt("ar", "country_of_origin"))
    # Both answers are in the one intake: the name typed on the phone, the date on the laptop.
    name_rows = saved_answers(system, "ليلى حداد")
    date_rows = saved_answers(system, "٢٠/١١/١٩٨٨")
    assert name_rows and date_rows

    # The phone holds the conversation too: after a reload it shows the laptop's answer.
    phone.reload()
    type_answer(phone, "سوريا")
    expect(phone.locator(".msg.bot").last).to_contain_text(prompt("ar", "municipality"))
    assert saved_answers(system, "سوريا")

    # "Start again" on the laptop: only the laptop leaves (no box to delete the person's answers).
    laptop.click("#restart")
    expect(laptop.locator("#restart-delete")).to_have_count(0)
    laptop.click("#restart-over")
    expect(laptop.locator(".msg.user")).to_have_count(0)
    expect(laptop.locator(".buttons button", has_text="العربية")).to_be_visible()
    phone.reload()
    expect(phone.locator(".msg.user", has_text="سوريا")).to_be_visible()
    assert saved_answers(system, "ليلى حداد")  # nothing closed or deleted
    laptop_context.close()
    phone.close()


def test_the_qr_code_link_opens_the_conversation_and_start_again_asks_first(
    browser: Browser, system: RunningSystem
) -> None:
    phone = open_chat(browser, system)
    start_in_arabic(phone, "سامي يوسف")
    code = resume_code(phone)

    other = browser.new_context(viewport=PHONE, locale="ar")
    second = other.new_page()
    second.goto(system.config.backend_url + "/?resume=" + code)
    expect(second.locator(".msg.user", has_text="سامي يوسف")).to_be_visible()
    expect(second.locator(".msg.bot").last).to_contain_text(prompt("ar", "date_of_birth"))
    assert "resume" not in second.url  # the code leaves the address bar at once
    # The code was used: the same link does not open it a second time.
    third = other.new_page()
    third.goto(system.config.backend_url + "/?resume=" + code)
    # (This browser holds the conversation already, in Arabic: the message is in Arabic.)
    expect(third.locator("#resume-enter .resume-error")).to_have_text(translate("ar", texts.UI_TEXTS["resume_failed"]))
    other.close()

    # "Start again" asks first; continuing keeps everything.
    phone.click("#restart")
    expect(phone.locator("#restart-question")).to_have_text(translate("ar", texts.UI_TEXTS["restart_question"]))
    phone.screenshot(path=str(SCREENSHOTS / "chat-restart-question.png"))
    assert_accessible(phone)
    phone.click("#restart-continue")
    expect(phone.locator("#restart-dialog")).to_have_count(0)
    expect(phone.locator(".msg.user", has_text="سامي يوسف")).to_be_visible()
    # Starting over (and deleting): a new conversation begins; the old one is gone.
    phone.click("#restart")
    phone.check("#restart-delete")
    phone.click("#restart-over")
    expect(phone.locator(".buttons button", has_text="العربية")).to_be_visible()
    expect(phone.locator(".msg.user")).to_have_count(0)
    assert saved_answers(system, "سامي يوسف") == []
    phone.close()


def test_a_case_manager_answers_in_the_chat_from_the_workspace_and_hands_back(
    browser: Browser, system: RunningSystem
) -> None:
    """The issue's check: "talk to a person" is answered by a case manager from the workspace
    and handed back; until the case manager joins the assistant goes on, while they are in the
    chat it is silent, and it asks its question again after."""
    phone = open_chat(browser, system)
    start_in_arabic(phone, "نور الهدى")
    phone.click("#talk-to-person")
    expect(phone.locator("#handover")).to_be_visible()
    expect(phone.locator("#handover-text")).to_have_text(translate("ar", texts.UI_TEXTS["handover_waiting"]))
    expect(phone.locator("#talk-to-person")).to_be_hidden()
    type_answer(phone, "أريد أن أسأل عن السكن")
    expect(phone.locator(".msg.user", has_text="أريد أن أسأل عن السكن")).to_be_visible()

    # The case manager, in the workspace (the municipality is not known yet: every case manager
    # sees the chat, with the conversation so far).
    username, password = create_staff(system.config.database_url, StaffRole.CASE_MANAGER, ("0405",))
    desk = browser.new_context(viewport=LAPTOP, locale="nl-NL", timezone_id="Europe/Amsterdam")
    workspace = desk.new_page()
    workspace.goto(system.config.backend_url + "/werkplek/gesprekken")
    workspace.fill("#login-username", username)
    workspace.fill("#login-password", password)
    workspace.click("#login-submit")
    chat = workspace.locator("article.handover", has=workspace.locator(".line-text", has_text="أريد أن أسأل عن السكن"))
    expect(chat).to_have_count(1)
    expect(chat.locator(".line-text", has_text="نور الهدى")).to_be_visible()  # typed before the request
    chat.get_by_role("button", name="Gesprek overnemen").click()
    chat = workspace.locator("article.handover", has=workspace.locator(".line-text", has_text="أريد أن أسأل عن السكن"))
    chat.get_by_label("Je bericht (de persoon ziet je voornaam en rol)").fill("مرحبا، كيف أساعدك؟")
    chat.get_by_role("button", name="Versturen").click()

    staff_bubble = phone.locator(".msg.staff", has_text="مرحبا، كيف أساعدك؟")
    expect(staff_bubble).to_be_visible(timeout=10_000)
    signature = f"{username} ({translate('ar', 'case manager')})"
    expect(staff_bubble).to_have_attribute("data-name", signature)
    expect(phone.locator("#handover-text")).to_have_text(
        translate("ar", texts.UI_TEXTS["handover_talking"]).replace("{name}", signature)
    )
    type_answer(phone, "شكرا")
    chat = workspace.locator("article.handover", has=workspace.locator(".line-text", has_text="أريد أن أسأل عن السكن"))
    expect(chat.locator(".line-user .line-text", has_text="شكرا")).to_be_visible(timeout=10_000)
    phone.screenshot(path=str(SCREENSHOTS / "chat-person-in-the-chat.png"))
    assert_accessible(phone)  # the bar saying who writes, and their messages
    workspace.screenshot(path=str(SCREENSHOTS / "workspace-chat-live.png"))

    chat.get_by_role("button", name="Teruggeven aan de assistent").click()
    expect(phone.locator("#handover")).to_be_hidden(timeout=10_000)
    expect(phone.locator(".msg.bot", has_text=translate("ar", handover.HANDED_BACK))).to_be_visible()
    # The assistant asks its question again, and the answer goes to it.
    expect(phone.locator(".msg.bot").last).to_contain_text(prompt("ar", "date_of_birth"))
    type_answer(phone, "١/٢/١٩٩٠")
    expect(phone.locator(".msg.bot").last).to_contain_text(prompt("ar", "country_of_origin"))
    desk.close()
    phone.close()
