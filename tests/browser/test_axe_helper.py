"""The accessibility check itself: axe-core finds a known violation and passes a clean page."""

from __future__ import annotations

from playwright.sync_api import Browser

from tests.support.axe import axe_violations, describe

CLEAN = """<!doctype html><html lang="nl"><head><title>Test</title></head>
<body><main><h1>Kop</h1><label for="n">Naam</label><input id="n"></main></body></html>"""


def test_axe_finds_an_image_without_text_and_a_field_without_a_label(browser: Browser) -> None:
    page = browser.new_page()
    page.set_content(CLEAN.replace('<label for="n">Naam</label>', '<img src="x.png">'))
    ids = {v["id"] for v in axe_violations(page)}
    assert {"image-alt", "label"} <= ids
    page.close()


def test_axe_passes_a_clean_page(browser: Browser) -> None:
    page = browser.new_page()
    page.set_content(CLEAN)
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    page.close()
