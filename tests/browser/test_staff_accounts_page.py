"""The administrators' staff accounts page (/werkplek/medewerkers) in a real browser: an
administrator logs in, makes a volunteer's account (the generated password shown once, and it
works), sees a refused password in Dutch beside the form, deactivates the account; axe-core finds
no accessibility violation. The backend runs alone (no Rasa)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from backend.models import StaffRole
from tests.support.axe import axe_violations, describe
from tests.support.workspace import WorkspaceBackend, workspace_backend
from tests.system_fixtures import create_staff


@pytest.fixture(scope="module")
def backend() -> Iterator[WorkspaceBackend]:
    with workspace_backend() as running:
        yield running


def _accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def _login_works(backend: WorkspaceBackend, username: str, password: str) -> bool:
    answer = httpx.post(f"{backend.url}/api/auth/login", json={"username": username, "password": password})
    return answer.status_code == 200


def test_an_administrator_makes_and_deactivates_an_account(browser: Browser, backend: WorkspaceBackend) -> None:
    admin, password = create_staff(backend.database_url, StaffRole.ADMINISTRATOR, ())
    page = browser.new_page(viewport={"width": 820, "height": 1180}, locale="nl-NL")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{backend.url}/werkplek/inloggen")
    page.fill("#login-username", admin)
    page.fill("#login-password", password)
    page.click("#login-submit")
    page.get_by_role("link", name="Medewerkers").click()
    expect(page.locator("h1")).to_have_text("Medewerkers")
    _accessible(page)

    form = page.locator("#new-account")
    form.get_by_label("Gebruikersnaam", exact=True).fill("semhar.t")
    form.get_by_label("Naam", exact=True).fill("Semhar Tesfay")
    form.get_by_label("Rol", exact=True).select_option("volunteer")
    form.get_by_label("Hoorn").check()
    form.get_by_label("Wachtwoord").fill("kort")
    form.get_by_role("button", name="Account aanmaken").click()
    expect(page.locator("#new-account [role=alert]")).to_have_text("Het wachtwoord moet minstens 12 tekens lang zijn.")
    _accessible(page)

    form = page.locator("#new-account")
    form.get_by_label("Gebruikersnaam", exact=True).fill("semhar.t")
    form.get_by_label("Naam", exact=True).fill("Semhar Tesfay")
    form.get_by_label("Rol", exact=True).select_option("volunteer")
    form.get_by_label("Hoorn").check()
    form.get_by_role("button", name="Account aanmaken").click()
    notice = page.locator("#staff-notice")
    expect(notice).to_contain_text("Account semhar.t is aangemaakt.")
    shown = re.search(r"alleen nu getoond\): (\S+)", notice.inner_text())
    assert shown is not None
    assert _login_works(backend, "semhar.t", shown.group(1))
    row = page.locator('#staff-accounts tr[data-username="semhar.t"]')
    expect(row).to_contain_text("vrijwilliger")
    expect(row).to_contain_text("Hoorn")
    _accessible(page)

    account = page.locator("#account-semhar\\.t")
    account.locator("summary").click()
    account.get_by_role("button", name="Deactiveren").click()
    expect(page.locator("#staff-notice")).to_contain_text("is gedeactiveerd")
    expect(page.locator('#staff-accounts tr[data-username="semhar.t"]')).to_contain_text("gedeactiveerd")
    assert not _login_works(backend, "semhar.t", shown.group(1))
    _accessible(page)
    assert errors == []
