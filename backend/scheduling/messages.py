"""Appointment texts for the person, in their language, with local date and time formatting."""

from __future__ import annotations

from datetime import datetime, timedelta

from babel.dates import format_datetime, format_time

from backend.models import Appointment, as_utc
from backend.scheduling.slots import LOCAL_TIME
from backend.scheduling.types import APPOINTMENT_TYPES
from locales import get_language, translate, translate_plural


def N_(message: str) -> str:  # noqa: N802 - marks a text for extraction; translated when shown
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 - a text with plural forms
    return singular, plural


CONFIRMED = N_("Your appointment is booked.")
# Reminders say how long until the appointment: "in 2 days", "in 2 hours" (plural forms).
# TRANSLATORS: {count} is a number. Arabic's six forms in Babel's order: 0, 1, 2, 3-10, 100-102, 11-99.
REMINDER_DAYS = N_plural(
    "Reminder: your appointment is in {count} day.", "Reminder: your appointment is in {count} days."
)
# TRANSLATORS: {count} is a number of hours (at least 1).
REMINDER_HOURS = N_plural(
    "Reminder: your appointment is in {count} hour.", "Reminder: your appointment is in {count} hours."
)
DETAILS = N_("{what}\n{when}\n{where}")
WITH_INTERPRETER = N_("An interpreter will be there.")
WITH_PHONE_INTERPRETER = N_("An interpreter joins by telephone.")
CANCELLED = N_("Your appointment is cancelled.")


def _locale(language: str) -> str:
    lang = get_language(language)
    return lang.format_locale if lang else language


def format_when(starts_at: datetime, language: str) -> str:
    """For example "dinsdag 1 december 2026 om 09:00" — the locale's own long form."""
    local = starts_at.astimezone(LOCAL_TIME)
    locale = _locale(language)
    return f"{format_datetime(local, 'EEEE d MMMM y', locale=locale)}, {format_time(local, 'HH:mm', locale=locale)}"


def slot_title(starts_at: datetime, language: str) -> str:
    """For a button: "Tuesday 1 December 09:00" in the person's language. Whole names, not
    abbreviations: "dşm 7 brf" (Kurmanji) or "ሰኑ 7 ታሕ" (Tigrinya) are hard to read for
    people who read little; the year is left out, the times are weeks away at most."""
    local = starts_at.astimezone(LOCAL_TIME)
    locale = _locale(language)
    return f"{format_datetime(local, 'EEEE d MMMM', locale=locale)} {format_time(local, 'HH:mm', locale=locale)}"


def appointment_details(
    language: str, type_code: str, starts_at: datetime, location: str, address: str, interpreter: str | None
) -> str:
    """What, when, where (and the interpreter), in the person's language.

    `interpreter` is None, "room" or "phone".
    """
    kind = APPOINTMENT_TYPES[type_code]
    lines = [
        translate(language, DETAILS).format(
            what=translate(language, kind.label),
            when=format_when(starts_at, language),
            where=f"{location}, {address}",
        )
    ]
    if interpreter == "room":
        lines.append(translate(language, WITH_INTERPRETER))
    elif interpreter == "phone":
        lines.append(translate(language, WITH_PHONE_INTERPRETER))
    lines.append(translate(language, kind.bring))
    return "\n".join(lines)


def interpreter_kind(appointment: Appointment) -> str | None:
    """How the interpreter joins, as `appointment_details` reads it: None, "room" or "phone"."""
    if appointment.interpreter is None:
        return None
    return "phone" if appointment.interpreter.by_phone else "room"


def details_of(appointment: Appointment, language: str) -> str:
    """`appointment_details` of a booked appointment."""
    return appointment_details(
        language,
        appointment.type_code,
        as_utc(appointment.starts_at),
        appointment.location.name,
        appointment.location.address,
        interpreter_kind(appointment),
    )


def reminder_heading(language: str, starts_at: datetime, now: datetime) -> str:
    """ "Reminder: your appointment is in 2 days" (or hours), counted from when it is sent."""
    left = max(starts_at - now, timedelta(0))
    if left >= timedelta(hours=23):
        count, forms = round(left / timedelta(days=1)), REMINDER_DAYS
    else:
        count, forms = max(1, round(left / timedelta(hours=1))), REMINDER_HOURS
    return translate_plural(language, *forms, count).format(count=count)
