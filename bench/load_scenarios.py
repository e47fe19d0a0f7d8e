"""The load scenarios of issue #11, against the real running system (see bench/conversation_load.py).

- many conversations with 1-3 s pauses (50, 100): what people chatting at the same time feel;
- a burst: 100 people send an answer at the same instant, a few times in a row;
- 30 booking taps at the same instant, after 30 real pre-intakes through the chat: each tap
  must be either confirmed to the phone or not made.
A 5xx is counted apart from other errors: the target is none at 100 simultaneous turns.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.db import make_engine
from backend.models import Appointment, AppointmentStatus, Conversation, Intake
from backend.nlg.texts import RESPONSES
from backend.security import token_hash
from locales import get_language, translate
from tests.e2e.chat import GatewayChat, Reply
from tests.e2e.intake_driver import IntakeDriver

# Conversations are prepared (unmeasured) a few at a time: fewer than the turns the gateway lets
# through at once, so the preparation itself never meets the back-pressure.
PREPARING_AT_ONCE = 6


def client_limits(connections: int) -> httpx.Limits:
    """Connections for the bench's client. One idle for 2 s is not reused: uvicorn closes idle
    connections after 5 s, and a request sent on one just being closed fails (a ReadError)."""
    return httpx.Limits(max_connections=connections, keepalive_expiry=2.0)


@dataclass
class Latencies:
    """Turn latencies (ms) and status codes of one scenario."""

    milliseconds: list[float]
    statuses: list[int]
    seconds: float

    @property
    def server_errors(self) -> int:
        return sum(1 for status in self.statuses if status >= 500)

    def percentile(self, share: float) -> float:
        ordered = sorted(self.milliseconds)
        return ordered[int(share * (len(ordered) - 1))]

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.milliseconds)

    @property
    def max_ms(self) -> float:
        return max(self.milliseconds)


async def _timed_post(client: httpx.AsyncClient, conversation_id: str, text: str) -> tuple[httpx.Response, float]:
    started = time.perf_counter()
    response = await client.post(f"/api/chat/conversations/{conversation_id}/messages", json={"text": text})
    return response, (time.perf_counter() - started) * 1000


async def burst(base_url: str, opening: list[str], answers: list[str], people: int = 100) -> Latencies:
    """`people` conversations open (unmeasured), then all send each of `answers` at the same instant."""
    limits = client_limits(people + 5)
    async with httpx.AsyncClient(base_url=base_url, timeout=90, limits=limits) as client:
        ids = [(await client.post("/api/chat/conversations")).json()["conversation_id"] for _ in range(people)]
        few = asyncio.Semaphore(PREPARING_AT_ONCE)

        async def open_conversation(conversation_id: str) -> None:
            async with few:
                for text in opening:
                    await _timed_post(client, conversation_id, text)

        await asyncio.gather(*(open_conversation(c) for c in ids))
        milliseconds: list[float] = []
        statuses: list[int] = []
        started = time.perf_counter()
        for text in answers:  # one burst after the other: every answer of a burst at once
            results = await asyncio.gather(*(_timed_post(client, c, text) for c in ids))
            statuses += [response.status_code for response, _ in results]
            milliseconds += [ms for _, ms in results]
        return Latencies(milliseconds, statuses, time.perf_counter() - started)


# -- booking taps --------------------------------------------------------------------------------

NAMES = ["Yonas Tesfay", "Amina Yusuf", "Helen Kidane", "Omar Haddad", "Selam Berhe", "Rania Khalil"]
SURNAMES = ["Gebremedhin", "Alsayed", "Tekle", "Mansour", "Habte"]
MUNICIPALITIES = ["drechterland", "enkhuizen", "hoorn", "koggenland", "medemblik", "opmeer", "stede broec"]
# Per language: what a person types or taps (English button titles, translated by the driver).
PERSONAS = {
    "ar": {"country_of_origin": "سوريا", "first_language": "tap:Arabic"},
    "ti": {"country_of_origin": "ኤርትራ", "first_language": "tap:Tigrinya"},
}


@dataclass
class BookingTaps:
    prepared: int  # conversations that reached the offer of times
    taps: Latencies
    confirmed: int  # the phone was told "your appointment is booked"
    taken: int  # the phone was told someone was faster, with new times
    booked: int  # conversations with a booked appointment in the database afterwards
    booked_not_confirmed: int
    confirmed_not_booked: int


def _only_what_is_needed(slot: str, reply: Reply) -> str:
    """Answer nothing that may be left out: skip, "I don't know", no, or done."""
    payloads = [b["payload"] for b in reply.buttons]
    for wanted in ("/skip", "/dont_know", "/deny", '/inform{"choice": "__done__"}'):
        if wanted in payloads:
            return wanted
    raise AssertionError(f"{slot}: nothing to skip in {payloads}")


def _to_the_offer(base_url: str, index: int) -> tuple[GatewayChat, Reply]:
    """A whole pre-intake through the chat gateway, up to the offer of times."""
    language = ("ar", "ti")[index % 2]
    chat = GatewayChat(base_url)
    reply = chat.say("hello")
    native_name = get_language(language).native_name  # type: ignore[union-attr]
    reply = chat.say(reply.payload(native_name))
    reply = chat.say(reply.payload(translate(language, "I understand")))
    answers = {
        "full_name": f"{NAMES[index % len(NAMES)]} {SURNAMES[index // len(NAMES) % len(SURNAMES)]}",
        "date_of_birth": "3-7-1995",
        "municipality": MUNICIPALITIES[index % len(MUNICIPALITIES)],
        "phone": "0612345678",
        "interpreter_needed": "tap:No",
        **PERSONAS[language],
    }
    reply = IntakeDriver(chat, language, dict(answers), default=_only_what_is_needed).run(reply)
    return chat, reply


def seed_calendar(database_url: str) -> None:
    """The demo calendar (an office with two rooms per municipality, interpreters) with a case
    manager of its own for each municipality, so that bookings in different places do not
    compete for one person's time."""
    from backend.models import StaffRole
    from backend.seed import seed_demo_calendar
    from forms.schema import load_municipalities
    from tests.system_fixtures import create_staff

    for municipality in load_municipalities():
        create_staff(database_url, StaffRole.CASE_MANAGER, (municipality.code,))
    engine = make_engine(database_url)
    with Session(engine) as session, session.begin():
        seed_demo_calendar(session)
    engine.dispose()


