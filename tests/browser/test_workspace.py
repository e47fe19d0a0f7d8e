"""The staff workspace (server-rendered, /werkplek) in a real browser at tablet size: logging in
with a session cookie and CSRF tokens, the intakes of the case manager's own municipality with
the 10-week clock, one intake by section, correcting and confirming, the translation queue;
axe-core finds no accessibility violation on any page. The backend runs alone (no Rasa)."""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import psycopg
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from backend.models import StaffRole
from tests.support.axe import axe_violations, describe
from tests.support.workspace import WorkspaceBackend, workspace_backend
from tests.system_fixtures import create_staff, seed_calendar
from tools.paths import VAR_DIR

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


@pytest.fixture(scope="module")
def backend() -> Iterator[WorkspaceBackend]:
    with workspace_backend() as running:
        seed_calendar(running.database_url)  # offices, rooms, interpreters, a case manager's hours
        yield running


class Watched:
    """A page, and what refused the Content-Security-Policy and script errors on it."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))

    def _console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            self.problems.append(message.text)


def new_page(browser: Browser) -> Watched:
    page = browser.new_page(viewport=TABLET, locale="nl-NL", timezone_id="Europe/Amsterdam")
    return Watched(page)


def log_in(page: Page, url: str, username: str, password: str) -> None:
    page.goto(url)
    page.fill("#login-username", username)
    page.fill("#login-password", password)
    page.click("#login-submit")


def assert_accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_logging_in_with_a_session_cookie(browser: Browser, backend: WorkspaceBackend) -> None:
    """The login form, a wrong password in Dutch, the cookie's flags, CSRF refusals, logging out."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    username, password = create_staff(backend.database_url, StaffRole.CASE_MANAGER, (HOORN,))
    watched = new_page(browser)
    page = watched.page

    # A page of the workspace without a session: the login form, and back there afterwards.
    response = page.goto(f"{backend.url}/werkplek/intakes?status=submitted")
    assert response is not None
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    expect(page.locator("h1")).to_have_text("Inloggen")
    assert_accessible(page)

    page.fill("#login-username", username)
    page.fill("#login-password", "not the password")
    page.click("#login-submit")
    expect(page.locator("#message")).to_have_text("De gebruikersnaam of het wachtwoord klopt niet.")
    expect(page.locator("#login-username")).to_have_value(username)
    assert_accessible(page)

    page.fill("#login-password", password)
    page.click("#login-submit")
    expect(page.locator("h1")).to_have_text("Intakes")
    assert page.url == f"{backend.url}/werkplek/intakes?status=submitted"
    expect(page.locator("#who-name")).to_have_text(f"{username} (casemanager, Hoorn)")

    cookie = next(c for c in page.context.cookies() if c["name"] == "intake_staff_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert not cookie["secure"]  # only in production (behind TLS); INTAKE_ENVIRONMENT=test here
    assert page.evaluate("document.cookie") == ""  # no script reads it
    # Nothing of the pages is kept on the device (htmx keeps only the path it is on, for the tab).
    stored = page.evaluate("Object.keys(localStorage).concat(Object.keys(sessionStorage))")
    assert stored in ([], ["htmx-current-path-for-history"])

    # The JSON API does not take the cookie: it keeps bearer tokens.
    api = httpx.get(f"{backend.url}/api/intakes", cookies={cookie["name"]: cookie["value"]})
    assert api.status_code == 401

    # A form posted without this session's CSRF token (another site's form) is refused.
    forged = httpx.post(f"{backend.url}/werkplek/uitloggen", cookies={cookie["name"]: cookie["value"]})
    assert forged.status_code == 403
    forged = httpx.post(
        f"{backend.url}/werkplek/uitloggen",
        cookies={cookie["name"]: cookie["value"]},
        data={"csrf_token": "0" * 64},
    )
    assert forged.status_code == 403
    # A login form without its token either.
    no_token = httpx.post(f"{backend.url}/werkplek/inloggen", data={"username": username, "password": password})
    assert no_token.status_code == 403

    page.click("#logout")
    expect(page.locator("#message")).to_have_text("Je bent uitgelogd.")
    assert not [c for c in page.context.cookies() if c["name"] == "intake_staff_session"]
    # The old session is gone on the server too.
    gone = httpx.get(
        f"{backend.url}/werkplek/intakes", cookies={cookie["name"]: cookie["value"]}, follow_redirects=False
    )
    assert gone.status_code == 303 and "/werkplek/inloggen" in gone.headers["location"]
    assert watched.problems == []
    page.close()


def test_intakes_of_own_municipality_with_filters_and_the_clock(browser: Browser, backend: WorkspaceBackend) -> None:
    name = f"Amina <b>Yusuf</b> {secrets.token_hex(2)}"
    own = backend.submit(
        "ar",
        [
            {"question_id": "full_name", "value": name, "original_text": name},
            {"question_id": "date_of_birth", "value": "1990-03-15", "original_text": "١٥/٣/١٩٩٠"},
            {"question_id": "municipality", "value": HOORN},
        ],
    )
    partial = backend.submit(
        "ti",
        [{"question_id": "full_name", "value": "Yonas Berhe"}, {"question_id": "municipality", "value": HOORN}],
        complete=False,
    )
    other = backend.submit(
        "ar",
        [{"question_id": "full_name", "value": "Helen Tesfay"}, {"question_id": "municipality", "value": MEDEMBLIK}],
    )
    username, password = create_staff(backend.database_url, StaffRole.CASE_MANAGER, (HOORN,))
    watched = new_page(browser)
    page = watched.page
    log_in(page, f"{backend.url}/werkplek", username, password)

    expect(page.locator("h1")).to_have_text("Intakes")
    expect(page.locator("#tabs a")).to_contain_text(["Intakes", "Afspraken", "Beschikbaarheid", "Vertalen"])
    expect(page.locator('#tabs a[aria-current="page"]')).to_have_text("Intakes")
    own_row = page.locator(f'.intake-row[data-intake-id="{own}"]')
    expect(own_row.locator("a")).to_have_text(name)  # markup typed by a person stays text
    expect(own_row.locator("a b")).to_have_count(0)
    expect(own_row).to_contain_text("Hoorn")
    expect(own_row).to_contain_text("Arabisch · gestart ")
    expect(own_row.locator(".status")).to_have_text("Compleet (verstuurd)")
    # The 10-week clock: the PIP is due ten weeks after the start (estimated: today, in Amsterdam,
    # also between midnight there and midnight UTC).
    today = datetime.now(AMSTERDAM).date()
    deadline = today + timedelta(weeks=10)
    expect(own_row.locator(".deadline")).to_contain_text(dutch_date(deadline))
    expect(own_row.locator(".deadline .muted")).to_have_text(f"nog {(deadline - today).days} dagen")
    expect(page.locator(f'.intake-row[data-intake-id="{partial}"] .status')).to_have_text("Gedeeltelijk (nog bezig)")
    expect(page.locator(f'.intake-row[data-intake-id="{other}"]')).to_have_count(0)
    expect(page.locator(".intake-row", has_text="Medemblik")).to_have_count(0)
    assert_accessible(page)
    page.screenshot(path=str(SCREENSHOTS / "workspace-intakes.png"), full_page=True)

    # Filters: a plain form; the page says how many there are.
    page.select_option("#filter-complete", "false")
    page.click("#intake-filters button[type=submit]")
    expect(page.locator(f'.intake-row[data-intake-id="{partial}"]')).to_be_visible()
    expect(page.locator(f'.intake-row[data-intake-id="{own}"]')).to_have_count(0)
    expect(page.locator("#filter-complete")).to_have_value("false")
    page.select_option("#filter-complete", "")
    page.fill("#filter-deadline", today.isoformat())  # nothing is due before today
    page.click("#intake-filters button[type=submit]")
    expect(page.locator("#intakes-count")).to_have_text("Geen intakes gevonden.")
    assert_accessible(page)

    # Every read is audited, as the JSON API's are.
    assert watched.problems == []
    page.close()


def api_field(detail: dict[str, Any], question_id: str) -> dict[str, Any]:
    field: dict[str, Any] = next(f for s in detail["sections"] for f in s["fields"] if f["question_id"] == question_id)
    return field


def test_one_intake_by_section(browser: Browser, backend: WorkspaceBackend) -> None:
    """Value, source and time, the person's words beside the Dutch with the translation's status,
    flags; another municipality's intake is not found; the JSON export downloads."""
    words = f"ሓኪም ክኸውን እደሊ {secrets.token_hex(2)}"
    name = f"Helen Tesfay {secrets.token_hex(2)}"
    intake = backend.submit(
        "ti",
        [
            {"question_id": "full_name", "value": name, "original_text": name},
            {"question_id": "date_of_birth", "value": "1990-03-15", "original_text": "15/3/1990"},
            {"question_id": "municipality", "value": HOORN},
            {"question_id": "dream_job", "value": words, "original_text": words},
        ],
    )
    other = backend.submit(
        "ar",
        [{"question_id": "full_name", "value": "Helen Tesfay"}, {"question_id": "municipality", "value": MEDEMBLIK}],
    )
    username, password = create_staff(backend.database_url, StaffRole.CASE_MANAGER, (HOORN,))
    watched = new_page(browser)
    page = watched.page
    log_in(page, f"{backend.url}/werkplek/intakes", username, password)
    page.locator(f'.intake-row[data-intake-id="{intake}"] a').click()

    expect(page.locator("#intake-name")).to_have_text(name)
    expect(page.locator("#intake-head")).to_contain_text("Tigrinya")
    expect(page.locator("#intake-head")).to_contain_text("Compleet (verstuurd)")
    expect(page.locator("#intake-deadline")).to_contain_text(
        dutch_date(datetime.now(AMSTERDAM).date() + timedelta(weeks=10))
    )
    birth = page.locator('.field[data-question="date_of_birth"]')
    expect(birth.locator(".value")).to_have_text("15 maart 1990")
    expect(birth.locator(".source")).to_contain_text("chat · ")
    expect(birth.locator(".original .words")).to_have_text("15/3/1990")
    expect(birth.locator(".original .caption")).to_have_text("Eigen woorden (Tigrinya)")
    dream = page.locator('.field[data-question="dream_job"]')
    expect(dream.locator(".original .words")).to_have_text(words)
    expect(dream.locator(".original .words")).to_have_attribute("lang", "ti")
    expect(dream.locator(".original .words")).to_have_attribute("dir", "auto")
    # Nobody translated it yet (no worker runs here): said so, not left blank.
    expect(dream.locator(".translation-label")).to_have_text("vertaling in behandeling")
    expect(dream.locator(".translation .words")).to_have_text("nog geen vertaling")
    # Unanswered questions on request only.
    expect(page.locator('.field[data-question="phone"]')).to_have_count(0)
    page.click("#show-empty")
    expect(page.locator('.field[data-question="phone"] .value')).to_have_text("(geen antwoord)")
    assert_accessible(page)
    page.screenshot(path=str(SCREENSHOTS / "workspace-intake.png"), full_page=True)

    with page.expect_download() as download:
        page.get_by_text("JSON-export downloaden").click()
    exported = download.value
    assert exported.suggested_filename == f"intake-{intake}.json"
    assert json.loads(Path(exported.path()).read_text(encoding="utf-8"))["intake_id"] == intake

    # Another municipality's intake: not found (its existence is not revealed either).
    response = page.goto(f"{backend.url}/werkplek/intakes/{other}")
    assert response is not None and response.status == 404
    expect(page.locator("#message")).to_have_text("Niet gevonden.")
    assert_accessible(page)
    assert watched.problems == []
    page.close()

    # Every read of the pages is in the audit log, the refused one too, as the API's reads are.
    recorded = audit_actions(backend, username)
    assert {("list_intakes", None), ("read_intake", intake), ("export_intake", intake)} <= recorded
    assert ("read_intake_refused", other) in recorded


def test_correcting_fields_and_confirming_a_section(browser: Browser, backend: WorkspaceBackend) -> None:
    """A choice and a date corrected in place (htmx): the new value with the case manager as
    source, the person's answer in the history; an impossible date refused with the API's Dutch
    message and nothing typed lost; a section confirmed with who and when."""
    name = f"Yonas Berhe {secrets.token_hex(2)}"
    intake = backend.submit(
        "ti",
        [
            {"question_id": "full_name", "value": name, "original_text": name},
            {"question_id": "date_of_birth", "value": "1990-03-15", "original_text": "15/3/1990"},
            {"question_id": "municipality", "value": HOORN},
            {"question_id": "partner", "value": "no"},
        ],
    )
    username, password = create_staff(backend.database_url, StaffRole.CASE_MANAGER, (HOORN,))
    headers = backend.bearer(username, password)

    def read() -> dict[str, Any]:
        response = httpx.get(f"{backend.url}/api/intakes/{intake}", headers=headers, timeout=30)
        response.raise_for_status()
        detail: dict[str, Any] = response.json()
        return detail

    watched = new_page(browser)
    page = watched.page
    log_in(page, f"{backend.url}/werkplek/intakes/{intake}", username, password)
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
    assert_accessible(page)

    # Annuleren first: the form closes, nothing is stored, the focus is back on the button.
    form.get_by_role("link", name="Annuleren").click()
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
    expect(partner.get_by_role("button", name="Corrigeren")).to_be_focused()
    partner.locator(".history summary").click()
    expect(partner.locator(".history summary")).to_have_text("Eerdere versies (1)")
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
    # The first date that is not numeric-valid makes the reader learn every language's month
    # names (about 3 s of CPU, once per process): a longer wait on this busy test machine.
    expect(error).to_have_text("Ongeldige waarde voor vraag: Geboortedatum", timeout=30_000)
    expect(date_input).to_have_value("30-02-1991")
    expect(date_input).to_be_focused()
    expect(birth.locator(":scope > .value")).to_have_text("15 maart 1990")
    assert api_field(read(), "date_of_birth")["value"] == "1990-03-15"
    assert_accessible(page)

    # Confirming the section (by keyboard) changes only its confirmation: the open correction stays.
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
    assert_accessible(page)
    page.screenshot(path=str(SCREENSHOTS / "workspace-correct.png"), full_page=True)
    assert watched.problems == []
    page.close()


def test_correcting_without_javascript(browser: Browser, backend: WorkspaceBackend) -> None:
    """The forms are plain forms: with JavaScript off a correction is still made (and refused
    with the same message), and the CSRF token travels in the form."""
    intake = backend.submit(
        "ar",
        [
            {"question_id": "full_name", "value": "Samir Haddad"},
            {"question_id": "date_of_birth", "value": "1985-07-01"},
            {"question_id": "municipality", "value": HOORN},
        ],
    )
    username, password = create_staff(backend.database_url, StaffRole.CASE_MANAGER, (HOORN,))
    context = browser.new_context(viewport=TABLET, locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    log_in(page, f"{backend.url}/werkplek/intakes/{intake}", username, password)
    birth = page.locator('.field[data-question="date_of_birth"]')
    birth.get_by_role("button", name="Corrigeren").click()
    birth.get_by_label("Nieuwe waarde").fill("31-04-1985")
    birth.get_by_role("button", name="Opslaan").click()
    expect(birth.locator('.message[role="alert"]')).to_have_text(
        "Ongeldige waarde voor vraag: Geboortedatum", timeout=30_000
    )
    birth.get_by_label("Nieuwe waarde").fill("ca. 1985")
    birth.get_by_role("button", name="Opslaan").click()
    expect(birth.locator(":scope > .value")).to_have_text("ongeveer 1985")
    expect(birth.locator(".source")).to_contain_text("casemanager")
    page.locator('.section[data-section="personal"]').get_by_role("button", name="Sectie bevestigen").click()
    expect(page.locator('.section[data-section="personal"] .review-status')).to_contain_text("Bevestigd door")
    context.close()


def test_volunteer_translates_a_tigrinya_answer(browser: Browser, backend: WorkspaceBackend) -> None:
    """A volunteer sees only the translation queue (no intakes), translates a Tigrinya answer no
    machine can, and the case manager sees the Dutch on the intake, made by a person."""
    words = f"ሓኪም ክኸውን እደሊ {secrets.token_hex(2)}"
    dutch = "Ik wil arts worden."
    intake = backend.submit(
        "ti",
        [
            {"question_id": "full_name", "value": "Helen Tesfay", "original_text": "Helen Tesfay"},
            {"question_id": "municipality", "value": HOORN},
            {"question_id": "dream_job", "value": words, "original_text": words},
        ],
    )
    backend.run_translation_pass()  # no model for Tigrinya: to the human queue
    volunteer, volunteer_password = create_staff(backend.database_url, StaffRole.VOLUNTEER, (HOORN,))
    elsewhere, elsewhere_password = create_staff(backend.database_url, StaffRole.VOLUNTEER, (MEDEMBLIK,))
    manager, manager_password = create_staff(backend.database_url, StaffRole.CASE_MANAGER, (HOORN,))
    watched = new_page(browser)
    page = watched.page

    # A volunteer of another municipality does not see it.
    log_in(page, f"{backend.url}/werkplek/vertalen", elsewhere, elsewhere_password)
    expect(page.locator("h1")).to_have_text("Vertalen")
    expect(page.locator(".translation-item", has_text=words)).to_have_count(0)
    page.click("#logout")

    # A link to an intake: a volunteer is refused (and the refusal audited), never shown the intake.
    log_in(page, f"{backend.url}/werkplek/intakes/{intake}", volunteer, volunteer_password)
    expect(page.locator("#message")).to_have_text("Dit mag je niet doen.")
    expect(page.locator("#intake-name")).to_have_count(0)
    assert_accessible(page)
    page.click("text=Naar de startpagina")
    expect(page.locator("#who-name")).to_have_text(f"{volunteer} (vrijwilliger, Hoorn)")
    expect(page.locator("#tabs a")).not_to_contain_text(["Intakes"])
    page.click('#tabs a[data-tab="vertalen"]')
    expect(page.locator("h1")).to_have_text("Vertalen")

    item = page.locator(".translation-item", has_text=words)
    expect(item.locator(".question")).to_have_text("Gewenst werk")
    expect(item).to_contain_text("Taal: Tigrinya")
    expect(item.locator(".translation-label")).to_have_text("wacht op een vertaler")
    original = item.locator(".original .words")
    expect(original).to_have_text(words)
    expect(original).to_have_attribute("lang", "ti")
    expect(original).to_have_attribute("dir", "auto")
    assert "Helen" not in item.inner_text()  # never who wrote it
    assert_accessible(page)

    count = page.locator("#translations-count")
    expect(count).to_contain_text(" om te vertalen")
    waiting = int(count.inner_text().split()[0])  # other tests' answers may wait here too
    # Nothing typed: the API's own Dutch message. Then the translation: the item leaves the list.
    item.get_by_role("button", name="Opslaan").click()
    expect(item.locator(".message")).to_have_text("Schrijf de Nederlandse vertaling.")
    expect(item.get_by_label("Nederlandse vertaling")).to_be_focused()
    assert_accessible(page)
    item.get_by_label("Nederlandse vertaling").fill(dutch)
    item.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".translation-done")).to_have_text(
        "Opgeslagen: je vertaling bij “Gewenst werk”. De casemanager ziet nu dat een persoon het vertaalde."
    )
    expect(item).to_have_count(0)
    left = waiting - 1
    expect(count).to_have_text(
        "Er wacht niets op een vertaling." if left == 0 else f"{left} antwoord{'en' if left > 1 else ''} om te vertalen"
    )
    page.screenshot(path=str(SCREENSHOTS / "workspace-translations.png"), full_page=True)
    page.reload()
    expect(page.locator(".translation-item", has_text=words)).to_have_count(0)
    page.click("#logout")

    # The case manager sees the Dutch text on the intake, marked as made by a person.
    log_in(page, f"{backend.url}/werkplek/intakes/{intake}", manager, manager_password)
    translation = page.locator('.field[data-question="dream_job"] .translation')
    expect(translation.locator(".translation-label")).to_have_text("vertaald door een persoon")
    expect(translation.locator(".words")).to_have_text(dutch)
    expect(page.locator("#tabs a")).to_contain_text(["Intakes", "Afspraken", "Beschikbaarheid", "Vertalen"])
    page.click('#tabs a[data-tab="vertalen"]')
    page.select_option("#translation-status", "machine")
    page.click("#translation-filters button[type=submit]")
    expect(page.locator("#translations-count")).to_have_text("Er zijn geen machinevertalingen om te controleren.")
    assert_accessible(page)
    assert watched.problems == []
    page.close()


