"""Dates and names the way they are said at home (issue #10, causes left after set-20): the day of
the month as an ordinal word ("the tenth of Mordad", Turkish "the seventh month's two"), a
two-digit Solar Hijri year said in words, a Turkish month name with its ending written on
("ekim'de", "martta"), and a nickname followed by the real name with a word for "her name"."""

from __future__ import annotations

import pytest

from tests.unit.test_reading_what_set19_taught import value_of


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # Turkish says the day "of the month": "ayın ikisi" (the month's two), "ayın on yedinci günü".
        ("tr", "yedinci ayın ikisi, 1991", "1991-07-02"),
        ("tr", "1984 yılında dördüncü ayın on yedinci günü doğdum", "1984-04-17"),
        ("tr", "sekizinci ayin yirmi biri 1979 herhalde", "~1979-08-21"),  # "probably": approximate
        # Persian ordinals typed in Latin letters, with the ezafe: "dahom-e mordad".
        ("fa", "haftom-e aban 1362 be donya umadam", "1983-10-29"),
        ("fa", "man bistom-e esfand 1370 motevaled shodam", "1992-03-10"),
        ("fa_AF", "panzdahom-e saratan 1365", "1986-07-06"),
        # Ordinal words in the person's own script, as before.
        ("en", "on the twelfth day of the third month 1988", "1988-03-12"),
    ],
)
def test_the_day_as_an_ordinal_word(language: str, text: str, expected: str) -> None:
    assert value_of("date_of_birth", text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # "sixty-six" after a Solar Hijri month is 1366, as "۶۶" is.
        ("fa", "نوزدهم آبان شصت و شش", "1987-11-10"),
        ("fa", "۵ دی هفتاد و دو", "1993-12-26"),
        ("fa_AF", "دهم جدی شصت و هشت", "1989-12-31"),
    ],
)
def test_a_two_digit_year_said_in_words(language: str, text: str, expected: str) -> None:
    assert value_of("date_of_birth", text, language) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 ekim'de doğdum, 1987", "1987-10-03"),
        ("1990 martta, ayın 9'u", "1990-03-09"),
        ("ocakta doğmuşum 1975, 14 ocak", "1975-01-14"),
        ("ekimin 25'i 1993", "1993-10-25"),
    ],
)
def test_a_turkish_month_name_with_its_ending(text: str, expected: str) -> None:
    assert value_of("date_of_birth", text, "tr") == expected


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        ("tr", "mahallede herkes ona Teyze der ama asıl adı Gülizar", "Gülizar"),
        ("ar", "الكل بينادوها ام خالد، بس اسمها الحقيقي سعاد", "سعاد"),
        ("ti", "ሓጎስ ንብሎ፣ ስሙ ግን ተኽለ እዩ", "ተኽለ"),
        ("am", "ሁሉም እማማ ይሏታል፣ ትክክለኛ ስሟ ግን አልማዝ ነው", "አልማዝ"),
        ("en", "the kids call him Baba Jan but his real name is Nasrullah", "Nasrullah"),
    ],
)
def test_a_nickname_then_the_real_name_in_other_languages(language: str, text: str, name: str) -> None:
    assert value_of("full_name", text, language) == name
