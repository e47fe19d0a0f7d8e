"""The workspace's availability page: the RIT's case managers, interpreters and rooms with their
weekly hours and absences, changed with plain forms. The JSON API's route functions
(backend/api/resources.py) do the work and its checks (an end after the start, no overlap).
Times are typed on the clock in Amsterdam; turning them into instants happens here, not in a
browser script.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated

from babel.dates import get_day_names
from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from backend.api import resources as api
from backend.api.params import RowId
from backend.deps import SessionDep
from backend.errors import BadRequest
from backend.models import AMSTERDAM, StaffUser
from backend.policy import CASE_MANAGERS, Audit, audited, staff_only
from backend.workspace.sessions import CsrfChecked, WorkspaceCaseManager, workspace_user
from backend.workspace.templating import WORKSPACE, render_page, see_other
from backend.workspace.text import STAFF_LANGUAGE, nl_

router = APIRouter(prefix=f"{WORKSPACE}/beschikbaarheid", include_in_schema=False)
PAGE = f"{WORKSPACE}/beschikbaarheid"
KINDS = ("case_manager", "interpreter", "room")


def weekday_names() -> list[str]:
    """'Maandag' ... 'Zondag' (0 = Monday, as the working hours count)."""
    names = get_day_names("wide", locale=STAFF_LANGUAGE)
    return [names[day].capitalize() for day in range(7)]


def kind_label(kind: str) -> str:
    labels = {"case_manager": nl_("Case managers"), "interpreter": nl_("Interpreters"), "room": nl_("Rooms")}
    return labels.get(kind, kind)


DONE = {
    "werktijden": lambda: nl_("The working hours are saved."),
    "afwezig": lambda: nl_("The absence is added."),
    "verwijderd": lambda: nl_("The absence is removed."),
}


@router.get("", response_class=HTMLResponse)
def availability_page(
    request: Request,
    user: Annotated[
        StaffUser, staff_only(CASE_MANAGERS, "the RIT's rooms, interpreters and hours", login=workspace_user)
    ],
    session: SessionDep,
    gedaan: str | None = None,
) -> HTMLResponse:
    resources = api.list_resources(user, session)
    groups = [(kind_label(kind), [r for r in resources if r.kind == kind]) for kind in KINDS]
    return render_page(
        request,
        "workspace/availability.html",
        user,
        tab="beschikbaarheid",
        groups=[(label, rows) for label, rows in groups if rows],
        weekdays=weekday_names(),
        today=datetime.now(AMSTERDAM).date().isoformat(),
        notice=DONE[gedaan]() if gedaan in DONE else None,
    )


@router.post("/{resource_id}/werktijden", dependencies=[CsrfChecked])
async def set_hours(
    request: Request,
    resource_id: RowId,
    audit: Annotated[Audit, audited("set_working_hours", "resource", CASE_MANAGERS, login=workspace_user)],
    user: WorkspaceCaseManager,
    session: SessionDep,
) -> Response:
    """The week's hours as typed: per weekday pairs of `starts-<day>` and `ends-<day>`; a pair
    left empty is a period removed."""
    form = await request.form()
    hours = []
    for weekday in range(7):
        starts = [str(v) for v in form.getlist(f"starts-{weekday}")]
        ends = [str(v) for v in form.getlist(f"ends-{weekday}")]
        for start, end in zip(starts, ends, strict=False):
            if not start and not end:
                continue
            if not start or not end:
                raise BadRequest(nl_("Fill in a start and an end for every time, or empty both."))
            try:
                period = api.HoursIn(weekday=weekday, starts=time.fromisoformat(start), ends=time.fromisoformat(end))
            except ValueError:
                raise BadRequest(nl_("Fill in a start and an end for every time, or empty both.")) from None
            hours.append(period)
    await run_in_threadpool(api.set_working_hours, resource_id, hours, audit, session)
    return see_other(f"{PAGE}?gedaan=werktijden#resource-{resource_id}")


def _instant(day: date, at: time) -> datetime:
    """A date and time on the clock in Amsterdam, as an instant."""
    return datetime.combine(day, at, tzinfo=AMSTERDAM)


@router.post("/{resource_id}/afwezig", dependencies=[CsrfChecked])
def add_absence(
    resource_id: RowId,
    audit: Annotated[Audit, audited("add_absence", "resource", CASE_MANAGERS, login=workspace_user)],
    user: WorkspaceCaseManager,
    session: SessionDep,
    from_day: Annotated[date, Form()],
    from_time: Annotated[time, Form()],
    until_day: Annotated[date, Form()],
    until_time: Annotated[time, Form()],
    reason: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    body = api.AbsenceIn(
        starts_at=_instant(from_day, from_time),
        ends_at=_instant(until_day, until_time),
        reason=reason.strip() or None,
    )
    api.add_absence(resource_id, body, audit, session)
    return see_other(f"{PAGE}?gedaan=afwezig#resource-{resource_id}")


@router.post("/{resource_id}/afwezig/{absence_id}/verwijderen", dependencies=[CsrfChecked])
def remove_absence(
    resource_id: RowId,
    absence_id: RowId,
    audit: Annotated[Audit, audited("remove_absence", "resource", CASE_MANAGERS, login=workspace_user)],
    user: WorkspaceCaseManager,
    session: SessionDep,
) -> Response:
    api.remove_absence(resource_id, absence_id, audit, session)
    return see_other(f"{PAGE}?gedaan=verwijderd#resource-{resource_id}")
