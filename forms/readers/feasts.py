"""Dates given by a feast: "roja Newrozê 1992", "መስቀል ቀን፣ 2010 ዓ.ም", "in Ramadan 2025".

People who do not know their date on paper often know it by the feast it fell on. The names of
the feasts live in each language's word file (`calendars.feasts`, keyed by the codes below); when
the feast falls is computed here: the Islamic feasts with `hijridate` (the Umm al-Qura calendar),
the Ethiopian and Solar Hijri ones and Easter with `convertdate`. "After Ramadan 1984", "بعد عيد
قربان" (words of `calendars.around_feasts`) leave the year only; "the day after Newroz" moves one
day.

Where a country started an Islamic month by sighting the moon, its feast may be a day off the
Umm al-Qura date. The person sees the date in the section summary and can put it right.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from convertdate import holidays, islamic, persian
from hijridate import Gregorian, Hijri

from forms.readers.calendars import ETHIOPIAN, GREGORIAN, SOLAR_HIJRI, to_gregorian
from forms.readers.matching import Match, find_in

ISLAMIC, EASTER = "islamic", "easter"
# How many words from the feast's name a word like "after" or "the day after" may stand.
_NEAR = 3


@dataclass(frozen=True)
class Feast:
    calendar: str  # the calendar its day is fixed in (EASTER: computed each year)
    month: int = 0
    day: int | None = None  # None: a month-long feast (Ramadan), stored as a month
    orthodox: bool = False  # Easter as the Orthodox churches reckon it


FEAST_DAYS: dict[str, Feast] = {
    "newroz": Feast(GREGORIAN, 3, 21),  # Kurdish and Afghan Newroz; 1 Farvardin in a Solar Hijri year
    "yalda": Feast(SOLAR_HIJRI, 9, 30),  # the longest night, 20 or 21 December
    "christmas": Feast(GREGORIAN, 12, 25),
    # Genna / Lidet: 29 Tahsas, or 28 after an Ethiopian leap year, so always 7 January.
    "ethiopian_christmas": Feast(GREGORIAN, 1, 7),
    "timket": Feast(ETHIOPIAN, 5, 11),  # Epiphany, 19 January
    "meskel": Feast(ETHIOPIAN, 1, 17),  # the finding of the cross, 27 September
    "ethiopian_new_year": Feast(ETHIOPIAN, 1, 1),  # Enkutatash, 11 September
    "easter": Feast(EASTER),
    "orthodox_easter": Feast(EASTER, orthodox=True),  # Fasika
    "eid_al_fitr": Feast(ISLAMIC, 10, 1),
    "eid_al_adha": Feast(ISLAMIC, 12, 10),
    "ramadan": Feast(ISLAMIC, 9, None),
}


def _ethiopian(year: int, month: int, day: int) -> date:
    day_of = to_gregorian(ETHIOPIAN, year, month, day)
    if day_of is None:
        raise ValueError(f"no Ethiopian date {year}-{month}-{day}")
    return day_of


def _islamic(year: int, month: int, day: int) -> date:
    """The Islamic month and day that fall in the Gregorian year (its first, where a year holds
    two, as 2000 held two Eid al-Fitr)."""
    try:
        first = Gregorian(year, 1, 1).to_hijri().year
        days = [Hijri(h, month, day).to_gregorian() for h in (first, first + 1)]
        return next(date(d.year, d.month, d.day) for d in days if d.year == year)
    except (ValueError, OverflowError):
        # Outside the Umm al-Qura tables (before 1924): the arithmetic Islamic calendar.
        first = islamic.from_gregorian(year, 1, 1)[0]
        arithmetic = [date(*islamic.to_gregorian(h, month, day)) for h in (first, first + 1)]
        return next(d for d in arithmetic if d.year == year)


def _solar_hijri(year: int, month: int, day: int, calendar: str) -> date:
    if calendar == SOLAR_HIJRI:
        return date(*persian.to_gregorian(year, month, day))
    # A Gregorian year holds the end of one Solar Hijri year and the start of the next.
    days = [date(*persian.to_gregorian(y, month, day)) for y in (year - 622, year - 621)]
    return next(d for d in days if d.year == year)


def feast_day(feast: Feast, year: int, calendar: str) -> date:
    """The day of the feast in the year, a year of `calendar` (the one the person gave it in).
    A month-long feast gives its middle day (the month that holds most of it)."""
    if feast.calendar == ETHIOPIAN and feast.day is not None:
        if calendar == ETHIOPIAN:
            return _ethiopian(year, feast.month, feast.day)
        # A Gregorian year holds the end of one Ethiopian year and the start of the next.
        days = [_ethiopian(y, feast.month, feast.day) for y in (year - 8, year - 7)]
        return next(d for d in days if d.year == year)
    if feast.calendar == SOLAR_HIJRI and feast.day is not None:
        return _solar_hijri(year, feast.month, feast.day, calendar)
    if feast.calendar == EASTER:
        gregorian_year = year + 8 if calendar == ETHIOPIAN else year + 621 if calendar == SOLAR_HIJRI else year
        return date(*holidays.easter(gregorian_year, church="orthodox" if feast.orthodox else None))
    if feast.calendar == ISLAMIC:
        gregorian_year = year + 8 if calendar == ETHIOPIAN else year + 621 if calendar == SOLAR_HIJRI else year
        return _islamic(gregorian_year, feast.month, feast.day or 15)
    if calendar == SOLAR_HIJRI and feast.month == 3 and feast.day == 21:
        return date(*persian.to_gregorian(year, 1, 1))  # Nowruz: 1 Farvardin
    if calendar == ETHIOPIAN:
        year += 8
    return date(year, feast.month, feast.day or 1)


def _near(match: Match, other: Match) -> bool:
    return 0 <= other.start - match.end <= _NEAR or 0 <= match.start - other.end <= _NEAR


def feast_date(words: list[str], language: str, year: int, calendar: str) -> tuple[str, bool] | None:
    """The stored date of a feast named in the words, in the year given, and whether it is
    approximate (an Islamic feast: countries start the month a day apart); None when no feast is
    named, or when the date is said to be before or after it (then only the year is known)."""
    named = [m for m in find_in(words, language, "feasts") if m.key in FEAST_DAYS]
    if not named or len({m.key for m in named}) != 1:
        return None  # none, or two different feasts: not one day
    match = named[0]
    feast = FEAST_DAYS[match.key]
    # Not a word of the feast's own name: "شب یلدا" (Yalda night) is no "the night before".
    around = [
        m
        for m in find_in(words, language, "around_feasts")
        if _near(match, m) and not (m.start < match.end and match.start < m.end)
    ]
    shift = 0
    if around:
        kinds = {m.key for m in around}
        if "day_after" in kinds or "day_before" in kinds:
            shift = 1 if "day_after" in kinds else -1
        else:
            return None
    try:
        day = feast_day(feast, year, calendar)
    except (ValueError, StopIteration):
        return None
    islamic_feast = feast.calendar == ISLAMIC
    if feast.day is None and islamic_feast:
        return f"{day.year}-{day.month:02d}", False
    return (day + timedelta(days=shift)).isoformat(), islamic_feast
