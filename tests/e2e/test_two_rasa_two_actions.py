"""Two Rasa servers and two action servers on one tracker store and one Redis lock store (issue #11,
a production layout with more than one replica).

Two sets of backend, action server and Rasa on free ports, started as `make run` starts them
(tools/run.py; one worker), sharing one PostgreSQL database, one tracker database and one Redis:
backend A asks Rasa A, whose action server A saves through backend A; the same for B. Each
action server has its own outbox file. The phone's messages go through either backend, and so
through either Rasa and action server: ten people fill in an intake at the same time, each
sending runs of one, two or three messages through one set before switching to the other.
- every message is handled exactly once and in order: Rasa's stored events of the conversation
  hold the messages sent, in the order sent, and the intake is finished (a Rasa answering from
  a stale tracker in its memory stores its turn in the wrong place or not at all, and asks the
  wrong question);
- every answer saved by either action server arrives once and in order: a case manager reads the
  complete intake with one version of each answer, two of the name that was corrected (its
  correction went through the other set), and the answers typed;
- two messages of one conversation at the same moment, one to each Rasa: the lock store has them
  handled one after the other, each turn whole.
"""

from __future__ import annotations

import itertools
import json
import secrets
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from actions.config import default_outbox_path
from backend.db import create_database_if_missing
from backend.models import StaffRole
from backend.nlg import texts
from backend.security import token_hash
from forms.schema import load_municipalities
from locales import translate
from tests.e2e.chat import Reply
from tests.e2e.intake_driver import IntakeDriver, fields_by_id
from tests.e2e.test_conversations import change, question, skip_what_may_be_skipped
from tests.postgres import temporary_database
from tests.system_fixtures import E2E_LOGS, create_staff
from tools.run import RunningSystem, SystemConfig, prepare_database, start_system, tracker_store_settings

REDIS_URL = "redis://127.0.0.1:6379/0"
LOG_DIR = E2E_LOGS / "two-of-each"
PEOPLE = 10


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class TwoOfEach:
    a: RunningSystem
    b: RunningSystem
    outboxes: list[Path]  # the action servers' outbox files, A's and B's

    @property
    def backends(self) -> list[str]:
        return [self.a.config.backend_url, self.b.config.backend_url]

    @property
    def database(self) -> str:
        return self.a.config.database_url.replace("postgresql+psycopg://", "postgresql://")

    def query(self, database: str, sql: str, *params: Any) -> list[Any]:
        with psycopg.connect(database) as conn:
            return conn.execute(sql, params).fetchall()

    def sender(self, conversation_id: str) -> str:
        """Rasa's name of the conversation (a pseudonym the backend keeps)."""
        rows = self.query(
            self.database, "SELECT rasa_sender FROM conversation WHERE token_hash = %s", token_hash(conversation_id)
        )
        assert len(rows) == 1
        return str(rows[0][0])

    def turns(self, conversation_id: str) -> list[list[dict[str, Any]]]:
        """Rasa's stored events of a conversation, in the order stored, split before every
        message of the person (the first part: the session's start)."""
        rows = self.query(
            self.database + "_rasa_tracker",
            "SELECT data FROM events WHERE sender_id = %s ORDER BY id",
            self.sender(conversation_id),
        )
        turns: list[list[dict[str, Any]]] = [[]]
        for (data,) in rows:
            event = json.loads(data)
            if event["event"] == "user":
                turns.append([])
            turns[-1].append(event)
        return turns

    def user_messages(self, conversation_id: str) -> list[str]:
        """The person's messages of a conversation in Rasa's tracker store, in the order stored."""
        return [str(turn[0]["text"]) for turn in self.turns(conversation_id)[1:]]

    def undelivered(self) -> list[int]:
        """Saves still waiting in each action server's outbox."""
        counts = []
        for outbox in self.outboxes:
            with sqlite3.connect(outbox) as conn:
                counts.append(int(conn.execute("SELECT count(*) FROM save").fetchone()[0]))
        return counts

    def saved_names(self, conversation_id: str) -> list[str]:
        """The names saved for a conversation, once the backend has them (saving runs beside
        the conversation)."""
        rows: list[Any] = []
        for _attempt in range(50):
            rows = self.query(
                self.database,
                "SELECT a.original_text FROM intake_answer a JOIN intake i ON i.id = a.intake_id "
                "JOIN conversation c ON c.id = i.conversation_id "
                "WHERE c.token_hash = %s AND a.question_id = 'full_name' ORDER BY a.id",
                token_hash(conversation_id),
            )
            if rows:
                break
            time.sleep(0.1)
        return [text for (text,) in rows]


