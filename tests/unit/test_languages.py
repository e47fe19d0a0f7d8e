"""Choosing a language by typing its name, in any script."""

from __future__ import annotations

import pytest

from locales import find_language, get_language


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Arabic", "ar"),
        ("عربي", "ar"),
        ("العربية من فضلك", "ar"),
        ("ትግርኛ", "ti"),
        ("tigrinya please", "ti"),
        ("Nederlands", "nl"),
        ("english", "en"),
        ("ar", "ar"),
        ("دری", "fa_AF"),
        ("Dari", "fa_AF"),
        ("farsi lotfan", "fa"),
        ("فارسی", "fa"),
        ("Türkçe", "tr"),
        ("turkce", "tr"),
        ("af soomaali", "so"),
        ("Kurmancî", "ku"),
        ("kurdi", "ku"),
        ("français svp", "fr"),
        ("አማርኛ", "am"),
        ("pashto", "ps"),
        ("پښتو", "ps"),
    ],
)
def test_language_names(typed: str, code: str) -> None:
    language = find_language(typed)
    assert language is not None and language.code == code


@pytest.mark.parametrize("typed", ["ok", "Hoorn en Enkhuizen", "hello", "", "1"])
def test_not_a_language(typed: str) -> None:
    assert find_language(typed) is None


def test_direction_from_cldr() -> None:
    assert get_language("ar").direction == "rtl"  # type: ignore[union-attr]
    assert get_language("ti").direction == "ltr"  # type: ignore[union-attr]
    assert get_language("fa_AF").direction == "rtl"  # type: ignore[union-attr]
    assert get_language("fa").direction == "rtl"  # type: ignore[union-attr]
    assert get_language("ku").direction == "ltr"  # type: ignore[union-attr]
    assert get_language("ps").direction == "rtl"  # type: ignore[union-attr]