def book(backend: WorkspaceBackend, headers: dict[str, str], intake: str) -> dict[str, Any]:
    """The first free time for a brede intake, booked through the JSON API."""
    slots = httpx.get(f"{backend.url}/api/intakes/{intake}/slots", headers=headers, timeout=60)
    slots.raise_for_status()
    booked = httpx.post(
        f"{backend.url}/api/intakes/{intake}/appointments",
        json={"token": slots.json()[0]["token"]},
        headers=headers,
        timeout=60,
    )
    booked.raise_for_status()
    appointment: dict[str, Any] = booked.json()
    return appointment


def audit_actions(backend: WorkspaceBackend, username: str) -> set[tuple[str, str | None]]:
    """(action, object id) of the audit log's entries of one staff member."""
    url = backend.database_url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(url) as connection:
        rows = connection.execute(
            "SELECT e.action, e.object_id FROM audit_event e JOIN staff_user u ON u.id = e.actor_id"
            " WHERE u.username = %s",
            (username,),
        ).fetchall()
    return {(action, object_id) for action, object_id in rows}


def began_an_hour_ago(backend: WorkspaceBackend, appointment_id: str) -> None:
    """Time passes: the appointment began an hour ago (and has no outcome yet)."""
    url = backend.database_url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(
            "UPDATE appointment SET starts_at = now() - interval '1 hour', ends_at = now() WHERE id = %s",
            (appointment_id,),
        )


