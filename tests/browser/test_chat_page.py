"""The chat page in a real browser, at phone size: buttons, right-to-left Arabic, Ethiopic script."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from backend.models import StaffRole
from backend.nlg import texts
from forms import load_schema
from locales import translate
from tests.e2e.intake_driver import fields_by_id
from tests.e2e.test_conversations import find_intake, saved_answers
from tests.system_fixtures import create_staff
from tools.paths import VAR_DIR
from tools.run import RunningSystem

SCREENSHOTS = VAR_DIR / "test-artifacts"
PHONE = {"width": 390, "height": 844}


def open_chat(browser: Browser, system: RunningSystem) -> Page:
    page = browser.new_page(viewport=PHONE, locale="ar")
    page.goto(system.config.backend_url + "/")
    return page


def rendered_fonts(page: Page, selector: str) -> set[str]:
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"][-1]
    return {f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}


def tap(page: Page, title: str) -> None:
    page.locator(".buttons button:not([disabled])", has_text=title).first.click()


def type_answer(page: Page, text: str) -> None:
    page.fill("#input", text)
    page.click("#send")


def test_arabic_intake_in_the_browser(browser: Browser, system: RunningSystem) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = open_chat(browser, system)
    expect(page.locator(".buttons button", has_text="العربية")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "chat-language-choice.png"))

    tap(page, "العربية")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("#send")).to_have_text(translate("ar", texts.UI_TEXTS["send"]))
    tap(page, translate("ar", "I understand"))
    expect(page.locator(".msg.bot").last).to_contain_text(translate("ar", load_schema().question("full_name").prompt))

    type_answer(page, "عمر الخطيب")
    expect(page.locator(".msg.user").last).to_have_text("عمر الخطيب")
    type_answer(page, "٢٠/١١/١٩٨٨")
    type_answer(page, "سوريا")
    expect(page.locator(".buttons button:not([disabled])", has_text="Hoorn")).to_be_visible()
    tap(page, "Hoorn")
    # The section's summary above the next question: checked without a turn of its own.
    phone = translate("ar", load_schema().question("phone").prompt)
    expect(page.locator(".msg.bot").last).to_contain_text("عمر الخطيب")
    expect(page.locator(".msg.bot").last).to_contain_text(phone)
    page.screenshot(path=str(SCREENSHOTS / "chat-arabic-summary.png"))

    # A reload keeps the conversation on the phone.
    page.reload()
    expect(page.locator(".msg.user", has_text="عمر الخطيب")).to_be_visible()
    expect(page.locator(".msg.bot").last).to_contain_text(phone)

    # Only the newest question's buttons can be tapped (skip, help, change the summary above).
    enabled = page.locator(".buttons button:not([disabled])")
    expect(enabled).to_have_count(3)
    expect(enabled.first).to_have_text(translate("ar", texts.SKIP_BUTTON))
    change_about_you = translate("ar", texts.CHANGE_BUTTON).format(label=translate("ar", "About you"))
    expect(enabled.last).to_have_text(change_about_you)
    page.close()


def test_tigrinya_is_readable(browser: Browser, system: RunningSystem) -> None:
    page = open_chat(browser, system)
    tap(page, "ትግርኛ")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("html")).to_have_attribute("lang", "ti")
    bubble = page.locator(".msg.bot").last
    privacy = translate("ti", texts.RESPONSES["utter_ask_privacy_acknowledged"].text)
    assert privacy != texts.RESPONSES["utter_ask_privacy_acknowledged"].text  # really Tigrinya
    expect(bubble).to_contain_text(privacy.split("\n\n")[-1])
    # The Ethiopic text is drawn with an Ethiopic font (not empty boxes): ask Chromium which
    # platform fonts it used for the bubble.
    fonts = rendered_fonts(page, ".msg.bot")
    assert any("Ethiopic" in f or "Abyssinica" in f for f in fonts), fonts
    page.screenshot(path=str(SCREENSHOTS / "chat-tigrinya.png"))
    page.close()


def volunteer_code(browser: Browser, system: RunningSystem, username: str, password: str) -> str:
    """The volunteer asks for a one-time code on their own device, the staff page (in Dutch)."""
    own = browser.new_page(locale="nl")
    own.goto(system.config.backend_url + "/medewerkers")
    own.fill("#login-username", username)
    own.fill("#login-password", password)
    own.click("#login-submit")
    own.click("#assist-code-button")
    expect(own.locator("#assist-code-value")).to_have_text(re.compile(r"^\d{3} \d{3}$"))
    expect(own.locator("#assist-code-until")).to_contain_text("één keer te gebruiken")
    own.screenshot(path=str(SCREENSHOTS / "staff-volunteer-code.png"))
    code = own.locator("#assist-code-value").inner_text().replace(" ", "")
    own.close()
    return code


def test_a_volunteer_helps_beside_the_person(browser: Browser, system: RunningSystem) -> None:
    """The volunteer types a one-time code from their own device on the person's phone (no
    password there); the answer given meanwhile is marked as given with their help; the person
    ends it; the page speaks the person's language throughout."""
    volunteer, password = create_staff(system.config.database_url, StaffRole.VOLUNTEER, ())
    page = open_chat(browser, system)
    tap(page, "ትግርኛ")
    tap(page, translate("ti", "I understand"))
    type_answer(page, "ሳባ ገብረመድህን")
    expect(page.locator(".msg.bot").last).to_contain_text(
        translate("ti", load_schema().question("date_of_birth").prompt)
    )

    code = volunteer_code(browser, system, volunteer, password)
    page.click("#volunteer")
    expect(page.locator("#volunteer-login")).to_have_text(translate("ti", texts.UI_TEXTS["volunteer_login"]))
    expect(page.locator("#volunteer-code-label")).to_have_text(translate("ti", texts.UI_TEXTS["volunteer_code"]))
    expect(page.locator("#volunteer-form input[type=password]")).to_have_count(0)  # no password on this phone
    page.fill("#volunteer-code", f"{(int(code) + 1) % 10**6:06d}")
    page.click("#volunteer-login")
    expect(page.locator("#volunteer-error")).to_have_text(translate("ti", texts.UI_TEXTS["volunteer_failed"]))
    page.fill("#volunteer-code", code[:3] + " " + code[3:])
    page.click("#volunteer-login")
    banner = translate("ti", texts.UI_TEXTS["assisted_by"]).format(name=volunteer)
    expect(page.locator("#assisted-text")).to_have_text(banner)
    expect(page.locator("#assistance-stop")).to_have_text(translate("ti", texts.UI_TEXTS["assistance_stop"]))
    expect(page.locator("#volunteer-form")).to_be_hidden()
    assert page.evaluate("localStorage.getItem('intake-chat-v1')").count("access_token") == 0  # no staff token kept
    page.screenshot(path=str(SCREENSHOTS / "chat-volunteer-helping.png"))

    type_answer(page, "12-05-1993")  # entered with the volunteer's help
    # Saving runs beside the chat: the answer is attributed when it reaches the backend (a known
    # race: ended within about a second, the help would not be recorded on it).
    assert saved_answers(system, "12-05-1993")
    page.reload()  # the banner stays while the help lasts
    expect(page.locator("#assisted")).to_be_visible()
    page.click("#assistance-stop")
    expect(page.locator("#assisted")).to_be_hidden()
    type_answer(page, "ኤርትራ")
    expect(page.locator(".buttons button:not([disabled])", has_text="Hoorn")).to_be_visible()
    tap(page, "Hoorn")

    manager, manager_password = create_staff(system.config.database_url, StaffRole.CASE_MANAGER, ("0405",))
    fields = fields_by_id(find_intake(system, manager, manager_password, "ሳባ ገብረመድህን"))
    assert fields["date_of_birth"]["value"] == "1993-05-12" and fields["date_of_birth"]["source"] == "volunteer"
    assert fields["full_name"]["source"] == "chat" and fields["country_of_origin"]["source"] == "chat"
    page.close()
