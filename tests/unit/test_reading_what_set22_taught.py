"""Causes the held-out set-22 showed, fixed and tested with our own sentences (three or more
languages each where the cause is not one language's word)."""

from __future__ import annotations

from datetime import date

import pytest

from forms import load_schema
from forms.readers import correction_in, read
from forms.readers.dates import read_date
from forms.readers.text import read_email

TODAY = date(2026, 12, 7)


def a_date(language: str, text: str) -> str | None:
    value = read_date(text, language, TODAY).value
    return None if value is None else str(value)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # A word of "about" after the value, with more said after it.
        ("en", "1987 i think, the day nobody knows", "~1987"),
        ("fa", "۱۹۸۳ فکر کنم، روزش یادم نیست", "~1983"),
        ("ps", "۱۹۷۹ شاوخوا، میاشت نه ده معلومه", "~1979"),
        ("en", "2 may 1990 like in my papers", "1990-05-02"),  # "like" before words: exact
        # Yalda night (30 Azar), in a Solar Hijri or a Gregorian year.
        ("fa", "شب یلدا ۱۳۶۹ به دنیا اومدم", "1990-12-21"),
        ("fa_AF", "شب یلدا سال ۱۹۹۴ تولد شدم", "1994-12-21"),
        ("en", "on yalda night 2003", "2003-12-21"),
        # Latin-typed month and ordinal words.
        ("ar", "mawlood 12 tmoz 1993", "1993-07-12"),
        ("ar", "3 7zeran 2001", "2001-06-03"),
        ("fa_AF", "awal hamal 1365", "1986-03-21"),
        ("ti", "ሓሙሻይ መዓልቲ ናይ ሻብዓይ ወርሒ 1999", "1999-07-05"),
        # Another language's month name far from the date is no month ("tiri": Somali "said").
        ("so", "2003 ayuu dhashay sidaas ayay hooyadiis tiri", "2003"),
        # A Solar Hijri month name beside a Gregorian year: the year alone, not a year 622 on.
        ("ti", "kab 1993", "1993"),
        ("en", "hamal 2001", "2001"),
    ],
)
def test_dates_set22_taught(language: str, text: str, expected: str) -> None:
    assert a_date(language, text) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("am", "ዓረብኛ ብቻ ሌላ የለም", ["ar"]),
        ("ti", "ዓረብ ጥራይ ካልእ የለን", ["ar"]),
        ("tr", "sadece arapca baska yok", ["ar"]),
        ("en", "french and some other, i forget the name", ["fr", "other"]),
    ],
)
def test_only_one_language_and_no_other(language: str, text: str, expected: list[str]) -> None:
    question = load_schema().question("other_languages")
    value = read(question, text, language).value
    assert isinstance(value, list) and sorted(value) == sorted(expected)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # Dictated with the name in two words: joined, and checked with the person.
        ("en", "lina haddad at gmail dot com", "linahaddad@gmail.com"),
        ("nl", "samir daoud apenstaartje hotmail punt com", "samirdaoud@hotmail.com"),
        ("so", "hodan cali at yahoo dot com", "hodancali@yahoo.com"),
        # A word for a sign in brackets.
        ("fr", "amani (at) gmail (point) com", "amani@gmail.com"),
        ("nl", "yusuf (apenstaartje) outlook (punt) com", "yusuf@outlook.com"),
        ("tr", "deniz (at) hotmail (nokta) com", "deniz@hotmail.com"),
        # The provider's name typed again after the address puts a typo right.
        ("en", "omar.k@gmal.com sorry gmail", "omar.k@gmail.com"),
        ("ar", "rana.s@hotmial.com لا hotmail", "rana.s@hotmail.com"),
        ("ku", "berfin_d@yahooo.com na yahoo", "berfin_d@yahoo.com"),
    ],
)
def test_emails_set22_taught(language: str, text: str, expected: str) -> None:
    assert read_email(text, language).value == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ar", "بدي ارجع اشتغل بالمطبخ بعد ما اتعلم اللغة منيح"),
        ("en", "i want to go back to my work as a nurse after i learn the language well"),
        ("nl", "ik wil terug naar mijn werk als kok als ik de taal goed ken"),
    ],
)
def test_going_back_to_work_is_no_correction_of_the_language(language: str, text: str) -> None:
    assert correction_in(text, language, ["first_language", "dutch_level", "social_contacts"]) is None


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "go back to the first language question please"),
        ("ar", "ارجع لسؤال اللغة الام"),
        ("nl", "terug naar de vraag over mijn eerste taal"),
    ],
)
def test_going_back_to_a_named_question_still_is(language: str, text: str) -> None:
    found = correction_in(text, language, ["first_language", "dutch_level", "social_contacts"])
    assert found is not None and found[0] == "first_language"