def _chosen_time(reply: Reply, index: int) -> dict[str, str]:
    """People choose among the offered times: the first, the second, the third, ..."""
    times = [b for b in reply.buttons if b["payload"].startswith("/choose_slot")]
    return times[index // len(MUNICIPALITIES) % len(times)]


def _prepared(base_url: str, index: int) -> tuple[GatewayChat, Reply] | None:
    """A conversation at the offer of times, or None (said why) when it did not get there."""
    try:
        chat, reply = _to_the_offer(base_url, index)
    except (AssertionError, httpx.HTTPError) as exc:
        print(f"    conversation {index} did not reach the offer of times: {exc}", flush=True)
        return None
    if not any(b["payload"].startswith("/choose_slot") for b in reply.buttons):  # no time free
        print(f"    conversation {index} got no times to choose: {reply.text[-200:]!r}", flush=True)
        return None
    return chat, reply


def _booked_conversations(database_url: str) -> set[str]:
    """Hashes of the conversations with a booked appointment, straight from the database."""
    engine = make_engine(database_url)
    with Session(engine) as session:
        rows = session.scalars(
            select(Conversation.token_hash)
            .join(Intake, Intake.conversation_id == Conversation.id)
            .join(Appointment, Appointment.intake_id == Intake.id)
            .where(Appointment.status == AppointmentStatus.BOOKED)
        )
        booked = set(rows)
    engine.dispose()
    return booked


def booking_taps(base_url: str, database_url: str, people: int = 30, settle_seconds: float = 10.0) -> BookingTaps:
    """`people` pre-intakes (unmeasured), then every one taps one of the offered times at once:
    several people of one municipality tap the same time, so some are told another was faster."""
    with ThreadPoolExecutor(PREPARING_AT_ONCE) as pool:
        prepared = [p for p in pool.map(lambda i: _prepared(base_url, i), range(people)) if p is not None]
    offers = [(chat, _chosen_time(reply, index)) for index, (chat, reply) in enumerate(prepared)]

    async def tap_all() -> tuple[list[tuple[httpx.Response, float]], float]:
        limits = client_limits(people + 5)
        async with httpx.AsyncClient(base_url=base_url, timeout=90, limits=limits) as client:
            started = time.perf_counter()
            results = await asyncio.gather(
                *(_timed_post(client, chat.conversation_id, button["payload"]) for chat, button in offers)
            )
            return results, time.perf_counter() - started

    results, seconds = asyncio.run(tap_all())
    # A turn the phone was told failed could still finish at Rasa: look only after it settled.
    time.sleep(settle_seconds)
    booked_hashes = _booked_conversations(database_url)

    confirmed = taken = booked = booked_not_confirmed = confirmed_not_booked = 0
    for (chat, _button), (response, _ms) in zip(offers, results, strict=True):
        language = chat.language or "en"
        said = "\n".join(m["text"] for m in response.json()["messages"]) if response.status_code == 200 else ""
        was_confirmed = translate(language, RESPONSES["utter_appointment_booked"].text) in said
        was_booked = token_hash(chat.conversation_id) in booked_hashes
        confirmed += was_confirmed
        taken += translate(language, RESPONSES["utter_slot_taken"].text) in said
        booked += was_booked
        booked_not_confirmed += was_booked and not was_confirmed
        confirmed_not_booked += was_confirmed and not was_booked
    return BookingTaps(
        prepared=len(offers),
        taps=Latencies([ms for _, ms in results], [r.status_code for r, _ in results], seconds),
        confirmed=confirmed,
        taken=taken,
        booked=booked,
        booked_not_confirmed=booked_not_confirmed,
        confirmed_not_booked=confirmed_not_booked,
    )
