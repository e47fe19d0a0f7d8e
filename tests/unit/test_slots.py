"""Slot search properties on generated calendars: every offered slot is really possible,
nothing earlier was missed, and "nothing found" means nothing was possible."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from backend.scheduling.slots import (
    BLOCK,
    LOCAL_TIME,
    Calendar,
    LocationInfo,
    ResourceCalendar,
    Slot,
    SlotRequest,
    blocks,
    find_slots,
    person_windows,
    slot_still_fits,
    why_no_slot,
)
from backend.scheduling.types import APPOINTMENT_TYPES
from forms.answers import looks_like_bsn

MONDAY = datetime(2027, 3, 1, tzinfo=LOCAL_TIME)  # a week without a clock change
HORIZON_DAYS = 10
LOCATIONS = [LocationInfo(1, "Hoorn", "Nieuwe Steen 1", "0405"), LocationInfo(2, "Enkhuizen", "Kaai 1", "0388")]
AVAILABILITY_CODES = [f"{d}_{p}" for d in ("mon", "tue", "wed", "thu", "fri") for p in ("morning", "afternoon")]


@st.composite
def weekly_hours(draw: st.DrawFn) -> dict[int, list[tuple[time, time]]]:
    hours: dict[int, list[tuple[time, time]]] = {}
    for weekday in draw(st.sets(st.integers(0, 4), min_size=1)):
        start = draw(st.integers(8 * 4, 14 * 4))
        length = draw(st.integers(4, 4 * 8))
        end = min(start + length, 18 * 4)
        hours[weekday] = [(time(start // 4, start % 4 * 15), time(end // 4, end % 4 * 15))]
    return hours


@st.composite
def taken_blocks(draw: st.DrawFn) -> set[datetime]:
    taken: set[datetime] = set()
    for _ in range(draw(st.integers(0, 6))):
        day = draw(st.integers(0, HORIZON_DAYS - 1))
        start = MONDAY + timedelta(days=day, hours=8) + BLOCK * draw(st.integers(0, 36))
        taken.update(blocks(start, start + BLOCK * draw(st.integers(1, 16))))
    return taken


@st.composite
def calendars(draw: st.DrawFn) -> Calendar:
    resources: list[ResourceCalendar] = []
    ids = itertools.count(1)
    for location in LOCATIONS:
        for _ in range(draw(st.integers(0, 2))):
            resources.append(
                ResourceCalendar(
                    next(ids), "room", "room", draw(weekly_hours()), taken=draw(taken_blocks()), location_id=location.id
                )
            )
    for _ in range(draw(st.integers(0, 3))):
        absences = []
        if draw(st.booleans()):
            start = MONDAY + timedelta(days=draw(st.integers(0, HORIZON_DAYS)))
            absences.append((start.astimezone(UTC), (start + timedelta(days=draw(st.integers(1, 3)))).astimezone(UTC)))
        resources.append(
            ResourceCalendar(
                next(ids),
                "case_manager",
                "cm",
                draw(weekly_hours()),
                absences=absences,
                taken=draw(taken_blocks()),
                municipalities=frozenset(draw(st.sets(st.sampled_from(["0405", "0388"]), min_size=1))),
            )
        )
    for _ in range(draw(st.integers(0, 2))):
        resources.append(
            ResourceCalendar(
                next(ids),
                "interpreter",
                "tolk",
                draw(weekly_hours()),
                taken=draw(taken_blocks()),
                languages=frozenset(draw(st.sets(st.sampled_from(["ar", "ti"]), min_size=1))),
                by_phone=draw(st.booleans()),
            )
        )
    return Calendar(LOCATIONS, resources)


@st.composite
def requests(draw: st.DrawFn) -> SlotRequest:
    kind = APPOINTMENT_TYPES[draw(st.sampled_from(["brede_intake", "follow_up", "learnability_test"]))]
    earliest = (MONDAY + timedelta(hours=draw(st.integers(0, 48)))).astimezone(UTC)
    return SlotRequest(
        type=kind,
        municipality_code=draw(st.sampled_from(["0405", "0388"])),
        availability=frozenset(draw(st.sets(st.sampled_from(AVAILABILITY_CODES)))),
        interpreter_language=draw(st.sampled_from([None, "ar", "ti"])),
        earliest=earliest,
        deadline=(MONDAY + timedelta(days=draw(st.integers(1, HORIZON_DAYS)))).astimezone(UTC),
        count=draw(st.integers(1, 4)),
    )


def every_possible_slot(calendar: Calendar, request: SlotRequest) -> list[Slot]:
    """Brute force: every start on the grid, every combination of resources."""
    rooms, managers = calendar.of_kind("room"), calendar.of_kind("case_manager")
    interpreters: list[ResourceCalendar | None] = [None, *calendar.of_kind("interpreter")]
    possible = []
    day = MONDAY.date()
    while day <= (MONDAY + timedelta(days=HORIZON_DAYS)).date():
        for start in (datetime.combine(day, time(0), LOCAL_TIME) + BLOCK * q for q in range(96)):
            end = start + request.type.duration
            for room, manager, interpreter in itertools.product(rooms, managers, interpreters):
                slot = Slot(
                    request.type.code,
                    start.astimezone(UTC),
                    end.astimezone(UTC),
                    room.location_id or 0,
                    manager.id,
                    room.id,
                    interpreter.id if interpreter else None,
                )
                if slot_still_fits(calendar, request, slot) and within_person_availability(slot, request):
                    possible.append(slot)
        day += timedelta(days=1)
    return possible


def within_person_availability(slot: Slot, request: SlotRequest) -> bool:
    day = slot.starts_at.astimezone(LOCAL_TIME).date()
    return any(s <= slot.starts_at and slot.ends_at <= e for s, e in person_windows(day, request.availability))


@settings(max_examples=150, deadline=None)
@given(calendars(), requests())
def test_every_offered_slot_is_possible(calendar: Calendar, request: SlotRequest) -> None:
    slots = find_slots(calendar, request)
    assert len(slots) <= request.count
    for slot in slots:
        # every resource right and free, within hours, availability and the deadline
        assert slot_still_fits(calendar, request, slot), slot
        assert within_person_availability(slot, request)
        assert request.earliest <= slot.starts_at and slot.ends_at <= request.deadline
    # no two offers overlap in time (one per day)
    days = [s.starts_at.astimezone(LOCAL_TIME).date() for s in slots]
    assert len(days) == len(set(days))


@settings(max_examples=150, deadline=None)
@given(calendars(), requests())
def test_nothing_possible_is_missed(calendar: Calendar, request: SlotRequest) -> None:
    slots = find_slots(calendar, request)
    possible = every_possible_slot(calendar, request)
    if not slots:
        assert possible == []
        assert why_no_slot(calendar, request).code in {
            "deadline_passed",
            "no_case_manager",
            "no_room",
            "no_interpreter",
            "availability",
            "fully_booked",
        }
        return
    own = [s for s in possible if calendar.locations[s.location_id - 1].municipality_code == request.municipality_code]
    first = slots[0]
    if own:
        # the first offer is at the person's own municipality, and nothing there is earlier
        assert LOCATIONS[first.location_id - 1].municipality_code == request.municipality_code
        assert first.starts_at == min(s.starts_at for s in own)
    else:
        assert first.starts_at == min(s.starts_at for s in possible)


def test_a_slot_token_reads_back() -> None:
    slot = Slot(
        "brede_intake", datetime(2027, 3, 2, 8, 0, tzinfo=UTC), datetime(2027, 3, 2, 9, 30, tzinfo=UTC), 1, 5, 3, 9
    )
    assert Slot.from_token(slot.token(), timedelta(minutes=90)) == slot
    for broken in ("", "brede_intake", "x.y.z.1.2.3", "brede_intake.20270302T0800.1.a.3.0"):
        try:
            Slot.from_token(broken, timedelta(minutes=90))
        except ValueError:
            continue
        raise AssertionError(broken)


@settings(max_examples=300, deadline=None)
@given(
    start=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2030, 12, 31)),
    ids=st.tuples(*[st.integers(min_value=1, max_value=99_999)] * 3),
    interpreter=st.one_of(st.none(), st.integers(min_value=1, max_value=99_999)),
)
def test_a_slot_button_never_looks_like_a_bsn(
    start: datetime, ids: tuple[int, int, int], interpreter: int | None
) -> None:
    """The chat refuses messages with a BSN; a tapped time must never be refused as one (it was,
    when the time and ids were joined with dots and made nine digits passing the eleven-test)."""
    starts_at = start.replace(tzinfo=UTC, second=0, microsecond=0)
    slot = Slot("brede_intake", starts_at, starts_at + timedelta(minutes=90), *ids, interpreter)
    payload = '/choose_slot{"slot_token": "' + slot.token() + '"}'
    assert not looks_like_bsn(payload)
    assert Slot.from_token(slot.token(), timedelta(minutes=90)) == slot


def test_older_dotted_tokens_still_read_back() -> None:
    start = datetime(2027, 3, 2, 8, 0, tzinfo=UTC)
    slot = Slot("pip_talk", start, start + timedelta(hours=1), 1, 5, 3, None)
    assert Slot.from_token("pip_talk.20270302T0800.1.5.3.0", timedelta(hours=1)) == slot


def test_the_deadline_is_respected_and_explained() -> None:
    hours = {d: [(time(9), time(17))] for d in range(5)}
    calendar = Calendar(
        LOCATIONS,
        [
            ResourceCalendar(1, "room", "r", hours, location_id=1),
            ResourceCalendar(2, "case_manager", "cm", hours, municipalities=frozenset({"0405"})),
        ],
    )
    request = SlotRequest(
        APPOINTMENT_TYPES["brede_intake"],
        "0405",
        frozenset(),
        "ti",
        earliest=MONDAY.astimezone(UTC),
        deadline=(MONDAY + timedelta(days=7)).astimezone(UTC),
    )
    assert find_slots(calendar, request) == []
    assert why_no_slot(calendar, request).code == "no_interpreter"
    calendar.resources.append(
        ResourceCalendar(3, "interpreter", "t", hours, languages=frozenset({"ti"}), by_phone=True)
    )
    slots = find_slots(calendar, request)
    assert [s.starts_at.astimezone(LOCAL_TIME).strftime("%a %H:%M") for s in slots] == [
        "Mon 09:00",
        "Tue 09:00",
        "Wed 09:00",
    ]
    assert all(s.interpreter_id == 3 for s in slots)
