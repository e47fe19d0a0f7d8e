"""The RIT team's availability: case managers, interpreters and rooms, their weekly hours and
absences. Slot search reads these tables on every search, so a change counts at once.

Any case manager may manage it (the RIT is one team for the seven municipalities); every
change is audited. Appointments already booked in time that becomes unavailable are kept: the
calendar lists them so that someone moves them with the person.
"""

from __future__ import annotations

from datetime import time
from itertools import pairwise
from typing import Annotated, Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import delete, select

from backend.api.params import BodyId, Moment, RowId
from backend.deps import SessionDep
from backend.errors import BadRequest, NotFound, _
from backend.models import Absence, Location, Resource, ResourceKind, StaffUser, WorkingHours, as_utc, utcnow
from backend.policy import CASE_MANAGERS, Audit, audited, staff_only
from backend.text_input import StrictText

router = APIRouter(prefix="/api", tags=["resources"])

# The RIT's rooms, interpreters and case managers' hours: no person's data. Changes are audited.
RitStaff = Annotated[StaffUser, staff_only(CASE_MANAGERS, "the RIT's rooms, interpreters and hours")]


class HoursIn(BaseModel):
    weekday: int = Field(ge=0, le=6, description="0 = Monday")
    starts: time
    ends: time


class AbsenceIn(BaseModel):
    starts_at: Moment
    ends_at: Moment
    reason: StrictText | None = Field(default=None, max_length=200)


class AbsenceOut(AbsenceIn):
    id: int


class ResourceIn(BaseModel):
    """A new interpreter or room (case managers come with their staff accounts)."""

    kind: Literal["interpreter", "room"]
    name: StrictText = Field(min_length=2, max_length=120)
    location_id: BodyId | None = None
    languages: list[StrictText] = Field(default_factory=list, max_length=20)
    by_phone: bool = False


class ResourceOut(BaseModel):
    id: int
    kind: str
    name: str
    location: str | None
    languages: list[str]
    by_phone: bool
    hours: list[HoursIn]
    absences: list[AbsenceOut] = Field(description="absences that have not ended yet")


def _resource_out(resource: Resource, absences: list[Absence]) -> ResourceOut:
    return ResourceOut(
        id=resource.id,
        kind=resource.kind.value,
        name=resource.name,
        location=resource.location.name if resource.location else None,
        languages=list(resource.languages or []),
        by_phone=resource.by_phone,
        hours=[
            HoursIn(weekday=h.weekday, starts=h.starts, ends=h.ends)
            for h in sorted(resource.hours, key=lambda h: (h.weekday, h.starts))
        ],
        absences=[
            AbsenceOut(id=a.id, starts_at=as_utc(a.starts_at), ends_at=as_utc(a.ends_at), reason=a.reason)
            for a in absences
        ],
    )


def _coming_absences(session: SessionDep, resource_ids: list[int]) -> dict[int, list[Absence]]:
    found: dict[int, list[Absence]] = {resource_id: [] for resource_id in resource_ids}
    rows = session.scalars(
        select(Absence)
        .where(Absence.resource_id.in_(resource_ids), Absence.ends_at > utcnow())
        .order_by(Absence.starts_at)
    )
    for absence in rows:
        found[absence.resource_id].append(absence)
    return found


def _active_resource(session: SessionDep, resource_id: int) -> Resource:
    resource = session.get(Resource, resource_id)
    if resource is None or not resource.active:
        raise NotFound()
    return resource


def _check_hours(hours: list[HoursIn]) -> None:
    for period in hours:
        if period.ends <= period.starts:
            raise BadRequest(_("The end must be after the start."))
    for weekday in range(7):
        day = sorted((p.starts, p.ends) for p in hours if p.weekday == weekday)
        for (_start, end), (next_start, _end) in pairwise(day):
            if next_start < end:
                raise BadRequest(_("Working hours on one day must not overlap."))


@router.get("/resources")
def list_resources(_user: RitStaff, session: SessionDep) -> list[ResourceOut]:
    rows = list(
        session.scalars(select(Resource).where(Resource.active.is_(True)).order_by(Resource.kind, Resource.name))
    )
    absences = _coming_absences(session, [r.id for r in rows])
    return [_resource_out(r, absences[r.id]) for r in rows]


@router.post("/resources", status_code=201)
def add_resource(
    body: ResourceIn, audit: Annotated[Audit, audited("add_resource", "resource", CASE_MANAGERS)], session: SessionDep
) -> ResourceOut:
    """An interpreter (with languages; `by_phone` for a telephone service) or a room at a location."""
    if body.kind == "room" and (body.location_id is None or session.get(Location, body.location_id) is None):
        raise BadRequest(_("A room needs an existing location."))
    if body.kind == "interpreter" and not body.languages:
        raise BadRequest(_("An interpreter needs at least one language."))
    resource = Resource(
        kind=ResourceKind(body.kind),
        name=body.name.strip(),
        location_id=body.location_id if body.kind == "room" else None,
        languages=sorted(set(body.languages)) if body.kind == "interpreter" else [],
        by_phone=body.by_phone and body.kind == "interpreter",
    )
    session.add(resource)
    session.flush()
    audit.about(resource.id)
    return _resource_out(resource, [])


@router.put("/resources/{resource_id}/hours")
def set_working_hours(
    resource_id: RowId,
    body: list[HoursIn],
    audit: Annotated[Audit, audited("set_working_hours", "resource", CASE_MANAGERS)],
    session: SessionDep,
) -> ResourceOut:
    """Replace the weekly hours (local time). An empty list: not available on any day."""
    audit.about(resource_id)
    resource = _active_resource(session, resource_id)
    _check_hours(body)
    session.execute(delete(WorkingHours).where(WorkingHours.resource_id == resource.id))
    session.add_all(
        WorkingHours(resource_id=resource.id, weekday=p.weekday, starts=p.starts, ends=p.ends) for p in body
    )
    session.flush()
    session.refresh(resource)
    return _resource_out(resource, _coming_absences(session, [resource.id])[resource.id])


@router.post("/resources/{resource_id}/absences", status_code=201)
def add_absence(
    resource_id: RowId,
    body: AbsenceIn,
    audit: Annotated[Audit, audited("add_absence", "resource", CASE_MANAGERS)],
    session: SessionDep,
) -> ResourceOut:
    """A case manager, interpreter or room is not available; slot search leaves that time out.
    Appointments already booked in that time stay and are listed for moving in the calendar."""
    audit.about(resource_id)
    resource = _active_resource(session, resource_id)
    if body.ends_at <= body.starts_at:
        raise BadRequest(_("The end must be after the start."))
    session.add(Absence(resource_id=resource.id, starts_at=body.starts_at, ends_at=body.ends_at, reason=body.reason))
    session.flush()
    return _resource_out(resource, _coming_absences(session, [resource.id])[resource.id])


@router.delete("/resources/{resource_id}/absences/{absence_id}")
def remove_absence(
    resource_id: RowId,
    absence_id: RowId,
    audit: Annotated[Audit, audited("remove_absence", "resource", CASE_MANAGERS)],
    session: SessionDep,
) -> ResourceOut:
    audit.about(resource_id)
    resource = _active_resource(session, resource_id)
    absence = session.get(Absence, absence_id)
    if absence is None or absence.resource_id != resource.id:
        raise NotFound()
    session.delete(absence)
    session.flush()
    return _resource_out(resource, _coming_absences(session, [resource.id])[resource.id])
