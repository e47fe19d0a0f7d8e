"""The catalog check: a complete language has every message, translated, with intact placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from locales import LOCALES_DIR, SOURCE_LANGUAGE, languages

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
COMPLETE = [lang.code for lang in languages() if lang.complete and lang.code != SOURCE_LANGUAGE]


def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def _ids(catalog: Catalog) -> set[str]:
    return {str(m.id) for m in catalog if m.id}


TEMPLATE = _read(LOCALES_DIR / "messages.pot")


def test_template_is_current() -> None:
    """messages.pot holds every text of the code and of forms/intake.yaml (run `make extract`)."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with (LOCALES_DIR.parent / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    keywords = {**DEFAULT_KEYWORDS, "N_plural": (1, 2)}  # as tools/catalogs.py extracts
    found = {
        str(m[2])
        for m in extract_from_dir(str(LOCALES_DIR.parent), method_map, options_map, keywords=keywords)
        if not str(m[0]).startswith((".venv", "tests"))
    }
    assert found == _ids(TEMPLATE)


@pytest.mark.parametrize("code", COMPLETE)
def test_complete_catalog(code: str) -> None:
    catalog = _read(LOCALES_DIR / code / "LC_MESSAGES" / "messages.po")
    assert _ids(catalog) == _ids(TEMPLATE), "run `make extract` and translate the new messages"
    for message in catalog:
        if not message.id:
            continue
        assert not message.fuzzy, f"{code}: fuzzy: {message.id!r}"
        if message.pluralizable:
            _check_plural_forms(code, catalog, message.id, message.string)
            continue
        source, translated = str(message.id), str(message.string or "")
        assert translated.strip(), f"{code}: not translated: {source!r}"
        assert sorted(PLACEHOLDER.findall(translated)) == sorted(PLACEHOLDER.findall(source)), (
            f"{code}: placeholders differ in {source!r}"
        )
        assert translated.count("\n\n") == source.count("\n\n"), f"{code}: chat bubbles differ in {source!r}"


def _check_plural_forms(code: str, catalog: Catalog, ids: tuple[str, str], forms: tuple[str, ...]) -> None:
    """Every form of the language (Arabic: six) translated; a form may leave the number out
    ("يومين", two days) but has no placeholder the source lacks; the last, general form keeps all."""
    placeholders = set(PLACEHOLDER.findall(ids[1]))
    assert len(forms) == catalog.num_plurals, f"{code}: {catalog.num_plurals} plural forms needed for {ids[0]!r}"
    for form in forms:
        assert form.strip(), f"{code}: a plural form is not translated: {ids[0]!r}"
        assert set(PLACEHOLDER.findall(form)) <= placeholders, f"{code}: unknown placeholder in {form!r}"
    assert set(PLACEHOLDER.findall(forms[-1])) == placeholders, f"{code}: placeholders missing in {forms[-1]!r}"


@pytest.mark.parametrize("code", COMPLETE)
def test_catalog_header_states_how_it_was_made(code: str) -> None:
    catalog = _read(LOCALES_DIR / code / "LC_MESSAGES" / "messages.po")
    assert catalog.plural_forms  # written by `pybabel init` for the locale (Arabic: 6 forms)
    assert catalog.last_translator and "FULL NAME" not in catalog.last_translator
