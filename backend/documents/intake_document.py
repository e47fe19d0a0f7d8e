"""The prefilled brede intake as a PDF for the case manager's dossier, in Dutch.

What it shows is what the staff JSON API and the workspace show, taken from the same
presenters: the intake by section of forms/intake.yaml (`backend.presenters.intakes`: every
field with its value, source, time, the person's words beside the Dutch translation and its
status, and who confirmed the section), the planning (`backend.api.appointments`: the legal
dates, the invitation chain, appointments and planning problems) and the staff labels
(`backend.presenters.labels`). This module only adds the document's own labels. Its Dutch is
in the staff domain (locales/nl/LC_MESSAGES/staff.po), like all staff text.
Health answers (`sensitive` in forms/intake.yaml) are shown as on the detail page: the
document is only for case managers, and it marks them as special-category data.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from backend.api.appointments import TimelineOut, _timeline
from backend.documents.pdf import render_pdf
from backend.documents.templates import render
from backend.models import AppointmentStatus, Intake, IntakeStatus, InvitationStep, Municipality, utcnow
from backend.presenters import labels
from backend.presenters.intakes import IntakeDetail
from backend.presenters.intakes import detail as intake_detail
from backend.workspace.text import STAFF_LANGUAGE, nl_, staff_translations


def status_labels() -> dict[IntakeStatus, str]:
    return {
        IntakeStatus.PARTIAL: nl_("Not finished by the person"),
        IntakeStatus.SUBMITTED: nl_("Sent by the person"),
    }


def appointment_status_labels() -> dict[AppointmentStatus, str]:
    return {
        AppointmentStatus.BOOKED: nl_("booked"),
        AppointmentStatus.CANCELLED: nl_("cancelled"),
        AppointmentStatus.ATTENDED: nl_("attended"),
        AppointmentStatus.NO_SHOW: nl_("did not come"),
    }


def invitation_steps() -> dict[InvitationStep, str]:
    """The steps of the enforcement chain (backend/scheduling/invitations.py)."""
    return {
        InvitationStep.FIRST_INVITATION: nl_("First invitation"),
        InvitationStep.WARNING_SECOND_INVITATION: nl_("Written warning with a second invitation"),
        InvitationStep.FINE_THIRD_INVITATION: nl_("Fine of €250 with a third invitation"),
        InvitationStep.SECOND_FINE: nl_("Second fine of €250"),
    }


def intake_html(session: Session, intake: Intake) -> str:
    detail: IntakeDetail = intake_detail(intake)
    timeline: TimelineOut = _timeline(session, intake)
    municipality = session.get(Municipality, intake.municipality_code) if intake.municipality_code else None
    return render(
        "intake.html",
        STAFF_LANGUAGE,
        staff_translations(),
        day=labels.dutch_date,
        moment=labels.dutch_datetime,
        intake=detail,
        timeline=timeline,
        municipality=municipality.name if municipality else None,
        language_name=labels.language_name(intake.language),
        made_at=utcnow(),
        status_labels=status_labels(),
        source_label=labels.source_label,
        days_left=labels.days_left_label,
        appointment_status_labels=appointment_status_labels(),
        invitation_steps=invitation_steps(),
    )


def intake_pdf(session: Session, intake: Intake) -> bytes:
    """The PDF of the prefilled brede intake (the route checks access and audits the read)."""
    return render_pdf(intake_html(session, intake))
