"""The staff workspace's Dutch (the `staff` gettext domain, backend/workspace/text.py): the
template holds every text of the workspace, and the nl catalog translates each one, with the
same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from locales import LOCALES_DIR
from tools.catalogs import STAFF_KEYWORDS

PROJECT = LOCALES_DIR.parent
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _keywords() -> dict[str, tuple[int, ...] | None]:
    """tools/catalogs.py's keywords ("ngettext:1,2") as Babel's extractor takes them."""
    keywords: dict[str, tuple[int, ...] | None] = {}
    for keyword in STAFF_KEYWORDS:
        name, _, positions = keyword.partition(":")
        keywords[name] = tuple(int(p) for p in positions.split(",")) if positions else None
    return keywords


def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def _ids(catalog: Catalog) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


def test_staff_template_is_current() -> None:
    """locales/staff.pot holds every text of the workspace (`python -m tools.catalogs extract`)."""
    with (PROJECT / "babel-staff.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(PROJECT), method_map, options_map, keywords=_keywords()
    ):
        found.add(message if isinstance(message, str) else message[0])
    assert found == _ids(_read(LOCALES_DIR / "staff.pot"))


def test_every_workspace_text_is_dutch() -> None:
    catalog = _read(LOCALES_DIR / "nl" / "LC_MESSAGES" / "staff.po")
    assert _ids(catalog) == _ids(_read(LOCALES_DIR / "staff.pot")), "run `python -m tools.catalogs extract`"
    for message in catalog:
        if not message.id:
            continue
        assert not message.fuzzy, f"fuzzy: {message.id!r}"
        sources = [message.id] if isinstance(message.id, str) else list(message.id)
        translations = [message.string] if isinstance(message.string, str) else list(message.string)
        for translated in translations:
            assert translated and translated.strip(), f"not translated: {sources[0]!r}"
            assert set(PLACEHOLDER.findall(translated)) <= set(PLACEHOLDER.findall(sources[-1])), (
                f"placeholders differ in {sources[0]!r}"
            )
        assert set(PLACEHOLDER.findall(translations[-1])) == set(PLACEHOLDER.findall(sources[-1])), sources[0]