@pytest.fixture(scope="module")
def two_of_each(model: Path) -> Iterator[TwoOfEach]:
    with temporary_database("intake_two_rasa") as url:
        token = secrets.token_urlsafe(32)
        configs = [
            SystemConfig(
                database_url=url,
                internal_api_token=token,
                redis_url=REDIS_URL,
                backend_port=free_port(),
                actions_port=free_port(),
                rasa_port=free_port(),
                environment="test",
                log_dir=LOG_DIR / name,
            )
            for name in ("a", "b")
        ]
        prepare_database(configs[0], demo=False)
        create_database_if_missing(tracker_store_settings(url)[1])  # once, before both Rasa servers start
        # Each action server's outbox file is named after its backend: two files. None left from
        # an earlier run on the same port.
        outboxes = [default_outbox_path(config.backend_url) for config in configs]
        for outbox in outboxes:
            outbox.unlink(missing_ok=True)
        # Both sets start at once (Rasa takes ~10 s); one worker is enough.
        with ThreadPoolExecutor(2) as pool:
            starting = [
                pool.submit(start_system, configs[0], model),
                pool.submit(start_system, configs[1], model, False),
            ]
        systems = [future.result() for future in starting if future.exception() is None]
        try:
            for future in starting:
                if future.exception() is not None:
                    raise future.exception()  # type: ignore[misc]
            yield TwoOfEach(*systems, outboxes)
        finally:
            with ThreadPoolExecutor(2) as pool:
                list(pool.map(RunningSystem.stop, systems))
            for outbox in outboxes:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{outbox}{suffix}").unlink(missing_ok=True)
                outbox.with_suffix(".lock").unlink(missing_ok=True)