def test_the_calendar_moving_cancelling_and_outcomes(browser: Browser, backend: WorkspaceBackend) -> None:
    """The coming weeks by day with the person, place, case manager and interpreter; moving to a
    fresh time with a reason, its history; cancelling with a reason; an appointment that began
    without an outcome: recorded as attended after a confirmation."""
    name = f"Amina Yusuf {secrets.token_hex(2)}"
    intake = backend.submit(
        "ar",
        [{"question_id": "full_name", "value": name}, {"question_id": "municipality", "value": HOORN}],
    )
    other = backend.submit(
        "ar",
        [
            {"question_id": "full_name", "value": f"Samir Haddad {secrets.token_hex(2)}"},
            {"question_id": "municipality", "value": HOORN},
        ],
    )
    username, password = create_staff(backend.database_url, StaffRole.CASE_MANAGER, (HOORN,))
    headers = backend.bearer(username, password)
    first = book(backend, headers, intake)
    second = book(backend, headers, other)
    began_an_hour_ago(backend, second["id"])

    watched = new_page(browser)
    page = watched.page
    log_in(page, f"{backend.url}/werkplek/afspraken", username, password)
    expect(page.locator("h1")).to_contain_text("Afspraken")
    item = page.locator(f'#calendar .appointment[data-appointment-id="{first["id"]}"]')
    expect(item).to_contain_text("Brede intake")
    expect(item.get_by_role("link", name=name)).to_have_attribute("href", f"/werkplek/intakes/{intake}")
    expect(item).to_contain_text("Locatie: Gemeentehuis Hoorn")
    expect(item.locator(".status")).to_have_text("gepland")
    assert_accessible(page)

    # Moving: fresh times, one chosen, with a reason; back on the calendar with a notice.
    item.get_by_role("link", name="Verplaatsen").click()
    expect(page.locator("h1")).to_have_text("Afspraak verplaatsen")
    page.get_by_role("button", name="Verplaatsen bevestigen").click()  # the browser asks for a choice
    expect(page.locator("h1")).to_have_text("Afspraak verplaatsen")
    page.locator(".move-choices input").nth(1).check()
    assert_accessible(page)
    page.fill("#move-reason", "Past beter bij de tolk")
    page.get_by_role("button", name="Verplaatsen bevestigen").click()
    expect(page.locator("#message")).to_have_text("De afspraak is verplaatst.")
    moved = page.locator(f'.appointment[data-appointment-id="{first["id"]}"]')
    moved.locator(".appointment-history summary").click()  # loaded by htmx when opened
    expect(moved.locator(".change")).to_have_count(2)
    expect(moved.locator('.change[data-action="moved"]')).to_contain_text("verplaatst van ")
    expect(moved.locator('.change[data-action="moved"]')).to_contain_text("Reden: Past beter bij de tolk")
    expect(moved.locator('.change[data-action="booked"]')).to_contain_text(f"door {username}")

    # Cancelling, with a reason.
    moved.locator("details.cancel summary").click()
    moved.get_by_label("Reden van annuleren").fill("De persoon is verhuisd")
    moved.get_by_role("button", name="Afspraak annuleren").click()
    expect(page.locator("#message")).to_have_text("De afspraak is geannuleerd.")
    cancelled = page.locator(f'.appointment[data-appointment-id="{first["id"]}"]')
    expect(cancelled.locator(".status")).to_have_text("geannuleerd")
    expect(cancelled.locator("details.cancel")).to_have_count(0)

    # Begun without an outcome: listed first; attended, after a confirmation.
    past = page.locator(f'#past-open .appointment[data-appointment-id="{second["id"]}"]')
    expect(past).to_be_visible()
    past.locator("details.outcome-attended summary").click()
    expect(past.locator(".outcome-form p").first).to_have_text(
        "Vastleggen dat de persoon geweest is? Dit kan niet ongedaan worden gemaakt."
    )
    assert_accessible(page)
    past.get_by_role("button", name="Ja, vastleggen").first.click()
    expect(page.locator("#message")).to_have_text("Vastgelegd: de persoon is geweest.")
    expect(page.locator("#past-open")).to_have_count(0)
    page.screenshot(path=str(SCREENSHOTS / "workspace-calendar.png"), full_page=True)
    # The JSON API says the same, with the same Dutch label (one presenter for both).
    listed = {a["id"]: a for a in httpx.get(f"{backend.url}/api/appointments", headers=headers).json()}
    assert (listed[first["id"]]["status"], listed[first["id"]]["status_label"]) == ("cancelled", "geannuleerd")
    assert watched.problems == []
    page.close()


