"""The case managers' page in a real browser, at tablet size: log in, the intakes of their own
municipality only, one intake with a field's value and source, log out; planning from an
intake's page: invitation, booking, moving with its history, the timeline's PIP deadline; a
volunteer translating a Tigrinya answer from the human translation queue; correcting fields and
confirming a section."""

from __future__ import annotations

import secrets
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from backend.models import StaffRole
from locales import translate
from tests.system_fixtures import create_staff
from tools.paths import VAR_DIR
from tools.run import RunningSystem

SCREENSHOTS = VAR_DIR / "test-artifacts"
TABLET = {"width": 820, "height": 1180}
HOORN, MEDEMBLIK = "0405", "0420"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def dutch_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def watch_csp(page: Page) -> list[str]:
    refused: list[str] = []

    def watch(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    page.on("console", watch)
    return refused


def logged_in_page(browser: Browser, url: str, username: str, password: str) -> tuple[Page, list[str]]:
    """A tablet-sized page on `url` (a staff page link), logged in; and the CSP violations it reports."""
    page = browser.new_page(viewport=TABLET, locale="nl-NL", timezone_id="Europe/Amsterdam")
    refused = watch_csp(page)
    page.goto(url)
    page.fill("#login-username", username)
    page.fill("#login-password", password)
    page.click("#login-submit")
    return page, refused


def submit_intake(system: RunningSystem, municipality: str, name: str) -> str:
    """An intake as the action server sends it (the internal API), for one municipality."""
    return submit_answers(
        system,
        "ar",
        [
            {"question_id": "full_name", "value": name, "original_text": name},
            {"question_id": "date_of_birth", "value": "1990-03-15", "original_text": "١٥/٣/١٩٩٠"},
            {"question_id": "municipality", "value": municipality},
        ],
    )


def submit_answers(system: RunningSystem, language: str, answers: list[dict[str, str]]) -> str:
    body = {"conversation_id": secrets.token_urlsafe(32), "language": language, "answers": answers, "complete": True}
    response = httpx.post(
        f"{system.config.backend_url}/api/internal/intakes",
        json=body,
        headers={"Authorization": f"Bearer {system.config.internal_api_token}"},
        timeout=30,
    )
    response.raise_for_status()
    intake_id: str = response.json()["intake_id"]
    return intake_id


def test_case_manager_reads_own_municipalitys_intake(browser: Browser, system: RunningSystem) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # Markup in a name must stay text: the page never inserts what people typed as HTML.
    name = f"Amina <b>Yusuf</b> {secrets.token_hex(2)}"
    own = submit_intake(system, HOORN, name)
    other = submit_intake(system, MEDEMBLIK, "Helen Tesfay")
    username, password = create_staff(system.config.database_url, StaffRole.CASE_MANAGER, (HOORN,))

    page = browser.new_page(viewport=TABLET, locale="nl-NL", timezone_id="Europe/Amsterdam")
    refused = watch_csp(page)
    response = page.goto(system.config.backend_url + "/staff")  # redirects to /medewerkers
    assert page.url.endswith("/medewerkers")
    assert response is not None and "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator("#view-login")).to_be_visible()

    page.fill("#login-username", username)
    page.fill("#login-password", "not the password")
    page.click("#login-submit")
    expect(page.locator("#message")).to_have_text(translate("nl", "The username or password is not right."))

    page.fill("#login-password", password)
    page.click("#login-submit")
    expect(page.locator("#who-name")).to_contain_text(f"{username} (casemanager, Hoorn)")
    own_row = page.locator(f'.intake-row[data-intake-id="{own}"]')
    expect(own_row).to_be_visible()
    expect(own_row).to_contain_text("Hoorn")
    expect(own_row.locator("a")).to_have_text(name)  # the name as typed, markup as text
    expect(own_row).to_contain_text("Compleet (verstuurd)")
    expect(page.locator(f'.intake-row[data-intake-id="{other}"]')).to_have_count(0)
    expect(page.locator(".intake-row", has_text="Medemblik")).to_have_count(0)
    # The token lives only as long as the tab, never on the device.
    assert page.evaluate("sessionStorage.getItem('intake-staff-token')")
    assert page.evaluate("localStorage.length") == 0
    page.screenshot(path=str(SCREENSHOTS / "staff-intakes.png"))

    own_row.locator("a").click()
    expect(page.locator("#intake-name")).to_have_text(name)
    expect(page.locator("#intake-name b")).to_have_count(0)
    birth = page.locator('.field[data-question="date_of_birth"]')
    expect(birth.locator(".value")).to_have_text("15 maart 1990")
    expect(birth.locator(".source")).to_contain_text("chat")
    expect(birth.locator(".original .words")).to_have_text("١٥/٣/١٩٩٠")
    expect(birth.locator(".original .words")).to_have_attribute("dir", "auto")
    page.screenshot(path=str(SCREENSHOTS / "staff-intake.png"), full_page=True)

    page.click("#logout")
    expect(page.locator("#view-login")).to_be_visible()
    expect(page.locator("#message")).to_have_text("Je bent uitgelogd.")
    expect(page.locator("#intake-sections")).to_be_empty()
    assert page.evaluate("sessionStorage.length") == 0
    assert refused == []
    page.close()


def test_case_manager_plans_moves_and_follows_the_timeline(browser: Browser, system: RunningSystem) -> None:
    """The demo calendar has an office in every municipality and a case manager for all of them."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = f"Samir Haddad {secrets.token_hex(2)}"
    intake = submit_intake(system, HOORN, name)
    username, password = create_staff(system.config.database_url, StaffRole.CASE_MANAGER, (HOORN,))
    page, refused = logged_in_page(
        browser, f"{system.config.backend_url}/medewerkers#/intakes/{intake}", username, password
    )
    expect(page.locator("#intake-name")).to_have_text(name)

    # The timeline: the start estimated from the intake (created today), nothing sent or booked yet.
    estimated = datetime.now(UTC).date()
    expect(page.locator("#timeline-term-start")).to_have_text(
        f"{dutch_date(estimated)} (geschat: de datum van DUO is nog niet vastgelegd)"
    )
    expect(page.locator("#timeline-deadline")).to_contain_text(dutch_date(estimated + timedelta(weeks=10)))
    expect(page.locator("#timeline-appointments")).to_have_text("Nog geen afspraken.")
    expect(page.locator("#next-invitation")).to_have_text("Volgende stap: Eerste uitnodiging.")
    page.click("#invitation-form button[type=submit]")
    invitation = page.locator('#invitations .invitation[data-step="first_invitation"]')
    expect(invitation).to_contain_text("nog geen reactie")

    # Book the earliest time from the intake's page: it appears on the timeline, and answers the invitation.
    page.select_option("#slot-type", "brede_intake")
    page.click("#slot-form button[type=submit]")
    page.locator("#slots .slot button").first.click()
    expect(page.locator("#slot-message")).to_contain_text("Afspraak gemaakt: Brede intake op")
    appointment = page.locator("#timeline-appointments .appointment.booked")
    expect(appointment).to_have_count(1)
    expect(invitation).to_contain_text("gereageerd op")
    booked_at = appointment.locator(".when").inner_text()

    # Move it to another time, with a reason typed in Arabic.
    appointment.get_by_role("button", name="Verplaatsen", exact=True).click()
    form = appointment.locator(".move-form")
    form.locator(".choice input").first.check()
    reason = "المترجم مريض"
    form.get_by_label("Reden van verplaatsen").fill(reason)
    form.get_by_role("button", name="Verplaatsen bevestigen").click()
    expect(page.locator("#timeline-message")).to_contain_text("De afspraak is verplaatst naar")
    expect(appointment).to_have_count(1)
    expect(appointment.locator(".when")).not_to_have_text(booked_at)

    # Its history: booked, then moved by this case manager, with the reason as typed.
    appointment.locator(".appointment-history summary").click()
    moved = appointment.locator('.change[data-action="moved"]')
    expect(moved).to_contain_text(f"verplaatst van {booked_at.split('–')[0]} naar")
    expect(moved.locator(".change-who")).to_have_text(username)
    expect(moved.locator(".change-reason span")).to_have_text(reason)
    expect(moved.locator(".change-reason span")).to_have_attribute("dir", "auto")
    expect(appointment.locator('.change[data-action="booked"]')).to_have_count(1)

    # DUO's date recorded: the PIP deadline is 10 weeks after it, with the days left.
    starts_on = estimated - timedelta(days=7)
    deadline = starts_on + timedelta(weeks=10)
    page.fill("#term-start", starts_on.isoformat())
    page.click("#term-start-form button[type=submit]")
    expect(page.locator("#timeline-term-start")).to_have_text(f"{dutch_date(starts_on)} (vastgelegd)")
    days_left = (deadline - datetime.now(AMSTERDAM).date()).days
    expect(page.locator("#timeline-deadline")).to_have_text(f"{dutch_date(deadline)} (nog {days_left} dagen)")
    expect(page.locator("#intake-deadline")).to_have_text(f"{dutch_date(deadline)} (nog {days_left} dagen)")
    page.screenshot(path=str(SCREENSHOTS / "staff-timeline.png"), full_page=True)
    assert refused == []
    page.close()


def login_headers(system: RunningSystem, username: str, password: str) -> dict[str, str]:
    response = httpx.post(
        f"{system.config.backend_url}/api/auth/login", json={"username": username, "password": password}, timeout=30
    )
    response.raise_for_status()
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def queued_translation(system: RunningSystem, headers: dict[str, str], original: str) -> int:
    """The worker finds no machine model for the language (none is installed in the test system)
    and leaves the answer in the human queue, within one of its rounds."""
    deadline = time.monotonic() + 20
    while True:
        response = httpx.get(f"{system.config.backend_url}/api/translations", headers=headers, timeout=30)
        response.raise_for_status()
        found = [item["id"] for item in response.json() if item["original_text"] == original]
        if found:
            return int(found[0])
        assert time.monotonic() < deadline, "the answer never reached the human translation queue"
        time.sleep(0.3)


def test_volunteer_translates_a_tigrinya_answer(browser: Browser, system: RunningSystem) -> None:
    """A volunteer sees only the translation queue (no intakes), translates a Tigrinya answer no
    machine can, and the case manager sees the Dutch on the intake, made by a person."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    words = f"ሓኪም ክኸውን እደሊ {secrets.token_hex(2)}"
    dutch = "Ik wil arts worden."
    url = system.config.backend_url
    intake = submit_answers(
        system,
        "ti",
        [
            {"question_id": "full_name", "value": "Helen Tesfay", "original_text": "Helen Tesfay"},
            {"question_id": "municipality", "value": HOORN},
            {"question_id": "dream_job", "value": words, "original_text": words},
        ],
    )
    # A volunteer helps in Hoorn: the translation work of that municipality only.
    volunteer, volunteer_password = create_staff(system.config.database_url, StaffRole.VOLUNTEER, (HOORN,))
    manager, manager_password = create_staff(system.config.database_url, StaffRole.CASE_MANAGER, (HOORN,))
    translation_id = queued_translation(system, login_headers(system, volunteer, volunteer_password), words)

    # A link to an intake: a volunteer gets the translation queue, and nothing else.
    page, refused = logged_in_page(browser, f"{url}/medewerkers#/intakes/{intake}", volunteer, volunteer_password)
    expect(page.locator("#who-name")).to_have_text(f"{volunteer} (vrijwilliger, Hoorn)")
    expect(page.locator("#view-vertalen")).to_be_visible()
    assert page.url.endswith("/medewerkers#/vertalen")
    expect(page.locator("#tabs a:visible")).to_have_text(["Vertalen"])
    expect(page.locator("#view-intake")).to_be_hidden()
    expect(page.locator("#intake-sections")).to_be_empty()

    item = page.locator(f'.translation-item[data-translation-id="{translation_id}"]')
    expect(item.locator(".question")).to_have_text(translate("nl", "Work wanted"))
    expect(item).to_contain_text("Taal: Tigrinya")
    expect(item.locator(".translation-label")).to_have_text("wacht op een vertaler")
    original = item.locator(".original .words")
    expect(original).to_have_text(words)
    expect(original).to_have_attribute("lang", "ti")
    expect(original).to_have_attribute("dir", "auto")
    assert "Helen" not in item.inner_text()  # never who wrote it

    # Nothing typed: the API's own Dutch message. Then the translation: the item leaves the list.
    item.get_by_role("button", name="Opslaan").click()
    expect(item.locator(".message")).to_have_text(translate("nl", "Write the Dutch translation."))
    item.get_by_label("Nederlandse vertaling").fill(dutch)
    item.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".translation-done")).to_have_text(
        f"Opgeslagen: je vertaling bij “{translate('nl', 'Work wanted')}”. "
        "De casemanager ziet nu dat een persoon het vertaalde."
    )
    expect(item).to_have_count(0)
    page.screenshot(path=str(SCREENSHOTS / "staff-translations.png"), full_page=True)

    # The intakes list by hand: still only the queue, without the translated answer.
    page.evaluate("location.hash = '#/intakes'")
    expect(page).to_have_url(f"{url}/medewerkers#/vertalen")
    expect(page.locator("#view-intakes")).to_be_hidden()
    expect(page.locator("#translations-count")).not_to_have_text("Laden…")
    expect(item).to_have_count(0)
    page.click("#logout")

    # The case manager sees the Dutch text on the intake, marked as made by a person.
    page.fill("#login-username", manager)
    page.fill("#login-password", manager_password)
    page.click("#login-submit")
    expect(page.locator("#tabs a:visible")).to_have_text(["Intakes", "Afspraken", "Beschikbaarheid", "Vertalen"])
    page.evaluate(f"location.hash = '#/intakes/{intake}'")
    translation = page.locator('.field[data-question="dream_job"] .translation')
    expect(translation.locator(".translation-label")).to_have_text("vertaald door een persoon")
    expect(translation.locator(".words")).to_have_text(dutch)
    detail = httpx.get(f"{url}/api/intakes/{intake}", headers=login_headers(system, manager, manager_password))
    dream = [f for s in detail.json()["sections"] for f in s["fields"] if f["question_id"] == "dream_job"]
    assert dream[0]["translation"] == {
        "status": "human",
        "text_nl": dutch,
        "label": "vertaald door een persoon",
        "route": None,
    }
    assert refused == []
    page.close()


