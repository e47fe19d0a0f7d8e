"""What staff read about appointments and the invitation chain: Dutch labels of statuses,
changes, steps and planning problems, and the calendar arranged by day. One place, for the
workspace's pages (the JSON API returns the codes; the old staff.js kept its own copies)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, Protocol, TypeVar

from babel.numbers import format_currency

from backend.models import AMSTERDAM, AppointmentStatus, ChangeActor, InvitationStep
from backend.presenters.labels import as_instant, day_of
from backend.scheduling.types import APPOINTMENT_TYPES
from backend.workspace.text import STAFF_LANGUAGE, nl_


def appointment_status_label(status: AppointmentStatus | str) -> str:
    labels = {
        AppointmentStatus.BOOKED: nl_("planned"),
        AppointmentStatus.CANCELLED: nl_("cancelled"),
        AppointmentStatus.ATTENDED: nl_("attended"),
        AppointmentStatus.NO_SHOW: nl_("did not come"),
    }
    return labels.get(AppointmentStatus(status), str(status))


def change_action_label(action: str) -> str:
    labels = {
        "booked": nl_("booked"),
        "moved": nl_("moved"),
        "cancelled": nl_("cancelled"),
        "attended": nl_("attended"),
        "no_show": nl_("did not come"),
    }
    return labels.get(action, action)


def change_actor_label(actor: str) -> str:
    labels = {
        ChangeActor.PERSON.value: nl_("the person (in the chat)"),
        ChangeActor.STAFF.value: nl_("a staff member"),
        ChangeActor.SYSTEM.value: nl_("the system"),
    }
    return labels.get(actor, actor)


def invitation_step_label(step: InvitationStep | str) -> str:
    labels = {
        InvitationStep.FIRST_INVITATION: nl_("First invitation"),
        InvitationStep.WARNING_SECOND_INVITATION: nl_("Written warning with a second invitation"),
        InvitationStep.FINE_THIRD_INVITATION: nl_("Fine and third invitation"),
        InvitationStep.SECOND_FINE: nl_("Second fine (the PIP is set without the person's input)"),
    }
    return labels.get(InvitationStep(step), str(step))


def problem_reason_label(reason: str) -> str:
    labels = {
        "deadline_passed": nl_("Deadline passed"),
        "no_case_manager": nl_("No case manager"),
        "no_room": nl_("No room"),
        "no_interpreter": nl_("No interpreter"),
        "availability": nl_("Availability too limited"),
        "fully_booked": nl_("Fully booked"),
    }
    return labels.get(reason, reason)


def appointment_type_label(code: str) -> str:
    """'Brede intake' (the types' Dutch names live with the types, backend/scheduling/types.py)."""
    kind = APPOINTMENT_TYPES.get(code)
    return kind.label_nl if kind else code


def euros(amount: int) -> str:
    """'€ 250'."""
    return format_currency(amount, "EUR", locale=STAFF_LANGUAGE, format="¤ #,##0", currency_digits=False)


class HasStart(Protocol):
    @property
    def starts_at(self) -> datetime: ...


Appointment = TypeVar("Appointment", bound=HasStart)


@dataclass(frozen=True)
class CalendarDay(Generic[Appointment]):
    day: date
    appointments: list[Appointment]


def by_day(appointments: Iterable[Appointment]) -> list[CalendarDay[Appointment]]:
    """Appointments grouped by their day in Amsterdam, in the order given."""
    days: dict[date, list[Appointment]] = {}
    for appointment in appointments:
        days.setdefault(as_instant(appointment.starts_at).astimezone(AMSTERDAM).date(), []).append(appointment)
    return [CalendarDay(day, items) for day, items in days.items()]


def has_started(starts_at: datetime, now: datetime) -> bool:
    return as_instant(starts_at) <= now


def invitation_response_label(respond_by: date, responded_at: datetime | None, today: date) -> str:
    """Whether the person answered an invitation of the chain, in Dutch."""
    if responded_at is not None:
        return nl_("responded on %(day)s", day=day_of(responded_at))
    if respond_by < today:
        return nl_("term passed, no response")
    return nl_("no response yet")


def next_step_label(next_step: InvitationStep | None, last_responded: bool) -> str:
    """What comes next in the invitation chain."""
    if next_step is not None:
        return nl_("Next step: %(step)s.", step=invitation_step_label(next_step))
    if last_responded:
        return nl_("The person responded to the last invitation; no next step is needed.")
    return nl_("Every step of the chain has been taken.")
