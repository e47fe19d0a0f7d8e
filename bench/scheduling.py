"""Scheduling benchmark on a real PostgreSQL: slot search in a region-sized calendar and
booking throughput under contention.

    .venv/bin/python -m bench.scheduling

The calendar: the seven municipalities with an office and three rooms each, 30 case managers
(each serving one to three municipalities, four days a week), 20 interpreters (two of them by
telephone, for every language), and six months of which about 60 % of every resource's working
time is already booked. Slot search is `offer_slots` as the API and the chat call it: load the
calendar from the database for the person's deadline window, then search. Booking: 8 threads
book for 160 people at once, all wanting the earliest times; every conflict is retried with
new slots as the chat does. Prints Markdown tables for the README and checks that no resource
is booked twice.
"""

from __future__ import annotations

import random
import secrets
import statistics
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from datetime import time as clock

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from backend.models import (
    Conversation,
    Intake,
    IntakeAnswer,
    IntakeStatus,
    Location,
    LocationKind,
    Municipality,
    Resource,
    ResourceClaim,
    ResourceKind,
    StaffRole,
    StaffUser,
    WorkingHours,
)
from backend.scheduling.slots import BLOCK, LOCAL_TIME
from forms.schema import load_municipalities
from tests.postgres import temporary_database

LANGUAGES = ["ar", "ti", "fa_AF", "fa", "ps", "so", "tr", "kmr", "am", "en", "fr"]
AVAILABILITY = [f"{d}_{p}" for d in ("mon", "tue", "wed", "thu", "fri") for p in ("morning", "afternoon")]
HORIZON = timedelta(days=183)
BUSY_SHARE = 0.6


def _use(url: str) -> None:
    import os

    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("INTAKE_INTERNAL_API_TOKEN", secrets.token_urlsafe(32))
    from backend.config import get_settings
    from backend.db import get_engine, get_sessionmaker

    get_settings.cache_clear()
    get_engine.cache_clear()
    get_sessionmaker.cache_clear()


def build_region(session: Session, rng: random.Random, start: datetime) -> None:
    municipalities = [m.code for m in load_municipalities()]
    for m in load_municipalities():
        session.add(Municipality(code=m.code, name=m.name))
    session.flush()
    resources: list[Resource] = []
    for code in municipalities:
        office = Location(name=f"Kantoor {code}", address="Bench", kind=LocationKind.OFFICE, municipality_code=code)
        session.add(office)
        session.flush()
        for n in range(3):
            resources.append(Resource(kind=ResourceKind.ROOM, name=f"Kamer {code}-{n}", location_id=office.id))
    for n in range(30):
        # "-" is no valid scrypt hash: these accounts cannot log in.
        user = StaffUser(username=f"cm{n}", full_name=f"CM {n}", role=StaffRole.CASE_MANAGER, password_hash="-")  # noqa: S106
        user.municipalities = [session.get_one(Municipality, c) for c in rng.sample(municipalities, rng.randint(1, 3))]
        session.add(user)
        session.flush()
        resources.append(Resource(kind=ResourceKind.CASE_MANAGER, name=user.full_name, staff_user_id=user.id))
    for n in range(20):
        by_phone = n < 2
        languages = LANGUAGES if by_phone else rng.sample(LANGUAGES, rng.randint(1, 3))
        resources.append(
            Resource(kind=ResourceKind.INTERPRETER, name=f"Tolk {n}", languages=languages, by_phone=by_phone)
        )
    for resource in resources:
        days = range(5) if resource.kind == ResourceKind.ROOM else sorted(rng.sample(range(5), 4))
        resource.hours = [WorkingHours(weekday=d, starts=clock(9), ends=clock(17)) for d in days]
        session.add(resource)
    session.flush()

    # About 60 % of every resource's working blocks already booked, in one- to two-hour runs.
    claims = []
    filler = uuid.uuid4()
    session.execute(text("ALTER TABLE resource_claim DROP CONSTRAINT fk_resource_claim_appointment_id_appointment"))
    for resource in resources:
        day = start
        while day < start + HORIZON:
            local = day.astimezone(LOCAL_TIME)
            if local.weekday() < 5:
                block = local.replace(hour=9, minute=0).astimezone(UTC)
                end = local.replace(hour=17, minute=0).astimezone(UTC)
                while block < end:
                    run = rng.randint(4, 8)
                    if rng.random() < BUSY_SHARE:
                        for i in range(run):
                            if block + BLOCK * i < end:
                                claims.append(
                                    {
                                        "resource_id": resource.id,
                                        "block_start": block + BLOCK * i,
                                        "appointment_id": filler,
                                    }
                                )
                    block += BLOCK * run
            day += timedelta(days=1)
    for i in range(0, len(claims), 20000):
        session.execute(insert(ResourceClaim), claims[i : i + 20000])
    print(f"calendar: {len(resources)} resources, {len(claims)} booked blocks over {HORIZON.days} days")


