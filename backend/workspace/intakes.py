"""The workspace's intakes: the list with its filters and the 10-week clock, one intake by
section, correcting a field and confirming a section.

Each page calls the JSON API's own route functions (backend/api/intakes.py) with an audit
record of the page's own (backend/policy.py `audited`, logged in by the session cookie): the
same query, the same checks, the same presenters, the same audit entries as the API.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import ValidationError

from backend.api import appointments as appointments_api
from backend.api import documents as documents_api
from backend.api import intakes as api
from backend.api.appointments import SlotOut, TimelineOut
from backend.deps import SessionDep
from backend.errors import ApiError, BadRequest, NotFound
from backend.models import IntakeStatus, StaffUser, utcnow
from backend.page_headers import PAGE_HEADERS
from backend.policy import CASE_MANAGERS, Audit, audited
from backend.presenters import labels
from backend.presenters.intakes import FieldOut, IntakeDetail, find_field, find_section
from backend.presenters.labels import municipality_choices
from backend.scheduling.types import APPOINTMENT_TYPES
from backend.workspace.appointments import done_notice
from backend.workspace.corrections import chosen, typed_text, typed_value
from backend.workspace.sessions import CsrfChecked, WorkspaceCaseManager, workspace_user
from backend.workspace.templating import WORKSPACE, render_page, see_other
from backend.workspace.text import nl_

router = APIRouter(prefix=f"{WORKSPACE}/intakes", include_in_schema=False)
# The next invitation's date to respond by, proposed: two weeks from today.
RESPOND_WITHIN_DAYS = 14


def _status(value: str | None) -> IntakeStatus | None:
    return IntakeStatus(value) if value in {s.value for s in IntakeStatus} else None


def _complete(value: str | None) -> bool | None:
    return {"true": True, "false": False}.get(value or "")


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@router.get("", response_class=HTMLResponse)
def intakes_page(
    request: Request,
    audit: Annotated[Audit, audited("list_intakes", "intake", CASE_MANAGERS, login=workspace_user)],
    user: WorkspaceCaseManager,
    session: SessionDep,
    municipality: str | None = None,
    status: str | None = None,
    complete: str | None = None,
    deadline_before: str | None = None,
) -> HTMLResponse:
    """The intakes of the case manager's municipalities; the filters are a plain GET form."""
    chosen = municipality if municipality in user.municipality_codes else None
    filters = {
        "municipality": chosen or "",
        "status": status if _status(status) else "",
        "complete": complete if _complete(complete) is not None else "",
        "deadline_before": deadline_before if _date(deadline_before) else "",
    }
    rows = api.list_intakes(audit, session, chosen, _status(status), _complete(complete), _date(deadline_before))
    return render_page(
        request,
        "workspace/intakes.html",
        user,
        tab="intakes",
        intakes=rows,
        filters=filters,
        municipalities=municipality_choices(user),
    )


@dataclass(frozen=True)
class Link:
    label: str
    href: str


def intake_links(intake: IntakeDetail) -> list[Link]:
    """Other pages about this intake, linked from its page."""
    # Until the calendar is part of the workspace, its timeline and planning stay on the old page.
    return [
        Link(nl_("PIP draft"), f"{WORKSPACE}/intakes/{intake.id}/pip"),  # backend/workspace/pip.py
        Link(nl_("Timeline and planning (old staff page)"), f"/medewerkers#/intakes/{intake.id}"),
    ]


@dataclass(frozen=True)
class OpenCorrection:
    """A correction form as shown: the text typed (or the current value), the options chosen,
    and the API's Dutch message when it was refused."""

    text: str
    chosen: list[str]
    error: str | None = None


def open_correction(field: FieldOut, typed: list[str] | None = None, error: str | None = None) -> OpenCorrection:
    text = typed[0] if typed else ("" if typed is not None else typed_text(field))
    return OpenCorrection(text=text, chosen=chosen(field, typed), error=error)


def _field_key(question_id: str, item: int | None) -> str:
    return f"{question_id}-{item}"  # as the template names it: "date_of_birth-None", "child_name-0"


def _intake_page(
    request: Request,
    user: StaffUser,
    intake: IntakeDetail,
    show_empty: bool,
    corrections: dict[str, OpenCorrection] | None = None,
    status_code: int = 200,
    timeline: TimelineOut | None = None,
    slots: list[SlotOut] | None = None,
    slot_type: str = "",
    notice: str | None = None,
) -> HTMLResponse:
    today = labels.today()
    return render_page(
        request,
        "workspace/intake.html",
        user,
        tab="intakes",
        intake=intake,
        show_empty=show_empty,
        corrections=corrections or {},
        intake_links=intake_links(intake),
        timeline=timeline,
        slots=slots,
        slot_type=slot_type,
        appointment_types=[(t.code, t.label_nl) for t in APPOINTMENT_TYPES.values()],
        today=today,
        respond_by_default=(today + timedelta(days=RESPOND_WITHIN_DAYS)).isoformat(),
        now=utcnow(),
        notice=notice,
        status_code=status_code,
    )