def test_planning_and_the_timeline_on_the_intake(browser: Browser, backend: WorkspaceBackend) -> None:
    """The 10-week clock, the invitation chain, booking from the intake's page (it answers the
    invitation), moving it with a reason in Arabic and its history, DUO's date recorded."""
    name = f"Samir Haddad {secrets.token_hex(2)}"
    intake = backend.submit(
        "ar",
        [{"question_id": "full_name", "value": name}, {"question_id": "municipality", "value": HOORN}],
    )
    username, password = create_staff(backend.database_url, StaffRole.CASE_MANAGER, (HOORN,))
    watched = new_page(browser)
    page = watched.page
    log_in(page, f"{backend.url}/werkplek/intakes/{intake}", username, password)
    expect(page.locator("#intake-name")).to_have_text(name)

    # The start estimated from the intake (created today), nothing sent or booked yet.
    estimated = datetime.now(AMSTERDAM).date()
    expect(page.locator("#timeline-term-start")).to_have_text(
        f"{dutch_date(estimated)} (geschat: de datum van DUO is nog niet vastgelegd)"
    )
    expect(page.locator("#timeline-deadline")).to_contain_text(dutch_date(estimated + timedelta(weeks=10)))
    expect(page.locator("#timeline-appointments")).to_have_text("Nog geen afspraken.")
    expect(page.locator("#next-invitation")).to_have_text("Volgende stap: Eerste uitnodiging.")
    assert_accessible(page)
    page.click("#invitation-form button[type=submit]")
    expect(page.locator("#message")).to_have_text("De volgende stap van de uitnodigingsketen is vastgelegd.")
    invitation = page.locator('#invitations .invitation[data-step="first_invitation"]')
    expect(invitation).to_contain_text("nog geen reactie")
    expect(page.locator("#next-invitation")).to_have_text(
        "Volgende stap: Schriftelijke waarschuwing met tweede uitnodiging."
    )

    # Book the earliest time: it appears on the timeline, and answers the invitation.
    page.select_option("#slot-type", "brede_intake")
    page.click("#slot-form button[type=submit]")
    assert_accessible(page)
    page.locator("#slots .slot button").first.click()
    expect(page.locator("#message")).to_have_text("De afspraak is gemaakt.")
    appointment = page.locator("#timeline-appointments .appointment.booked")
    expect(appointment).to_have_count(1)
    expect(invitation).to_contain_text("gereageerd op")
    booked_at = appointment.locator(".when").inner_text()

    # Move it to another time, with a reason typed in Arabic; back on the intake.
    appointment.get_by_role("link", name="Verplaatsen").click()
    page.locator(".move-choices input").first.check()
    reason = "المترجم مريض"
    page.get_by_label("Reden van verplaatsen").fill(reason)
    page.get_by_role("button", name="Verplaatsen bevestigen").click()
    expect(page.locator("#message")).to_have_text("De afspraak is verplaatst.")
    expect(page.locator("#intake-name")).to_have_text(name)
    expect(appointment).to_have_count(1)
    expect(appointment.locator(".when")).not_to_have_text(booked_at)
    appointment.locator(".appointment-history summary").click()
    moved = appointment.locator('.change[data-action="moved"]')
    expect(moved).to_contain_text(f"verplaatst van {booked_at.split('–')[0]} naar")
    expect(moved.locator(".change-who")).to_have_text(username)
    expect(moved.locator(".change-reason span")).to_have_text(reason)
    expect(moved.locator(".change-reason span")).to_have_attribute("dir", "auto")

    # DUO's date recorded: the PIP deadline is 10 weeks after it, with the days left.
    starts_on = estimated - timedelta(days=7)
    deadline = starts_on + timedelta(weeks=10)
    page.fill("#term-start", starts_on.isoformat())
    page.click("#term-start-form button[type=submit]")
    expect(page.locator("#message")).to_have_text("De startdatum is vastgelegd.")
    expect(page.locator("#timeline-term-start")).to_have_text(f"{dutch_date(starts_on)} (vastgelegd)")
    days_left = (deadline - datetime.now(AMSTERDAM).date()).days
    expect(page.locator("#timeline-deadline")).to_have_text(f"{dutch_date(deadline)} (nog {days_left} dagen)")
    expect(page.locator("#intake-deadline")).to_have_text(f"{dutch_date(deadline)} (nog {days_left} dagen)")
    assert_accessible(page)
    page.screenshot(path=str(SCREENSHOTS / "workspace-timeline.png"), full_page=True)
    assert watched.problems == []
    page.close()


