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
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with (LOCALES_DIR.parent / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = {
        m[2]
        for m in extract_from_dir(str(LOCALES_DIR.parent), method_map, options_map)
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
        source, translated = str(message.id), str(message.string or "")
        assert translated.strip(), f"{code}: not translated: {source!r}"
        assert not message.fuzzy, f"{code}: fuzzy: {source!r}"
        assert sorted(PLACEHOLDER.findall(translated)) == sorted(PLACEHOLDER.findall(source)), (
            f"{code}: placeholders differ in {source!r}"
        )
        assert translated.count("\n\n") == source.count("\n\n"), f"{code}: chat bubbles differ in {source!r}"


@pytest.mark.parametrize("code", COMPLETE)
def test_catalog_header_states_how_it_was_made(code: str) -> None:
    catalog = _read(LOCALES_DIR / code / "LC_MESSAGES" / "messages.po")
    assert catalog.plural_forms  # written by `pybabel init` for the locale (Arabic: 6 forms)
    assert catalog.last_translator and "FULL NAME" not in catalog.last_translator
