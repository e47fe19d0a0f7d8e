"""Dates given by a feast ("on Newroz 1992", "Meskel day, 2010 E.C.", "in Ramadan 2025"): the
feast's day in that year; "after"/"before" the feast leaves the year; "the day after" moves a day.
Our own sentences, each kind in three or more languages."""

from __future__ import annotations

from datetime import date

import pytest

from forms.lexicon import FEASTS
from forms.readers.dates import read_date
from forms.readers.feasts import FEAST_DAYS

TODAY = date(2026, 12, 7)


def read(language: str, text: str) -> str | None:
    reading = read_date(text, language, TODAY)
    return None if reading.value is None else str(reading.value)


def test_every_feast_of_the_word_files_has_its_day_and_every_day_its_words() -> None:
    assert set(FEASTS) == set(FEAST_DAYS)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # Newroz: 21 March; in a Solar Hijri year 1 Farvardin.
        ("ku", "ez roja newrozê 1988 ji dayik bûm", "1988-03-21"),
        ("en", "I was born on Nowruz 1995", "1995-03-21"),
        ("tr", "nevruz 1990 günü doğmuşum", "1990-03-21"),
        ("fa", "روز عید نوروز ۱۳۶۵ به دنیا آمدم", "1986-03-21"),
        ("fa_AF", "نوروز سال ۱۳۶۰ تولد شدم", "1981-03-21"),
        # Christmas, and the Ethiopian Christmas (29 Tahsas, 7 January).
        ("nl", "geboren op eerste kerstdag 1979", "1979-12-25"),
        ("fr", "je suis né le jour de Noël 1983", "1983-12-25"),
        ("en", "xmas 2004", "2004-12-25"),
        ("am", "የገና በዓል ቀን ነው የተወለድኩት 1992", "1992-01-07"),
        ("en", "born on ethiopian christmas 2001", "2001-01-07"),
        ("ti", "በዓል ልደት 1995 እየ ተወሊደ", "1995-01-07"),
        # Meskel (17 Meskerem) and Timket (11 Tir), in a Gregorian or a marked Ethiopian year.
        ("am", "በመስቀል በዓል 2005 ዓ.ም ነው የተወለደው", "2012-09-27"),
        ("ti", "ብመስቀል 1999 ተወሊዳ", "1999-09-28"),  # before a leap year: the 28th
        ("en", "meskel day 2002", "2002-09-27"),
        ("am", "ጥምቀት 1985 ዓ.ም", "1993-01-19"),
        ("ti", "ብጥምቀት 2008 ተወሊዱ", "2008-01-20"),  # in a leap year: the 20th
        ("en", "he was born on timket 2013", "2013-01-19"),
        # The Ethiopian new year, 1 Meskerem (11 September).
        ("am", "እንቁጣጣሽ 1990 ዓ.ም", "1997-09-11"),
        ("ti", "ርእሰ ዓመት 2010", "2010-09-11"),
        ("en", "on ethiopian new year 2014", "2014-09-11"),
        # Easter and the Orthodox Easter (Fasika).
        ("nl", "met pasen 2000 geboren", "2000-04-23"),
        ("am", "ፋሲካ 2010 ነው የተወለደችው", "2010-04-04"),
        ("ti", "ብፋሲካ 2021 ተወሊዱ", "2021-05-02"),
        ("en", "orthodox easter 2019", "2019-04-28"),
        # Eid al-Fitr and Eid al-Adha (the Umm al-Qura calendar; about: countries differ by a day).
        ("ar", "انولدت اول يوم عيد الفطر ٢٠١٠", "~2010-09-10"),
        ("tr", "2014 şeker bayramında doğdu", "~2014-07-28"),
        ("ps", "د کوچني اختر په ورځ ۲۰۱۲ پیدا شوی", "~2012-08-19"),
        ("so", "wuxuu dhashay ciidda carafo 2016", "~2016-09-11"),
        ("ar", "العيد الكبير سنة ٢٠٠٨", "~2008-12-08"),
        ("fa_AF", "روز عید قربان ۲۰۱۵ پیدا شد", "~2015-09-23"),
    ],
)
def test_a_feast_gives_its_day_in_that_year(language: str, text: str, expected: str) -> None:
    assert read(language, text) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "in ramadan 2023", "2023-04"),
        ("ar", "ولدت برمضان ٢٠٢٢", "2022-04"),
        ("tr", "2016 ramazan ayında doğdu", "2016-06"),
        ("so", "bisha ramadaan 2018", "2018-05"),
    ],
)
def test_ramadan_is_a_month(language: str, text: str, expected: str) -> None:
    assert read(language, text) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "a few weeks after christmas 1990", "1990"),
        ("nl", "kort na het suikerfeest van 2011", "2011"),
        ("ar", "قبل العيد الصغير ٢٠٠٥ بشوي", "2005"),
        ("am", "ከመስቀል በፊት 1999", "1999"),
        ("ps", "۲۰۰۳ کال د لوی اختر نه مخکې", "2003"),
        ("so", "ciidda yar ka dib 2017", "2017"),
    ],
)
def test_before_or_after_a_feast_leaves_the_year(language: str, text: str, expected: str) -> None:
    assert read(language, text) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "the day after christmas 1999", "1999-12-26"),
        ("fr", "la veille de Noël 1987", "1987-12-24"),
        ("ku", "roja piştî newrozê 1993", "1993-03-22"),
        ("tr", "nevruzun ertesi günü 1991", "1991-03-22"),
        ("am", "የመስቀል ማግስት 2000", "2000-09-28"),
    ],
)
def test_the_day_before_or_after_a_feast(language: str, text: str, expected: str) -> None:
    assert read(language, text) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("ar", "عيد ميلادي ١٩٩٠", "1990"),  # "my birthday", no feast
        ("am", "ገና አላወቅንም 1990", "1990"),  # "ገና": not yet
        ("ti", "ገና ኣይፈለጥኩን 1988", "1988"),
        ("en", "christmas 1990 or easter 1991", "1991"),  # two feasts: no one day
        ("fa", "۱۰ مهر ۱۳۶۵، روز عید نبود", "1986-10-02"),  # a day said: kept
    ],
)
def test_no_feast_day_where_none_is_meant(language: str, text: str, expected: str) -> None:
    assert read(language, text) == expected