def make_people(session: Session, rng: random.Random, count: int, started: datetime) -> list[uuid.UUID]:
    ids = []
    municipalities = [m.code for m in load_municipalities()]
    for _ in range(count):
        conversation = Conversation(token_hash=secrets.token_hex(32))
        session.add(conversation)
        session.flush()
        intake = Intake(
            conversation_id=conversation.id,
            municipality_code=rng.choice(municipalities),
            language="ar",
            status=IntakeStatus.SUBMITTED,
            schema_version=2,
            created_at=started,
        )
        session.add(intake)
        session.flush()
        language = rng.choice([None, *LANGUAGES])
        answers = {
            "availability": rng.sample(AVAILABILITY, rng.randint(2, 6)),
            "interpreter_needed": "yes" if language else "no",
        }
        if language:
            answers["interpreter_language"] = language
        for question_id, value in answers.items():
            session.add(
                IntakeAnswer(
                    intake_id=intake.id,
                    question_id=question_id,
                    version=1,
                    value=value,
                    original_language="ar",
                    source="chat",
                )
            )
        ids.append(intake.id)
    return ids


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    rng = random.Random(7)  # noqa: S311 - a repeatable calendar, not a secret
    now = datetime.now(UTC)
    with temporary_database("intake_bench") as url:
        _use(url)
        from backend.cli import migrate
        from backend.db import get_engine, get_sessionmaker, session_scope
        from backend.scheduling import booking

        migrate(url)
        with session_scope() as session:
            build_region(session, rng, now)
            searchers = make_people(session, rng, 100, now)
            bookers = make_people(session, rng, 160, now)

        # Slot search, as the chat and the API call it (load from PostgreSQL, then search).
        timings = []
        found = 0
        with get_sessionmaker()() as session:
            for intake_id in searchers:
                intake = session.get_one(Intake, intake_id)
                begin = time.perf_counter()
                slots = booking.offer_slots(session, intake, "brede_intake", now=now)
                timings.append((time.perf_counter() - begin) * 1000)
                found += bool(slots)
                session.rollback()
        print("\n| slot search (brede intake, 3 earliest slots, 100 people) | p50 | p95 | max | found slots |")
        print("|---|---:|---:|---:|---:|")
        print(
            f"| region calendar, 6 months, 60 % booked | {statistics.median(timings):.0f} ms | "
            f"{percentile(timings, 0.95):.0f} ms | {max(timings):.0f} ms | {found}/100 |"
        )

        # Booking under contention.
        queue = list(bookers)
        lock = threading.Lock()
        conflicts = [0]
        booked = [0]

        def worker() -> None:
            with get_sessionmaker()() as session:
                while True:
                    with lock:
                        if not queue:
                            return
                        intake_id = queue.pop()
                    intake = session.get_one(Intake, intake_id)
                    for _attempt in range(30):
                        slots = booking.offer_slots(session, intake, "brede_intake", now=now)
                        session.commit()
                        if not slots:
                            break
                        try:
                            booking.book(session, intake, slots[0], now=now)
                            with lock:
                                booked[0] += 1
                            break
                        except booking.SlotTaken:
                            with lock:
                                conflicts[0] += 1

        begin = time.perf_counter()
        threads = [threading.Thread(target=worker) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - begin
        with get_engine().connect() as connection:
            double = connection.execute(
                text(
                    "SELECT count(*) FROM appointment a JOIN appointment b ON a.id < b.id "
                    "WHERE a.status = 'booked' AND b.status = 'booked' AND a.starts_at < b.ends_at "
                    "AND b.starts_at < a.ends_at AND (a.case_manager_id = b.case_manager_id OR a.room_id = b.room_id "
                    "OR a.interpreter_id = b.interpreter_id)"
                )
            ).scalar_one()
            appointments = connection.execute(select(text("count(*)")).select_from(text("appointment"))).scalar_one()
        print(
            "\n| booking under contention (8 threads, 160 people, earliest slots) | booked | conflicts retried | "
            "bookings/s | double bookings |"
        )
        print("|---|---:|---:|---:|---:|")
        rate = booked[0] / elapsed
        print(f"| PostgreSQL | {booked[0]} ({appointments} rows) | {conflicts[0]} | {rate:.1f} | {double} |")
        get_engine().dispose()


if __name__ == "__main__":
    main()
