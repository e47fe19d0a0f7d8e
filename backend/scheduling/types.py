"""The kinds of appointment the regional integration team (RIT) plans."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


def N_(message: str) -> str:  # noqa: N802 - marks a text for extraction; translated when shown
    return message


@dataclass(frozen=True)
class AppointmentType:
    code: str
    label_nl: str  # for case managers
    label: str  # English source text; the chat shows its translation
    duration: timedelta
    interpreter: bool  # an interpreter joins when the person asked for one
    # The appointment must end this long before the PIP deadline (None: no link to it).
    before_pip_deadline: timedelta | None
    bring: str  # what to bring (English source text)


APPOINTMENT_TYPES: dict[str, AppointmentType] = {
    t.code: t
    for t in (
        AppointmentType(
            code="brede_intake",
            label_nl="Brede intake",
            label=N_("Intake meeting"),
            duration=timedelta(minutes=90),
            interpreter=True,
            # The PIP conversation follows the intake; leave three weeks for it.
            before_pip_deadline=timedelta(weeks=3),
            bring=N_("Bring your residence permit and, if you have them, your diplomas."),
        ),
        AppointmentType(
            code="pip_talk",
            label_nl="PIP-gesprek",
            label=N_("Meeting about your plan"),
            duration=timedelta(minutes=60),
            interpreter=True,
            before_pip_deadline=timedelta(0),
            bring=N_("Bring your residence permit."),
        ),
        AppointmentType(
            code="learnability_test",
            label_nl="Leerbaarheidstoets",
            label=N_("Learning test"),
            duration=timedelta(minutes=150),
            # The test itself gives its instructions in the person's own language.
            interpreter=False,
            before_pip_deadline=timedelta(weeks=2),
            bring=N_("Bring your residence permit and your glasses if you use them."),
        ),
        AppointmentType(
            code="follow_up",
            label_nl="Vervolggesprek",
            label=N_("Follow-up meeting"),
            duration=timedelta(minutes=30),
            interpreter=True,
            before_pip_deadline=None,
            bring=N_("Bring your residence permit."),
        ),
    )
}
