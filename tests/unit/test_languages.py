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