def api_field(detail: dict[str, Any], question_id: str) -> dict[str, Any]:
    return next(f for s in detail["sections"] for f in s["fields"] if f["question_id"] == question_id)


def test_case_manager_corrects_fields_and_confirms_a_section(browser: Browser, system: RunningSystem) -> None:
    """A choice and a date corrected on the page: the new value with the case manager as source,
    the person's answer in the history; an impossible date refused with the API's Dutch message
    and nothing typed lost; a section confirmed with who and when."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    url = system.config.backend_url
    name = f"Yonas Berhe {secrets.token_hex(2)}"
    intake = submit_answers(
        system,
        "ti",
        [
            {"question_id": "full_name", "value": name, "original_text": name},
            {"question_id": "date_of_birth", "value": "1990-03-15", "original_text": "15/3/1990"},
            {"question_id": "municipality", "value": HOORN},
            {"question_id": "partner", "value": "no"},
        ],
    )
    username, password = create_staff(system.config.database_url, StaffRole.CASE_MANAGER, (HOORN,))
    headers = login_headers(system, username, password)

    def read() -> dict[str, Any]:
        response = httpx.get(f"{url}/api/intakes/{intake}", headers=headers, timeout=30)
        response.raise_for_status()
        detail: dict[str, Any] = response.json()
        return detail

    page, refused = logged_in_page(browser, f"{url}/medewerkers#/intakes/{intake}", username, password)
    expect(page.locator("#intake-name")).to_have_text(name)

    # A single choice: a select with the Dutch labels, the current answer chosen.
    partner = page.locator('.field[data-question="partner"]')
    expect(partner.locator(":scope > .value")).to_have_text("Nee")
    partner.get_by_role("button", name="Corrigeren").click()
    form = partner.locator(".correct-form")
    choice = form.get_by_label("Nieuwe waarde")
    expect(choice).to_be_focused()
    expect(choice).to_have_value("no")
    expect(choice.locator("option")).to_have_text(["— Kies —", "Nee", "Ja, in Nederland", "Ja, in een ander land"])
    choice.select_option(label="Ja, in een ander land")
    partner.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "staff-correct.png"))

    # Annuleren first: the form closes, nothing is stored.
    form.get_by_role("button", name="Annuleren").click()
    expect(form).to_have_count(0)
    expect(partner.get_by_role("button", name="Corrigeren")).to_be_focused()
    assert api_field(read(), "partner")["value"] == "no"

    partner.get_by_role("button", name="Corrigeren").click()
    form.get_by_label("Nieuwe waarde").select_option(label="Ja, in een ander land")
    form.get_by_role("button", name="Opslaan").click()
    expect(partner.locator(":scope > .value")).to_have_text("Ja, in een ander land")
    expect(partner.locator(".source")).to_contain_text("casemanager")
    expect(partner.locator('.message[role="status"]')).to_have_text(
        "Opgeslagen. De vorige waarde staat bij de eerdere versies."
    )
    expect(form).to_have_count(0)
    partner.locator(".history summary").click()
    expect(partner.locator(".history summary")).to_have_text("Eerdere versies (1)")
    expect(partner.locator(".history li")).to_have_count(1)
    expect(partner.locator(".history li .value")).to_have_text("Nee")
    expect(partner.locator(".history li")).to_contain_text("(chat ·")
    corrected = api_field(read(), "partner")
    assert corrected["value"] == "abroad" and corrected["source"] == "case_manager"
    assert [(v["value"], v["source"]) for v in corrected["history"]] == [("no", "chat"), ("abroad", "case_manager")]

    # Saved unchanged: said so, and no version more.
    partner.get_by_role("button", name="Corrigeren").click()
    form.get_by_role("button", name="Opslaan").click()
    expect(partner.locator('.message[role="status"]')).to_have_text("Niet gewijzigd: dit is al de huidige waarde.")
    assert len(api_field(read(), "partner")["history"]) == 2

    # A date, typed the Dutch way. An impossible one: the API's Dutch message, the input kept.
    birth = page.locator('.field[data-question="date_of_birth"]')
    birth.get_by_role("button", name="Corrigeren").click()
    date_input = birth.get_by_label("Nieuwe waarde")
    expect(date_input).to_have_value("15-03-1990")
    date_input.fill("30-02-1991")
    birth.get_by_role("button", name="Opslaan").click()
    error = birth.locator('.correct-form .message[role="alert"]')
    expect(error).to_have_text("Ongeldige waarde voor vraag: Geboortedatum")
    expect(date_input).to_have_value("30-02-1991")
    expect(date_input).to_be_focused()
    expect(birth.locator(":scope > .value")).to_have_text("15 maart 1990")
    assert api_field(read(), "date_of_birth")["value"] == "1990-03-15"

    # Confirming the section (by keyboard) re-renders the intake: the open correction survives it.
    personal = page.locator('.section[data-section="personal"]')
    expect(personal.locator(".review-status")).to_have_text("Nog niet bevestigd.")
    personal.get_by_role("button", name="Sectie bevestigen").focus()
    page.keyboard.press("Enter")
    expect(personal.locator(".review-status")).to_contain_text(f"Bevestigd door {username} op ")
    expect(personal.get_by_role("button", name="Opnieuw bevestigen")).to_be_focused()
    expect(personal.locator(".section-review .message")).to_have_text("De sectie is bevestigd.")
    expect(page.locator('.section[data-section="household"] .review-status')).to_have_text("Nog niet bevestigd.")
    expect(date_input).to_have_value("30-02-1991")
    expect(error).to_have_text("Ongeldige waarde voor vraag: Geboortedatum")
    sections = {s["id"]: s for s in read()["sections"]}
    assert sections["personal"]["reviewed_by_name"] == username and sections["personal"]["reviewed_at"]
    assert sections["household"]["reviewed_at"] is None

    date_input.fill("14-02-1991")
    birth.get_by_role("button", name="Opslaan").click()
    expect(birth.locator(":scope > .value")).to_have_text("14 februari 1991")
    expect(birth.locator(".source")).to_contain_text("casemanager")
    birth.locator(".history summary").click()
    expect(birth.locator(".history li .value")).to_have_text("15 maart 1990")
    dated = api_field(read(), "date_of_birth")
    assert [v["value"] for v in dated["history"]] == ["1990-03-15", "1991-02-14"]
    assert dated["source"] == "case_manager"
    assert refused == []
    page.close()
