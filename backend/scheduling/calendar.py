"""Load the region's calendar from the database into the in-memory form slot search uses."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.models import Absence, Location, Resource, ResourceClaim, ResourceKind, WorkingHours, as_utc
from backend.scheduling.slots import Calendar, LocationInfo, ResourceCalendar


def load_calendar(session: Session, start: datetime, end: datetime, resource_ids: set[int] | None = None) -> Calendar:
    """Everything that decides whether resources are free between `start` and `end`.

    `resource_ids` limits the load to some resources (checking one slot before booking it).
    """
    query = select(Resource).where(Resource.active.is_(True))
    if resource_ids is not None:
        query = query.where(Resource.id.in_(resource_ids))
    resources = list(session.scalars(query))
    ids = [r.id for r in resources]

    hours: dict[int, dict[int, list[tuple[time, time]]]] = defaultdict(lambda: defaultdict(list))
    for row in session.scalars(select(WorkingHours).where(WorkingHours.resource_id.in_(ids))):
        hours[row.resource_id][row.weekday].append((row.starts, row.ends))

    absences: dict[int, list[tuple[datetime, datetime]]] = defaultdict(list)
    absent = select(Absence).where(Absence.resource_id.in_(ids), Absence.starts_at < end, Absence.ends_at > start)
    for absence in session.scalars(absent):
        absences[absence.resource_id].append((as_utc(absence.starts_at), as_utc(absence.ends_at)))

    taken: dict[int, set[datetime]] = defaultdict(set)
    claims = select(ResourceClaim.resource_id, ResourceClaim.block_start).where(
        ResourceClaim.resource_id.in_(ids), ResourceClaim.block_start >= start, ResourceClaim.block_start < end
    )
    for resource_id, block_start in session.execute(claims):
        taken[resource_id].add(as_utc(block_start))

    locations = [
        LocationInfo(loc.id, loc.name, loc.address, loc.municipality_code)
        for loc in session.scalars(select(Location).order_by(Location.id))
    ]
    return Calendar(
        locations=locations,
        resources=[
            ResourceCalendar(
                id=r.id,
                kind=r.kind.value,
                name=r.name,
                hours=dict(hours[r.id]),
                absences=absences[r.id],
                taken=taken[r.id],
                municipalities=frozenset(r.staff_user.municipality_codes)
                if r.kind == ResourceKind.CASE_MANAGER and r.staff_user is not None
                else frozenset(),
                location_id=r.location_id,
                languages=frozenset(r.languages or []),
                by_phone=r.by_phone,
            )
            for r in sorted(resources, key=lambda r: r.id)
        ],
    )
