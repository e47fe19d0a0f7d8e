"""Rendering a workspace page: the Jinja2 environment (Dutch from the `staff` catalog, the
presenters' formatting as filters) and the context every page gets from base.html.

A page of another part (the PIP draft, the figures) extends `workspace/base.html` and renders
with `render_page(request, "workspace/pip.html", user, tab="intakes", title=..., ...)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from backend.models import StaffRole, StaffUser
from backend.page_headers import PAGE_HEADERS
from backend.presenters import appointments, labels
from backend.workspace.sessions import csrf_token_of
from backend.workspace.text import nl_, staff_translations

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
WORKSPACE = "/werkplek"

_environment = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR), autoescape=select_autoescape(), extensions=["jinja2.ext.i18n"]
)
templates = Jinja2Templates(env=_environment)
templates.env.install_gettext_callables(  # type: ignore[attr-defined]
    lambda message: staff_translations().gettext(message),
    lambda singular, plural, n: staff_translations().ngettext(singular, plural, n),
    newstyle=True,
)
templates.env.filters.update(
    date=labels.dutch_date,
    datetime=labels.dutch_datetime,
    time=labels.dutch_time,
    language=labels.language_name,
    langtag=labels.language_tag,
    day=labels.dutch_day,
    euros=appointments.euros,
    date_of=labels.day_of,
    invitation_response=lambda invitation, today: appointments.invitation_response_label(
        invitation.respond_by, invitation.responded_at, today
    ),
    next_step=appointments.next_step_label,
    appointment_type=appointments.appointment_type_label,
)


@dataclass(frozen=True)
class Tab:
    id: str
    label: str
    href: str


def tabs_for(role: StaffRole) -> list[Tab]:
    """The parts of the workspace a role works in (each page checks access again)."""
    intakes = Tab("intakes", nl_("Intakes"), f"{WORKSPACE}/intakes")
    calendar = Tab("afspraken", nl_("Appointments"), f"{WORKSPACE}/afspraken")
    availability = Tab("beschikbaarheid", nl_("Availability"), f"{WORKSPACE}/beschikbaarheid")
    translations = Tab("vertalen", nl_("Translate"), f"{WORKSPACE}/vertalen")
    figures = Tab("cijfers", nl_("Figures"), f"{WORKSPACE}/cijfers")  # numbers only (backend/workspace/figures.py)
    chats = Tab("gesprekken", nl_("Chats"), f"{WORKSPACE}/gesprekken")  # people who asked for a person
    if role == StaffRole.CASE_MANAGER:
        return [intakes, chats, calendar, availability, translations, figures]
    if role == StaffRole.VOLUNTEER:
        return [chats, translations]
    staff = Tab("medewerkers", nl_("Staff accounts"), f"{WORKSPACE}/medewerkers")  # backend/workspace/staff.py
    return [figures, staff]  # administrators: the region's figures and the staff accounts


def render_page(
    request: Request,
    template: str,
    user: StaffUser | None,
    *,
    tab: str | None = None,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    """A workspace page (or an htmx fragment) with the strict page headers. `user` None: the
    login page. The CSRF token is the one of the request's session, for every form."""
    base = {
        "user": user,
        "who": labels.staff_member(user) if user else None,
        "tabs": tabs_for(user.role) if user else [],
        "current_tab": tab,
        "csrf_token": csrf_token_of(request) if user else None,
        "workspace": WORKSPACE,
    }
    return templates.TemplateResponse(
        request, template, {**base, **context}, status_code=status_code, headers=PAGE_HEADERS
    )


def see_other(url: str) -> RedirectResponse:
    """After a form: the browser loads `url` (a GET)."""
    return RedirectResponse(url, status_code=303)