def test_availability_hours_and_absences(browser: Browser, backend: WorkspaceBackend) -> None:
    """Weekly hours changed (a period removed, one added), an absence typed in Amsterdam time
    added and removed again; the API sees the same."""
    username, password = create_staff(backend.database_url, StaffRole.CASE_MANAGER, (HOORN,))
    headers = backend.bearer(username, password)
    resources = httpx.get(f"{backend.url}/api/resources", headers=headers).json()
    room = next(r for r in resources if r["kind"] == "room" and "Hoorn" in r["name"])
    watched = new_page(browser)
    page = watched.page
    log_in(page, f"{backend.url}/werkplek/beschikbaarheid", username, password)
    expect(page.locator("h1")).to_have_text("Beschikbaarheid")
    card = page.locator(f'.resource[data-resource-id="{room["id"]}"]')
    expect(card.locator("h3")).to_have_text(room["name"])
    expect(card.locator(".hours")).to_contain_text("Maandag")
    assert_accessible(page)

    # Monday: the first period emptied (removed), a new one on the empty line.
    card.locator("details.edit-hours summary").click()
    monday = card.locator('.hours-day[data-weekday="0"]')
    monday.get_by_label("Maandag, tijd 1: van").fill("")
    monday.get_by_label("Maandag, tijd 1: tot").fill("")
    last = monday.locator(".period").last
    last.locator('input[name="starts-0"]').fill("13:00")
    last.locator('input[name="ends-0"]').fill("15:30")
    assert_accessible(page)
    card.get_by_role("button", name="Werktijden opslaan").click()
    expect(page.locator("#message")).to_have_text("De werktijden zijn opgeslagen.")
    expect(card.locator(".hours li", has_text="Maandag")).to_have_text("Maandag 13:00–15:30")
    saved = next(r for r in httpx.get(f"{backend.url}/api/resources", headers=headers).json() if r["id"] == room["id"])
    assert [(h["starts"], h["ends"]) for h in saved["hours"] if h["weekday"] == 0] == [("13:00:00", "15:30:00")]

    # An absence tomorrow 09:00-12:00 Amsterdam time, with a reason.
    tomorrow = (datetime.now(AMSTERDAM) + timedelta(days=1)).date()
    card.locator("details.add-absence summary").click()
    card.locator('input[name="from_day"]').fill(tomorrow.isoformat())
    card.locator('input[name="from_time"]').fill("09:00")
    card.locator('input[name="until_day"]').fill(tomorrow.isoformat())
    card.locator('input[name="until_time"]').fill("12:00")
    card.get_by_label("Reden (niet verplicht)").fill("Schilderwerk")
    card.get_by_role("button", name="Toevoegen").click()
    expect(page.locator("#message")).to_have_text("De afwezigheid is toegevoegd.")
    expect(card.locator(".absences li")).to_contain_text("09:00")
    expect(card.locator(".absences li .reason")).to_have_text("Schilderwerk")
    saved = next(r for r in httpx.get(f"{backend.url}/api/resources", headers=headers).json() if r["id"] == room["id"])
    starts = datetime.fromisoformat(saved["absences"][0]["starts_at"]).astimezone(AMSTERDAM)
    assert (starts.date(), starts.hour, starts.minute) == (tomorrow, 9, 0)
    assert_accessible(page)

    card.locator(".absences li").get_by_role("button").click()
    expect(page.locator("#message")).to_have_text("De afwezigheid is verwijderd.")
    expect(card.locator(".absences")).to_have_count(0)
    assert watched.problems == []
    page.close()


def test_a_volunteer_asks_for_a_code_to_help_on_a_phone(browser: Browser, backend: WorkspaceBackend) -> None:
    """The one-time code to type on the person's phone, asked for on the volunteer's own device
    (the old address /medewerkers leads to the workspace)."""
    volunteer, password = create_staff(backend.database_url, StaffRole.VOLUNTEER, (HOORN,))
    watched = new_page(browser)
    page = watched.page
    log_in(page, f"{backend.url}/medewerkers", volunteer, password)
    expect(page.locator("#who-name")).to_have_text(f"{volunteer} (vrijwilliger, Hoorn)")
    page.click("#assist-code-button")
    expect(page.locator("#assist-code-value")).to_have_text(re.compile(r"^\d{3} \d{3}$"))
    expect(page.locator("#assist-code-until")).to_contain_text("één keer te gebruiken")
    assert_accessible(page)
    first = page.locator("#assist-code-value").inner_text()
    page.click("#assist-code-button")  # a new code replaces it
    expect(page.locator("#assist-code-value")).not_to_have_text(first)
    assert watched.problems == []
    page.close()
