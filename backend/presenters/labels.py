"""Dutch labels and dates for staff: one place for what the old staff.js formatted itself.

Instants are stored in UTC and shown on the clock in Amsterdam; plain dates (a deadline, a
date of birth) are shown as they are. Language names come from CLDR through Babel.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from babel import Locale
from babel.dates import format_date, format_datetime

from backend.models import AMSTERDAM, AnswerSource, StaffRole, StaffUser, TranslationStatus, day_in_amsterdam, utcnow
from backend.workspace.text import STAFF_LANGUAGE, nl_, nl_plural

# The deadline is shown as urgent when fewer days are left than this.
URGENT_DAYS = 21


def as_instant(value: datetime) -> datetime:
    """A stored time as an instant: some come without a zone, and those are UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def today() -> date:
    """Today on the calendar in Amsterdam."""
    return day_in_amsterdam(utcnow())


def dutch_day(value: date) -> str:
    """'zaterdag 6 december 2026': a heading of the calendar."""
    return format_date(value, "EEEE d MMMM y", locale=STAFF_LANGUAGE)


def dutch_date(value: date | None) -> str:
    """'15 maart 1990'; a dash for none."""
    return format_date(value, "d MMMM y", locale=STAFF_LANGUAGE) if value else "—"


def dutch_datetime(value: datetime | None) -> str:
    """'za 6 dec 2026 14:03', Amsterdam time; a dash for none."""
    if value is None:
        return "—"
    return format_datetime(as_instant(value), "EEE d MMM y HH:mm", tzinfo=AMSTERDAM, locale=STAFF_LANGUAGE)


def day_of(value: datetime) -> str:
    """The day of an instant on the calendar in Amsterdam: '6 december 2026'."""
    return dutch_date(day_in_amsterdam(value))


def dutch_time(value: datetime) -> str:
    return format_datetime(as_instant(value), "HH:mm", tzinfo=AMSTERDAM, locale=STAFF_LANGUAGE)


def language_name(code: str | None) -> str:
    """'Tigrinya', 'Dari' (fa_AF), in Dutch."""
    if not code:
        return "—"
    return Locale.parse(STAFF_LANGUAGE).languages.get(code) or code


def language_tag(code: str | None) -> str:
    """A catalog code as an HTML language tag (fa_AF -> fa-AF), for fonts and screen readers."""
    return (code or "").replace("_", "-")


def days_left(deadline: date, on: date | None = None) -> int:
    return (deadline - (on or today())).days


def days_left_label(days: int) -> str:
    if days < 0:
        return nl_("overdue")
    if days == 0:
        return nl_("today")
    return nl_plural("%(num)d day left", "%(num)d days left", days)


def completeness_label(complete: bool) -> str:
    return nl_("Complete (sent)") if complete else nl_("Partial (still in progress)")


def source_label(source: AnswerSource | None) -> str:
    labels = {
        AnswerSource.CHAT: nl_("chat"),
        AnswerSource.VOLUNTEER: nl_("volunteer"),
        AnswerSource.CASE_MANAGER: nl_("case manager"),
        AnswerSource.FORM: nl_("form"),
    }
    return labels[source] if source else "—"


def role_label(role: StaffRole) -> str:
    labels = {
        StaffRole.CASE_MANAGER: nl_("case manager"),
        StaffRole.VOLUNTEER: nl_("volunteer"),
        StaffRole.ADMINISTRATOR: nl_("administrator"),
    }
    return labels.get(role, str(role))


def staff_member(user: StaffUser) -> str:
    """'Fatima de Vries (casemanager, Hoorn, Medemblik)': who is logged in."""
    places = sorted((m.name for m in user.municipalities), key=str.casefold)
    return f"{user.full_name} ({', '.join([role_label(user.role), *places])})"


def municipality_choices(user: StaffUser) -> list[tuple[str, str]]:
    """(code, name) of the staff member's municipalities, by name: for a filter."""
    return sorted(((m.code, m.name) for m in user.municipalities), key=lambda choice: choice[1].casefold())


def translation_status_label(status: TranslationStatus) -> str:
    """Where an answer of the translation queue stands, for whoever translates it."""
    labels = {
        TranslationStatus.WAITING: nl_("waiting for the computer"),
        TranslationStatus.NEEDS_HUMAN: nl_("waiting for a translator"),
        TranslationStatus.MACHINE: nl_("machine translation, not checked"),
        TranslationStatus.HUMAN: nl_("translated by a person"),
    }
    return labels[status]


def translation_queue_count(count: int, status: TranslationStatus) -> str:
    """'3 antwoorden om te vertalen'; or that there is nothing to do."""
    if status == TranslationStatus.MACHINE:
        if count == 0:
            return nl_("There are no machine translations to check.")
        return nl_plural("%(num)d answer to check", "%(num)d answers to check", count)
    if count == 0:
        return nl_("Nothing is waiting for a translation.")
    return nl_plural("%(num)d answer to translate", "%(num)d answers to translate", count)
