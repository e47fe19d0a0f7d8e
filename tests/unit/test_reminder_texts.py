"""Reminders say how long until the appointment, with each language's plural forms."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from backend.scheduling.messages import reminder_heading

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def heading(language: str, days: float = 0, hours: float = 0) -> str:
    return reminder_heading(language, NOW + timedelta(days=days, hours=hours), NOW)


def test_arabic_uses_its_one_two_few_many_and_other_forms() -> None:
    """Babel's slot order for Arabic: 0 zero, 1 one, 2 two, 3 few (3-10), 4 for 100-102 (CLDR
    "other"), 5 for 11-99 (CLDR "many"): the catalog follows that order, not CLDR's."""
    assert heading("ar", days=1) == "تذكير: موعدك بعد يوم واحد."
    assert heading("ar", days=2) == "تذكير: موعدك بعد يومين."
    assert heading("ar", days=3) == "تذكير: موعدك بعد 3 أيام."
    assert heading("ar", days=11) == "تذكير: موعدك بعد 11 يومًا."
    assert heading("ar", days=100) == "تذكير: موعدك بعد 100 يوم."
    assert heading("ar", days=25) == "تذكير: موعدك بعد 25 يومًا."
    assert heading("ar", hours=2) == "تذكير: موعدك بعد ساعتين."


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("nl", "Herinnering: je afspraak is over 1 dag.", "Herinnering: je afspraak is over 2 dagen."),
        ("en", "Reminder: your appointment is in 1 day.", "Reminder: your appointment is in 2 days."),
        ("fr", "Rappel : votre rendez-vous est dans 1 jour.", "Rappel : votre rendez-vous est dans 2 jours."),
        ("ti", "መዘኻኸሪ፦ ቆጸራኻ ድሕሪ 1 መዓልቲ እዩ።", "መዘኻኸሪ፦ ቆጸራኻ ድሕሪ 2 መዓልታት እዩ።"),
        # One form: the noun stays singular after a number.
        ("tr", "Hatırlatma: Randevun 1 gün sonra.", "Hatırlatma: Randevun 2 gün sonra."),
        ("fa", "یادآوری: قرار ملاقات شما 1 روز دیگر است.", "یادآوری: قرار ملاقات شما 2 روز دیگر است."),
    ],
)
def test_one_and_several_days(language: str, one: str, two: str) -> None:
    assert (heading(language, days=1), heading(language, days=2)) == (one, two)


def test_hours_when_less_than_a_day_is_left_and_never_zero() -> None:
    assert heading("en", hours=2) == "Reminder: your appointment is in 2 hours."
    assert heading("en", hours=0.2) == "Reminder: your appointment is in 1 hour."
    assert heading("en", days=2, hours=-0.05) == "Reminder: your appointment is in 2 days."  # sent a little late
