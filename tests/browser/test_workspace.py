"""The staff workspace (server-rendered, /werkplek) in a real browser at tablet size: logging in
with a session cookie and CSRF tokens, the intakes of the case manager's own municipality with
the 10-week clock, one intake by section, correcting and confirming, the translation queue;
axe-core finds no accessibility violation on any page. The backend runs alone (no Rasa)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import date, timedelta

import httpx
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from backend.models import StaffRole
from tests.support.axe import axe_violations, describe
from tests.support.workspace import WorkspaceBackend, workspace_backend
from tests.system_fixtures import create_staff
from tools.paths import VAR_DIR

SCREENSHOTS = VAR_DIR / "test-artifacts"
TABLET = {"width": 820, "height": 1180}
HOORN, MEDEMBLIK = "0405", "0420"
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
    expect(page.locator("#tabs a")).to_have_text(["Intakes", "Afspraken", "Beschikbaarheid", "Vertalen"])
    expect(page.locator('#tabs a[aria-current="page"]')).to_have_text("Intakes")
    own_row = page.locator(f'.intake-row[data-intake-id="{own}"]')
    expect(own_row.locator("a")).to_have_text(name)  # markup typed by a person stays text
    expect(own_row.locator("a b")).to_have_count(0)
    expect(own_row).to_contain_text("Hoorn")
    expect(own_row).to_contain_text("Arabisch · gestart ")
    expect(own_row.locator(".status")).to_have_text("Compleet (verstuurd)")
    # The 10-week clock: the PIP is due ten weeks after the start (estimated: today).
    deadline = date.today() + timedelta(weeks=10)
    expect(own_row.locator(".deadline")).to_contain_text(dutch_date(deadline))
    expect(own_row.locator(".deadline .muted")).to_have_text(f"nog {(deadline - date.today()).days} dagen")
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
    page.fill("#filter-deadline", date.today().isoformat())  # nothing is due before today
    page.click("#intake-filters button[type=submit]")
    expect(page.locator("#intakes-count")).to_have_text("Geen intakes gevonden.")
    assert_accessible(page)

    # Every read is audited, as the JSON API's are.
    assert watched.problems == []
    page.close()