def _field_fragment(
    request: Request,
    user: StaffUser,
    intake: IntakeDetail,
    field: FieldOut,
    show_empty: bool,
    *,
    correction: OpenCorrection | None = None,
    notice: str | None = None,
    focus: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    return render_page(
        request,
        "workspace/_field_fragment.html",
        user,
        intake=intake,
        field=field,
        show_empty=show_empty,
        correction=correction,
        notice=notice,
        focus=focus,
        status_code=status_code,
    )


def _is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true"


@router.get("/{intake_id}", response_class=HTMLResponse)
def intake_page(
    request: Request,
    intake_id: uuid.UUID,
    audit: Annotated[Audit, audited("read_intake", "intake", CASE_MANAGERS, login=workspace_user)],
    user: WorkspaceCaseManager,
    session: SessionDep,
    leeg: str | None = None,
    corrigeren: str | None = None,
    item: int | None = None,
    soort: str | None = None,
    gedaan: str | None = None,
) -> HTMLResponse:
    """One intake by section, its timeline (the 10-week clock, the invitation chain, appointments,
    planning problems) and planning (`soort`: free times of that type of appointment). `leeg`:
    also the questions without an answer; `corrigeren` (and
    `item`): that field's correction form open (the way without JavaScript)."""
    intake = api.read_intake(intake_id, audit, session)
    corrections = {}
    field = find_field(intake, corrigeren, item) if corrigeren else None
    if field is not None:
        corrections[_field_key(field.question_id, field.item)] = open_correction(field)
    # The timeline and the free times are part of reading this intake (one audit record).
    timeline = appointments_api.timeline(intake_id, audit, session)
    slots = None
    if soort in APPOINTMENT_TYPES:
        audit.note(slots=soort)
        slots = appointments_api.search_slots(intake_id, audit, session, soort)
    return _intake_page(
        request,
        user,
        intake,
        show_empty=bool(leeg) or field is not None,
        corrections=corrections,
        timeline=timeline,
        slots=slots,
        slot_type=soort or "",
        notice=done_notice(gedaan),
    )


@router.get("/{intake_id}/export.json")
def intake_export(
    intake_id: uuid.UUID,
    audit: Annotated[Audit, audited("export_intake", "intake", CASE_MANAGERS, login=workspace_user)],
    user: WorkspaceCaseManager,
    session: SessionDep,
) -> JSONResponse:
    """The prefilled brede intake as JSON (the API's export), as a file to save."""
    data = api.export_intake(intake_id, audit, session)
    headers = {**PAGE_HEADERS, "Content-Disposition": f'attachment; filename="intake-{intake_id}.json"'}
    return JSONResponse(data, headers=headers)


@router.get("/{intake_id}/brede-intake.pdf")
def intake_pdf(
    intake_id: uuid.UUID,
    audit: Annotated[Audit, audited("export_intake_pdf", "intake", CASE_MANAGERS, login=workspace_user)],
    session: SessionDep,
) -> Response:
    """The prefilled brede intake as a tagged PDF in Dutch (the API's document), as a file to save."""
    return documents_api.intake_document(intake_id, audit, session)


@router.get("/{intake_id}/velden/{question_id}", response_class=HTMLResponse)
def field_fragment(
    request: Request,
    intake_id: uuid.UUID,
    question_id: str,
    audit: Annotated[Audit, audited("read_intake", "intake", CASE_MANAGERS, login=workspace_user)],
    user: WorkspaceCaseManager,
    session: SessionDep,
    item: int | None = None,
    leeg: str | None = None,
    corrigeren: str | None = None,
) -> HTMLResponse:
    """One field, with its correction form open (`corrigeren`) or closed again (cancelled)."""
    intake = api.read_intake(intake_id, audit, session)
    field = find_field(intake, question_id, item)
    if field is None:
        raise NotFound()
    if corrigeren:
        return _field_fragment(request, user, intake, field, bool(leeg), correction=open_correction(field))
    return _field_fragment(request, user, intake, field, bool(leeg), focus="correct")


@router.post("/{intake_id}/velden/{question_id}", response_class=HTMLResponse, dependencies=[CsrfChecked])
def correct_field(
    request: Request,
    intake_id: uuid.UUID,
    question_id: str,
    audit: Annotated[Audit, audited("correct_field", "intake", CASE_MANAGERS, login=workspace_user)],
    user: WorkspaceCaseManager,
    session: SessionDep,
    value: Annotated[list[str] | None, Form()] = None,
    item: Annotated[int | None, Form(ge=0, le=50)] = None,
    leeg: Annotated[str | None, Form(max_length=1)] = None,
) -> Response:
    """Save a correction: the API's correction (a new version, the history kept). Refused: the
    form again with what was typed and the API's Dutch message."""
    typed = value or []
    show_empty = bool(leeg)
    before = api.read_intake(intake_id, audit, session)
    field = find_field(before, question_id, item)
    if field is None:
        raise NotFound()
    try:
        body = api.CorrectionIn(value=typed_value(field, typed), item=item)
        after = api.correct_field(intake_id, question_id, body, audit, session)
    except (ApiError, ValidationError) as refused:
        message = refused.message if isinstance(refused, ApiError) else nl_("This value cannot be stored.")
        audit.note(refused=getattr(refused, "status_code", 422))
        correction = open_correction(field, typed, message)
        if _is_htmx(request):
            return _field_fragment(request, user, before, field, show_empty, correction=correction, status_code=422)
        corrections = {_field_key(field.question_id, field.item): correction}
        return _intake_page(request, user, before, True, corrections, status_code=422)
    saved = find_field(after, question_id, item)
    assert saved is not None
    changed = len(saved.history) > len(field.history)
    notice = nl_("Saved. The previous value is among the earlier versions.") if changed else None
    notice = notice or nl_("Not changed: this is the current value already.")
    if _is_htmx(request):
        return _field_fragment(request, user, after, saved, show_empty, notice=notice, focus="correct")
    return see_other(f"{WORKSPACE}/intakes/{intake_id}{'?leeg=1' if show_empty else ''}#field-{saved.question_id}")


@router.post("/{intake_id}/secties/{section_id}/bevestigen", response_class=HTMLResponse, dependencies=[CsrfChecked])
def confirm_section(
    request: Request,
    intake_id: uuid.UUID,
    section_id: str,
    audit: Annotated[Audit, audited("confirm_section", "intake", CASE_MANAGERS, login=workspace_user)],
    user: WorkspaceCaseManager,
    session: SessionDep,
) -> Response:
    """The case manager checked this section (the API's confirmation: who and when)."""
    intake = api.confirm_section(intake_id, section_id, audit, session)
    section = find_section(intake, section_id)
    if section is None:
        raise NotFound()
    if not _is_htmx(request):
        return see_other(f"{WORKSPACE}/intakes/{intake_id}#section-{section_id}")
    return render_page(
        request,
        "workspace/_review_fragment.html",
        user,
        intake=intake,
        section=section,
        notice=nl_("The section is confirmed."),
    )


@router.post("/{intake_id}/startdatum", dependencies=[CsrfChecked])
def set_term_start(
    intake_id: uuid.UUID,
    audit: Annotated[Audit, audited("set_term_start", "intake", CASE_MANAGERS, login=workspace_user)],
    user: WorkspaceCaseManager,
    session: SessionDep,
    starts_on: Annotated[date, Form()],
) -> Response:
    """The start of the integration term from DUO's notice: the 10-week clock starts there."""
    appointments_api.set_term_start(intake_id, appointments_api.TermStartIn(starts_on=starts_on), audit, session)
    return see_other(f"{WORKSPACE}/intakes/{intake_id}?gedaan=startdatum#timeline")


@router.post("/{intake_id}/uitnodigingen", dependencies=[CsrfChecked])
def send_invitation(
    intake_id: uuid.UUID,
    audit: Annotated[Audit, audited("send_invitation", "intake", CASE_MANAGERS, login=workspace_user)],
    user: WorkspaceCaseManager,
    session: SessionDep,
    respond_by: Annotated[date, Form()],
) -> Response:
    """The next step of the invitation chain, with the date to respond by."""
    if respond_by <= labels.today():
        raise BadRequest(nl_("The date to respond by must be after today."))
    body = appointments_api.InvitationIn(respond_by=respond_by)
    appointments_api.send_invitation(intake_id, body, audit, session)
    return see_other(f"{WORKSPACE}/intakes/{intake_id}?gedaan=uitnodiging#timeline")


@router.post("/{intake_id}/afspraken", dependencies=[CsrfChecked])
def book_appointment(
    intake_id: uuid.UUID,
    audit: Annotated[Audit, audited("book_appointment", "intake", CASE_MANAGERS, login=workspace_user)],
    user: WorkspaceCaseManager,
    session: SessionDep,
    token: Annotated[str, Form(max_length=120)],
) -> Response:
    """One of the free times, booked (taken meanwhile: the API's message)."""
    appointments_api.book_appointment(intake_id, appointments_api.BookIn(token=token), audit, session)
    return see_other(f"{WORKSPACE}/intakes/{intake_id}?gedaan=geboekt#timeline")
