"""Slot search: the earliest times at which everything an appointment needs is free at once.

Pure functions over an in-memory calendar (see `backend.scheduling.calendar` for loading it
from the database), so that the rules can be tested with generated calendars.

Time is cut into 15-minute blocks. A resource is free for an appointment when the whole
appointment lies in one of its weekly working periods (local time), overlaps none of its
absences and claims none of its taken blocks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from backend.scheduling.types import AppointmentType

BLOCK = timedelta(minutes=15)
LOCAL_TIME = ZoneInfo("Europe/Amsterdam")

# The parts of the week a person can choose in the pre-intake (question `availability`).
WEEKDAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_PARTS: dict[str, tuple[time, time]] = {
    "morning": (time(9, 0), time(12, 30)),
    "afternoon": (time(13, 0), time(17, 0)),
}


def blocks(start: datetime, end: datetime) -> Iterator[datetime]:
    """The 15-minute blocks from `start` up to `end` (both on the block grid), in UTC."""
    moment = start.astimezone(UTC)
    end = end.astimezone(UTC)
    while moment < end:
        yield moment
        moment += BLOCK


def on_grid(moment: datetime) -> bool:
    return moment.second == 0 and moment.microsecond == 0 and moment.minute % 15 == 0


TOKEN_SEPARATOR = "~"  # noqa: S105 - joins the parts of a slot token; no secret


@dataclass
class ResourceCalendar:
    """One case manager, interpreter or room, with everything that makes it busy."""

    id: int
    kind: str  # case_manager, interpreter, room
    name: str
    hours: dict[int, list[tuple[time, time]]]  # weekday (0 = Monday) -> local periods
    absences: list[tuple[datetime, datetime]] = field(default_factory=list)
    taken: set[datetime] = field(default_factory=set)  # UTC block starts
    municipalities: frozenset[str] = frozenset()  # case managers: whom they serve
    location_id: int | None = None  # rooms: where they are
    languages: frozenset[str] = frozenset()  # interpreters
    by_phone: bool = False  # interpreters: join any location by telephone

    def works(self, start: datetime, end: datetime) -> bool:
        local_start, local_end = start.astimezone(LOCAL_TIME), end.astimezone(LOCAL_TIME)
        if local_start.date() != local_end.date():
            return False
        periods = self.hours.get(local_start.weekday(), [])
        return any(begin <= local_start.time() and local_end.time() <= finish for begin, finish in periods)

    def is_free(self, start: datetime, end: datetime) -> bool:
        if not self.works(start, end):
            return False
        if any(absent_from < end and start < absent_until for absent_from, absent_until in self.absences):
            return False
        return not any(block in self.taken for block in blocks(start, end))


@dataclass(frozen=True)
class LocationInfo:
    id: int
    name: str
    address: str
    municipality_code: str


@dataclass
class Calendar:
    locations: list[LocationInfo]
    resources: list[ResourceCalendar]

    def of_kind(self, kind: str) -> list[ResourceCalendar]:
        return [r for r in self.resources if r.kind == kind]

    def resource(self, resource_id: int) -> ResourceCalendar | None:
        return next((r for r in self.resources if r.id == resource_id), None)


@dataclass(frozen=True)
class SlotRequest:
    type: AppointmentType
    municipality_code: str
    availability: frozenset[str]  # codes like "mon_morning"; empty means any weekday part
    interpreter_language: str | None  # None: no interpreter needed
    earliest: datetime  # UTC
    deadline: datetime  # UTC; the appointment must end by then
    count: int = 3
    one_per_day: bool = True


@dataclass(frozen=True)
class Slot:
    type_code: str
    starts_at: datetime
    ends_at: datetime
    location_id: int
    case_manager_id: int
    room_id: int
    interpreter_id: int | None = None

    def resource_ids(self) -> list[int]:
        ids = [self.case_manager_id, self.room_id]
        return ids if self.interpreter_id is None else [*ids, self.interpreter_id]

    def token(self) -> str:
        """A compact text for a chat button; `Slot.from_token` reads it back.

        Parts are joined with "~", not "." or "-": the chat refuses any message in which nine
        digits with such separators pass the BSN eleven-test, and a button must never look
        like a BSN (the time "…T0900" and three ids would make nine digits)."""
        interpreter = self.interpreter_id if self.interpreter_id is not None else 0
        start = self.starts_at.astimezone(UTC).strftime("%Y%m%dT%H%M")
        parts = (self.type_code, start, self.location_id, self.case_manager_id, self.room_id, interpreter)
        return TOKEN_SEPARATOR.join(str(part) for part in parts)

    @classmethod
    def from_token(cls, token: str, duration: timedelta) -> Slot:
        """Raises ValueError for anything that is not a slot token (also the older "."-joined
        tokens still standing on people's screens)."""
        separator = TOKEN_SEPARATOR if TOKEN_SEPARATOR in token else "."
        type_code, start, location, case_manager, room, interpreter = token.split(separator)
        starts_at = datetime.strptime(start, "%Y%m%dT%H%M").replace(tzinfo=UTC)
        return cls(
            type_code=type_code,
            starts_at=starts_at,
            ends_at=starts_at + duration,
            location_id=int(location),
            case_manager_id=int(case_manager),
            room_id=int(room),
            interpreter_id=int(interpreter) or None,
        )


def person_windows(day: date, availability: frozenset[str]) -> list[tuple[datetime, datetime]]:
    """The periods of one day the person said they can come, in UTC (weekdays only)."""
    weekday = day.weekday()
    if weekday >= 5:
        return []
    windows = []
    for part, (begin, finish) in DAY_PARTS.items():
        if availability and f"{WEEKDAY_CODES[weekday]}_{part}" not in availability:
            continue
        start = datetime.combine(day, begin, LOCAL_TIME).astimezone(UTC)
        end = datetime.combine(day, finish, LOCAL_TIME).astimezone(UTC)
        windows.append((start, end))
    return windows


def _candidate_starts(request: SlotRequest) -> Iterator[datetime]:
    """Every start on the grid inside the person's availability, earliest first."""
    duration = request.type.duration
    day = request.earliest.astimezone(LOCAL_TIME).date()
    last_day = request.deadline.astimezone(LOCAL_TIME).date()
    while day <= last_day:
        for window_start, window_end in person_windows(day, request.availability):
            start = window_start
            while start + duration <= window_end:
                if start >= request.earliest and start + duration <= request.deadline:
                    yield start
                start += BLOCK
        day += timedelta(days=1)


def _fit(calendar: Calendar, request: SlotRequest, location: LocationInfo, start: datetime) -> Slot | None:
    """The first combination of free resources for one start at one location, if any."""
    end = start + request.type.duration
    room = next(
        (r for r in calendar.of_kind("room") if r.location_id == location.id and r.is_free(start, end)),
        None,
    )
    if room is None:
        return None
    case_manager = next(
        (
            r
            for r in calendar.of_kind("case_manager")
            if request.municipality_code in r.municipalities and r.is_free(start, end)
        ),
        None,
    )
    if case_manager is None:
        return None
    interpreter_id = None
    if request.interpreter_language and request.type.interpreter:
        # An interpreter in the room first; a telephone interpreter when none is free.
        speakers = [r for r in calendar.of_kind("interpreter") if request.interpreter_language in r.languages]
        speakers.sort(key=lambda r: r.by_phone)
        interpreter = next((r for r in speakers if r.is_free(start, end)), None)
        if interpreter is None:
            return None
        interpreter_id = interpreter.id
    return Slot(request.type.code, start, end, location.id, case_manager.id, room.id, interpreter_id)


def preferred_locations(calendar: Calendar, municipality_code: str) -> tuple[list[LocationInfo], list[LocationInfo]]:
    """The person's own municipality's locations, then the rest of the region."""
    own = [loc for loc in calendar.locations if loc.municipality_code == municipality_code]
    others = [loc for loc in calendar.locations if loc.municipality_code != municipality_code]
    return own, others


def find_slots(calendar: Calendar, request: SlotRequest) -> list[Slot]:
    """The earliest `count` slots, at the person's own municipality first.

    Locations elsewhere in the region are offered only when the own municipality cannot
    give `count` slots before the deadline.
    """
    found: list[Slot] = []
    for locations in preferred_locations(calendar, request.municipality_code):
        days_used = {s.starts_at.astimezone(LOCAL_TIME).date() for s in found}
        for start in _candidate_starts(request):
            if len(found) >= request.count:
                return found
            day = start.astimezone(LOCAL_TIME).date()
            if request.one_per_day and day in days_used:
                continue
            for location in locations:
                slot = _fit(calendar, request, location, start)
                if slot is not None:
                    found.append(slot)
                    days_used.add(day)
                    break
    return found[: request.count]


def slot_still_fits(calendar: Calendar, request: SlotRequest, slot: Slot) -> bool:
    """Whether a slot offered earlier is still possible: every resource right and free."""
    if slot.type_code != request.type.code or not on_grid(slot.starts_at):
        return False
    if slot.ends_at - slot.starts_at != request.type.duration or slot.ends_at > request.deadline:
        return False
    if slot.starts_at < request.earliest:
        return False
    location = next((loc for loc in calendar.locations if loc.id == slot.location_id), None)
    room, case_manager = calendar.resource(slot.room_id), calendar.resource(slot.case_manager_id)
    if location is None or room is None or case_manager is None:
        return False
    if room.kind != "room" or room.location_id != location.id or not room.is_free(slot.starts_at, slot.ends_at):
        return False
    if case_manager.kind != "case_manager" or request.municipality_code not in case_manager.municipalities:
        return False
    if not case_manager.is_free(slot.starts_at, slot.ends_at):
        return False
    needs_interpreter = bool(request.interpreter_language and request.type.interpreter)
    if not needs_interpreter:
        return slot.interpreter_id is None
    interpreter = calendar.resource(slot.interpreter_id) if slot.interpreter_id is not None else None
    return (
        interpreter is not None
        and interpreter.kind == "interpreter"
        and request.interpreter_language in interpreter.languages
        and interpreter.is_free(slot.starts_at, slot.ends_at)
    )


@dataclass(frozen=True)
class NoSlotReason:
    code: str
    detail: str  # Dutch, for the case manager


def why_no_slot(calendar: Calendar, request: SlotRequest) -> NoSlotReason:
    """The most useful explanation when `find_slots` found nothing."""
    deadline = request.deadline.astimezone(LOCAL_TIME).strftime("%d-%m-%Y")
    if request.deadline <= request.earliest:
        return NoSlotReason("deadline_passed", f"De uiterste datum ({deadline}) is al voorbij.")
    if not any(request.municipality_code in r.municipalities for r in calendar.of_kind("case_manager")):
        return NoSlotReason("no_case_manager", "Geen casemanager werkt voor deze gemeente.")
    if not calendar.of_kind("room"):
        return NoSlotReason("no_room", "Er zijn geen ruimtes ingesteld.")
    speakers = [r for r in calendar.of_kind("interpreter") if request.interpreter_language in r.languages]
    if request.interpreter_language and request.type.interpreter and not speakers:
        return NoSlotReason(
            "no_interpreter", f"Geen tolk (ook niet telefonisch) voor de taal '{request.interpreter_language}'."
        )
    if next(_candidate_starts(request), None) is None:
        return NoSlotReason("availability", f"De persoon is vóór {deadline} op geen enkel dagdeel beschikbaar.")
    return NoSlotReason(
        "fully_booked",
        f"Vóór {deadline} is er geen moment waarop casemanager, ruimte"
        + (" en tolk" if request.interpreter_language and request.type.interpreter else "")
        + " tegelijk vrij zijn binnen de beschikbaarheid van de persoon.",
    )
