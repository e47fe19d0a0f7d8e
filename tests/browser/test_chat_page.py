"""The chat page in a real browser, at phone size: buttons, right-to-left Arabic, Ethiopic script."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from backend.nlg import texts
from forms import load_schema
from locales import translate
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
    expect(page.locator(".msg.bot").last).to_contain_text("عمر الخطيب")  # the section summary
    page.screenshot(path=str(SCREENSHOTS / "chat-arabic-summary.png"))

    # A reload keeps the conversation on the phone.
    page.reload()
    expect(page.locator(".msg.user", has_text="عمر الخطيب")).to_be_visible()
    tap(page, translate("ar", texts.SECTION_CONFIRM_YES))
    phone = translate("ar", load_schema().question("phone").prompt)
    expect(page.locator(".msg.bot").last).to_contain_text(phone)

    # Only the newest question's buttons can be tapped (skip, help); older ones are disabled.
    enabled = page.locator(".buttons button:not([disabled])")
    expect(enabled).to_have_count(2)
    expect(enabled.first).to_have_text(translate("ar", texts.SKIP_BUTTON))
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
