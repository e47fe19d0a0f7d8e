"""The prefilled brede intake as a PDF for the case manager's dossier, in Dutch.

What it shows is what the staff JSON API shows, taken from the same presenters: the intake by
section of forms/intake.yaml (`backend.api.intakes`: every field with its value, source, time,
the person's words beside the Dutch translation and its status, and who confirmed the section)
and the planning (`backend.api.appointments`: the legal dates, the invitation chain,
appointments and planning problems). This module only adds the Dutch labels of the document.
Health answers (`sensitive` in forms/intake.yaml) are shown as on the detail page: the
document is only for case managers, and it marks them as special-category data.
"""

from __future__ import annotations

from babel import Locale
from sqlalchemy.orm import Session

from backend.api.appointments import TimelineOut, _timeline
from backend.documents.pdf import render_pdf
from backend.documents.templates import render
from backend.models import AnswerSource, AppointmentStatus, Intake, IntakeStatus, Municipality, utcnow
from backend.prefilled import STAFF_LANGUAGE
from backend.presenters.intakes import IntakeDetail
from backend.presenters.intakes import detail as _detail
from backend.privacy.access import INVITATION_STEPS


def N_(message: str) -> str:  # noqa: N802 - marks a text for extraction; translated in the template
    return message


STATUS_LABELS = {
    IntakeStatus.PARTIAL: N_("Not finished by the person"),
    IntakeStatus.SUBMITTED: N_("Sent by the person"),
}
SOURCE_LABELS = {
    AnswerSource.CHAT: N_("the person, in the chat"),
    AnswerSource.VOLUNTEER: N_("the person, helped by a volunteer"),
    AnswerSource.CASE_MANAGER: N_("case manager"),
}
APPOINTMENT_STATUS_LABELS = {
    AppointmentStatus.BOOKED: N_("booked"),
    AppointmentStatus.CANCELLED: N_("cancelled"),
    AppointmentStatus.ATTENDED: N_("attended"),
    AppointmentStatus.NO_SHOW: N_("did not come"),
}


def language_name(code: str) -> str:
    """The person's language named in Dutch ("Tigrinya", "Dari"), from CLDR."""
    return Locale.parse(code).get_display_name(STAFF_LANGUAGE) or code


def intake_html(session: Session, intake: Intake) -> str:
    detail: IntakeDetail = _detail(intake)
    timeline: TimelineOut = _timeline(session, intake)
    municipality = session.get(Municipality, intake.municipality_code) if intake.municipality_code else None
    return render(
        "intake.html",
        STAFF_LANGUAGE,
        intake=detail,
        timeline=timeline,
        municipality=municipality.name if municipality else None,
        language_name=language_name(intake.language),
        made_at=utcnow(),
        status_labels=STATUS_LABELS,
        source_labels=SOURCE_LABELS,
        appointment_status_labels=APPOINTMENT_STATUS_LABELS,
        invitation_steps=INVITATION_STEPS,
    )


def intake_pdf(session: Session, intake: Intake) -> bytes:
    """The PDF of the prefilled brede intake (the caller checks access and audits the read)."""
    return render_pdf(intake_html(session, intake))