@dataclass
class RoutedChat:
    """The phone's chat page, its messages sent through either backend (and so either Rasa and
    action server): `run_length` messages in a row through one set, then as many through the other."""

    backends: list[str]
    run_length: int
    conversation_id: str = ""
    sent: list[tuple[int, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        response = httpx.post(f"{self.backends[0]}/api/chat/conversations", timeout=30)
        response.raise_for_status()
        self.conversation_id = response.json()["conversation_id"]

    def send(self, text: str, replica: int) -> Reply:
        self.sent.append((replica, text))
        response = httpx.post(
            f"{self.backends[replica]}/api/chat/conversations/{self.conversation_id}/messages",
            json={"text": text, "client_message_id": secrets.token_hex(16)},
            timeout=60,
        )
        assert response.status_code == 200, response.text
        messages = response.json()["messages"]
        return Reply([m["text"] for m in messages], [b for m in messages for b in m["buttons"]])

    def say(self, text: str) -> Reply:
        return self.send(text, (len(self.sent) // self.run_length) % 2)


@dataclass(frozen=True)
class Person:
    number: int
    first_name: str  # typed first, corrected to `full_name` later in the conversation
    full_name: str
    date_of_birth: str
    born: str
    municipality: tuple[str, str]  # code, name

    @property
    def phone(self) -> str:
        return f"06-1234567{self.number}"

    def answers(self) -> dict[str, Any]:
        return {
            "full_name": [self.first_name, self.full_name],
            "date_of_birth": self.date_of_birth,
            "municipality": self.municipality[1],
            # The name is corrected from the phone question: "Change: About you", then the name.
            "phone": [change("confirm_personal"), self.phone],
            "confirm_personal": [change("full_name"), "/affirm"],
            "interpreter_needed": "no",
            "first_language": "english",
        }


NAMES = [
    ("Amina", "Amina Yusuf"),
    ("Bilal", "Bilal Haddad"),
    ("Dawit", "Dawit Tesfaye"),
    ("Farah", "Farah Rahimi"),
    ("Hamid", "Hamid Karimi"),
    ("Lina", "Lina Mansour"),
    ("Mehari", "Mehari Gebre"),
    ("Nour", "Nour Khalil"),
    ("Samira", "Samira Nuur"),
    ("Yonas", "Yonas Berhane"),
]


def people() -> list[Person]:
    municipalities = [(m.code, m.name) for m in load_municipalities()]
    return [
        Person(
            number,
            first,
            full,
            f"{number + 3}-{number + 1}-19{80 + number}",
            f"19{80 + number}-{number + 1:02d}-{number + 3:02d}",
            municipalities[number % len(municipalities)],
        )
        for number, (first, full) in enumerate(NAMES[:PEOPLE])
    ]


@dataclass
class Filled:
    person: Person
    chat: RoutedChat
    driver: IntakeDriver
    last: Reply
    seconds: float


def fill_in(backends: list[str], person: Person) -> Filled:
    started = time.monotonic()
    chat = RoutedChat(backends, run_length=1 + person.number % 3)
    reply = chat.say("hi")
    reply = chat.say(reply.payload("English"))
    reply = chat.say("/affirm")
    driver = IntakeDriver(chat, "en", person.answers(), default=skip_what_may_be_skipped)
    last = driver.run(reply)
    return Filled(person, chat, driver, last, time.monotonic() - started)


def staff_headers(backend: str, username: str, password: str) -> dict[str, str]:
    login = httpx.post(f"{backend}/api/auth/login", json={"username": username, "password": password}, timeout=30)
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


def test_ten_intakes_with_messages_spread_over_two_rasa_and_two_action_servers(two_of_each: TwoOfEach) -> None:
    everyone = people()
    started = time.monotonic()
    with ThreadPoolExecutor(len(everyone)) as pool:
        filled = list(pool.map(lambda person: fill_in(two_of_each.backends, person), everyone))

    submitted = translate("en", texts.RESPONSES["utter_intake_submitted"].text)
    for one in filled:
        assert submitted in one.last.text, (one.person.full_name, one.driver.transcript[-5:])
        # Both sets had messages of this conversation, and Rasa stored each once, in order.
        assert {replica for replica, _ in one.chat.sent} == {0, 1}
        assert two_of_each.user_messages(one.chat.conversation_id) == [text for _, text in one.chat.sent]

    # A case manager of the whole region, logged in on backend B, reads every intake through A.
    codes = tuple(m.code for m in load_municipalities())
    username, password = create_staff(two_of_each.a.config.database_url, StaffRole.CASE_MANAGER, codes)
    headers = staff_headers(two_of_each.backends[1], username, password)
    with httpx.Client(base_url=two_of_each.backends[0], headers=headers, timeout=30) as staff:
        summaries = staff.get("/api/intakes").json()
        intakes = [staff.get(f"/api/intakes/{summary['id']}").json() for summary in summaries]
    by_name = {fields_by_id(intake)["full_name"]["value"]: intake for intake in intakes}
    for one in filled:
        person = one.person
        intake = by_name[person.full_name]
        assert intake["complete"] and intake["municipality_code"] == person.municipality[0]
        fields = fields_by_id(intake)
        assert [version["value"] for version in fields["full_name"]["history"]] == [person.first_name, person.full_name]
        assert fields["date_of_birth"]["value"] == person.born
        assert fields["date_of_birth"]["original_text"] == person.date_of_birth
        assert fields["phone"]["value"] == f"+3161234567{person.number}"
        assert fields["phone"]["original_text"] == person.phone
        assert fields["interpreter_needed"]["value"] == "no" and fields["first_language"]["value"] == "en"
        answered = {slot: message for slot, message in one.driver.transcript if slot in fields}
        for slot, message in answered.items():
            history = fields[slot]["history"]
            assert len(history) == (2 if slot == "full_name" else 1), (person.full_name, slot, history)
            if message == "/skip":
                assert fields[slot]["no_answer"] == "skipped", (person.full_name, slot)
    assert two_of_each.undelivered() == [0, 0]  # and nothing waits in either outbox
    turns = sum(len(one.chat.sent) for one in filled)
    slowest = max(one.seconds for one in filled)
    print(
        f"\n{len(filled)} intakes at once, {turns} messages over both sets in {time.monotonic() - started:.1f} s; "
        f"the slowest intake {slowest:.1f} s"
    )


def send_at_once(chat: RoutedChat, texts: tuple[str, str]) -> None:
    """The first text to set A, the second to set B, at the same moment."""
    start = threading.Barrier(2)
    answered: list[int] = []

    def send(replica: int) -> None:
        start.wait()
        chat.send(texts[replica], replica)
        answered.append(replica)

    threads = [threading.Thread(target=send, args=(replica,)) for replica in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    assert sorted(answered) == [0, 1]


def test_two_messages_at_once_on_both_rasa_servers_are_handled_one_after_the_other(two_of_each: TwoOfEach) -> None:
    chat = RoutedChat(two_of_each.backends, run_length=1)
    reply = chat.say("hi")
    reply = chat.say(reply.payload("English"))
    reply = chat.say("/affirm")
    assert question("en", "full_name") in reply.text

    # Three times two messages at once, one to each Rasa (whose turns take a few hundred ms:
    # without a shared lock they overlap).
    pairs = [("Rahel Tekle", "Rahel Tekle Asmerom"), ("3-7-1995", "4-8-1996"), ("Eritrea", "Ethiopia")]
    for pair in pairs:
        send_at_once(chat, pair)

    # Every message stored once; every turn whole and after the one before: from the person's
    # message the bot's actions up to listening again, before the next message was taken.
    messages = two_of_each.user_messages(chat.conversation_id)
    assert len(messages) == 3 + 2 * len(pairs)
    assert [sorted(messages[i : i + 2]) for i in range(3, len(messages), 2)] == [sorted(pair) for pair in pairs]
    turns = two_of_each.turns(chat.conversation_id)[1:]
    for turn in turns:
        assert turn[-1]["event"] == "action" and turn[-1]["name"] == "action_listen", turn
    for turn, following in itertools.pairwise(turns):
        assert following[0]["timestamp"] >= turn[-1]["timestamp"], (turn[0]["text"], following[0]["text"])
    # The first name handled is the name (the second was read as a date of birth).
    assert two_of_each.saved_names(chat.conversation_id) == [messages[3]]
