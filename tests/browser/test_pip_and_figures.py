"""The PIP draft and the figures pages of the workspace in a real browser: the indications with the
answers they rest on, saving versions through the form, the figures with their SVG charts; axe-core
finds no accessibility violation and the Content-Security-Policy refuses nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from backend.models import StaffRole
from tests.backend.test_pip_drafts import OLDER_LOW_LITERATE
from tests.browser.test_workspace import HOORN, assert_accessible, log_in, new_page
from tests.support.workspace import WorkspaceBackend, workspace_backend
from tests.system_fixtures import create_staff


@pytest.fixture(scope="module")
def backend() -> Iterator[WorkspaceBackend]:
    with workspace_backend() as running:
        yield running


def test_a_case_manager_completes_the_pip_draft_and_sees_the_figures(
    browser: Browser, backend: WorkspaceBackend
) -> None:
    intake_id = backend.submit("ti", [{"question_id": "municipality", "value": HOORN}, *OLDER_LOW_LITERATE])
    username, password = create_staff(backend.database_url, StaffRole.CASE_MANAGER, (HOORN,))
    watched = new_page(browser)
    page = watched.page
    log_in(page, f"{backend.url}/werkplek/intakes/{intake_id}/pip", username, password)

    expect(page.locator("h1")).to_contain_text("PIP-concept")
    expect(page.locator("#pip-notice")).to_contain_text("Concept. De casemanager vult dit plan aan en beslist erover.")
    z_route = page.locator('.indication[data-route="z"]')
    expect(z_route.locator("h3")).to_have_text("Z-route")
    expect(z_route.locator('[data-signal="low_literacy"]')).to_contain_text("Leest eigen taal = Nee")
    expect(z_route.locator('[data-signal="older"]')).to_contain_text("ongeveer 1962")
    expect(page.locator(".indication")).to_have_count(1)
    expect(page.locator('.attention[data-point="finances"]')).to_contain_text("6 maanden")
    assert_accessible(page)

    # A route without its reasons is refused, with what was chosen kept.
    page.select_option("#pip-route", "z")
    page.click("#pip-form button[type=submit]")
    expect(page.locator("#message")).to_have_text("Geef de redenen voor de gekozen route.")
    expect(page.locator("#pip-route")).to_have_value("z")
    assert_accessible(page)

    page.fill("#pip-route_reasons", "Leest en schrijft niet; nooit naar school.")
    page.select_option("#pip-main_goal", "socially_fit")
    page.click("#pip-form button[type=submit]")
    expect(page.locator("#message")).to_have_text("Opgeslagen als versie 1.")
    expect(page.locator('#pip-versions tr[data-version="1"]')).to_contain_text("Z-route")
    expect(page.locator("#pip-route_reasons")).to_have_value("Leest en schrijft niet; nooit naar school.")
    assert_accessible(page)

    # The figures: a tab of its own, charts drawn on the server.
    page.click('#tabs a[data-tab="cijfers"]')
    expect(page.locator("h1")).to_have_text("Cijfers: Hoorn")
    expect(page.locator("svg[role=img]")).to_have_count(7)  # with the ratings per score (issue #12)
    expect(page.locator("#figures-municipalities tr[data-key='0405'] td").first).to_have_text("<5")
    expect(page.locator("#figures-csv")).to_have_attribute("href", "/werkplek/cijfers.csv")
    assert_accessible(page)
    assert watched.problems == []
    page.close()
