"""The workspace's calendar: the coming four weeks by day, appointments that began without an
outcome yet, and per appointment its outcome, moving to another time, cancelling and its
history. Each page calls the JSON API's route functions (backend/api/appointments.py) with an
audit record of its own: the same scope, checks, scheduling rules and audit entries.

Every change is a plain form (a POST, then back to the page it came from with a notice): the
confirmation of an outcome and the reason of a cancellation open in a <details>, no script needed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from backend.api import appointments as api
from backend.deps import SessionDep
from backend.errors import BadRequest, Conflict
from backend.models import AppointmentStatus, utcnow
from backend.policy import CASE_MANAGERS, Audit, appointment_for, audited
from backend.presenters.appointments import by_day, has_started
from backend.workspace.sessions import CsrfChecked, WorkspaceCaseManager, workspace_user
from backend.workspace.templating import WORKSPACE, render_page, see_other
from backend.workspace.text import nl_

router = APIRouter(prefix=f"{WORKSPACE}/afspraken", include_in_schema=False)
CALENDAR = f"{WORKSPACE}/afspraken"
# The calendar shows this far ahead, and this far back for appointments without an outcome.
WEEKS_SHOWN = 4

# What was done, said once on the page the browser goes back to (?gedaan=...). Functions: the
# Dutch is looked up when it is said.
DONE: dict[str, Callable[[], str]] = {
    "geannuleerd": lambda: nl_("The appointment is cancelled."),
    "verplaatst": lambda: nl_("The appointment is moved."),
    "geweest": lambda: nl_("Recorded: the person came."),
    "niet_gekomen": lambda: nl_("Recorded: the person did not come."),
    "geboekt": lambda: nl_("The appointment is made."),
    "startdatum": lambda: nl_("The start date is recorded."),
    "uitnodiging": lambda: nl_("The next step of the invitation chain is recorded."),
}


def done_notice(done: str | None) -> str | None:
    return DONE[done]() if done in DONE else None


def back_to(back: str | None, done: str) -> str:
    """The page a form came from (only a page of the workspace), told what was done."""
    page = back if back and back.startswith(f"{WORKSPACE}/") and "\\" not in back else CALENDAR
    path, _, fragment = page.partition("#")
    joiner = "&" if "?" in path else "?"
    return f"{path}{joiner}gedaan={done}" + (f"#{fragment}" if fragment else "")


@router.get("", response_class=HTMLResponse)
def calendar_page(
    request: Request,
    audit: Annotated[Audit, audited("read_calendar", "appointment", CASE_MANAGERS, login=workspace_user)],
    user: WorkspaceCaseManager,
    session: SessionDep,
    gedaan: str | None = None,
) -> HTMLResponse:
    now = utcnow()
    appointments = api.calendar(audit, session, now - timedelta(weeks=WEEKS_SHOWN), now + timedelta(weeks=WEEKS_SHOWN))
    past_open = [a for a in appointments if a.status == AppointmentStatus.BOOKED and has_started(a.starts_at, now)]
    coming = [a for a in appointments if not has_started(a.starts_at, now)]
    return render_page(
        request,
        "workspace/calendar.html",
        user,
        tab="afspraken",
        past_open=past_open,
        days=by_day(coming),
        now=now,
        back=CALENDAR,
        notice=done_notice(gedaan),
    )


@router.get("/{appointment_id}/geschiedenis", response_class=HTMLResponse)
def history_fragment(
    request: Request,
    appointment_id: uuid.UUID,
    audit: Annotated[Audit, audited("read_appointment_history", "intake", CASE_MANAGERS, login=workspace_user)],
    user: WorkspaceCaseManager,
    session: SessionDep,
) -> HTMLResponse:
    """Who changed what when (loaded when its <details> opens; alone a page of its own)."""
    changes = api.appointment_history(appointment_id, audit, session)
    return render_page(request, "workspace/_changes.html", user, changes=changes)


@router.post("/{appointment_id}/annuleren", dependencies=[CsrfChecked])
def cancel(
    appointment_id: uuid.UUID,
    audit: Annotated[Audit, audited("cancel_appointment", "intake", CASE_MANAGERS, login=workspace_user)],
    user: WorkspaceCaseManager,
    session: SessionDep,
    reason: Annotated[str, Form(max_length=500)] = "",
    terug: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    if not reason.strip():  # the form requires it too
        raise BadRequest(nl_("Give a reason."))
    api.cancel_appointment(appointment_id, api.CancelIn(reason=reason.strip()), audit, session)
    return see_other(back_to(terug, "geannuleerd"))


@router.post("/{appointment_id}/uitkomst", dependencies=[CsrfChecked])
def outcome(
    appointment_id: uuid.UUID,
    audit: Annotated[Audit, audited("appointment_outcome", "intake", CASE_MANAGERS, login=workspace_user)],
    user: WorkspaceCaseManager,
    session: SessionDep,
    attended: Annotated[bool, Form()],
    terug: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """The person came, or did not (confirmed in the form: it cannot be undone)."""
    api.record_outcome(appointment_id, api.OutcomeIn(attended=attended), audit, session)
    return see_other(back_to(terug, "geweest" if attended else "niet_gekomen"))


def _move_page(
    request: Request,
    user: WorkspaceCaseManager,
    audit: Audit,
    session: SessionDep,
    appointment_id: uuid.UUID,
    back: str,
    error: str | None = None,
    reason: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    appointment = api.appointment_out(appointment_for(session, audit, appointment_id))
    slots = api.search_slots(appointment.intake_id, audit, session, appointment.type_code)
    return render_page(
        request,
        "workspace/move.html",
        user,
        tab="afspraken",
        appointment=appointment,
        slots=slots,
        back=back,
        reason=reason,
        error=error,
        status_code=status_code,
    )


@router.get("/{appointment_id}/verplaatsen", response_class=HTMLResponse)
def move_page(
    request: Request,
    appointment_id: uuid.UUID,
    audit: Annotated[Audit, audited("search_slots", "intake", CASE_MANAGERS, login=workspace_user)],
    user: WorkspaceCaseManager,
    session: SessionDep,
    terug: str = CALENDAR,
) -> HTMLResponse:
    """Fresh times of the same type for this person, to choose one, with a reason."""
    return _move_page(request, user, audit, session, appointment_id, terug)


@router.post("/{appointment_id}/verplaatsen", response_class=HTMLResponse, dependencies=[CsrfChecked])
def move(
    request: Request,
    appointment_id: uuid.UUID,
    audit: Annotated[Audit, audited("move_appointment", "intake", CASE_MANAGERS, login=workspace_user)],
    user: WorkspaceCaseManager,
    session: SessionDep,
    token: Annotated[str, Form(max_length=120)] = "",
    reason: Annotated[str, Form(max_length=500)] = "",
    terug: Annotated[str, Form(max_length=500)] = CALENDAR,
) -> Response:
    problem = None
    if not token:
        problem = nl_("Choose a new time first.")
    elif not reason.strip():
        problem = nl_("Give a reason.")
    if problem is None:
        try:
            api.move_appointment(appointment_id, api.BookIn(token=token, reason=reason.strip()), audit, session)
            return see_other(back_to(terug, "verplaatst"))
        except Conflict as taken:  # the time was taken meanwhile: fresh times
            problem = taken.message
            audit.note(refused=taken.status_code)
    return _move_page(request, user, audit, session, appointment_id, terug, problem, reason, status_code=422)
