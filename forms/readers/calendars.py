"""The calendars people know their dates in, and one day of each as a Gregorian date (with
`convertdate`): shared by the date reader and the feasts."""

from __future__ import annotations

from datetime import date

from convertdate import coptic, persian

GREGORIAN, ETHIOPIAN, SOLAR_HIJRI = "gregorian", "ethiopian", "solar_hijri"
# The Ethiopian calendar is 7 to 8 years behind: Coptic months and days, Ethiopian year = Coptic + 276.
_ETHIOPIAN_TO_COPTIC_YEARS = 276


def to_gregorian(calendar: str, year: int, month: int, day: int) -> date | None:
    try:
        if calendar == ETHIOPIAN:
            return date(*coptic.to_gregorian(year - _ETHIOPIAN_TO_COPTIC_YEARS, month, day))
        if calendar == SOLAR_HIJRI:
            if not 1 <= day <= (31 if month <= 6 else 30):
                return None
            return date(*persian.to_gregorian(year, month, day))
        return date(year, month, day)
    except ValueError:
        return None
