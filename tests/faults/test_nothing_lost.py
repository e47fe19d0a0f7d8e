"""Nothing lost, and the truth told, when parts of the real system fail (issue #11, deliverable 2).

The real system (backend, action server, Rasa, worker; PostgreSQL) on free ports, with one
twist: the action server saves through a second backend process on the same database, so the
tests can take the action server's backend away while the person keeps chatting through the
first one (the phone's gateway and Rasa's texts stay up), as one replica of two would fail.
- a message sent again with the same id (the phone did not hear back) gets the same reply and
  reaches Rasa once: one answer, never the answer to the next question;
- an older save than one stored never overwrites it;
- the backend away for 30 s while the person answers and submits: the person is told the answers
  are kept and sent as soon as possible (never "sent"), and once it is back every answer
  arrives, the intake is submitted, and the next message says so;
- the action server killed (kill -9) with saves in its outbox: they arrive after its restart,
  without another message from the person.
"""

from __future__ import annotations

import dataclasses
import os
import secrets
import signal
import socket
import sqlite3
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from backend.nlg import texts
from backend.security import token_hash
from locales import translate
from tests.e2e.chat import Reply
from tests.e2e.intake_driver import IntakeDriver
from tests.e2e.test_conversations import skip_what_may_be_skipped
from tests.postgres import temporary_database
from tests.system_fixtures import E2E_LOGS
from tools.run import ManagedProcess, RunningSystem, SystemConfig, prepare_database, start_system, wait_until_healthy

OUTAGE_SECONDS = 30.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclasses.dataclass
class FaultySystem:
    running: RunningSystem
    saving_backend: ManagedProcess  # the backend the action server saves through
    saving_url: str
    outbox: Path

    def process(self, name: str) -> ManagedProcess:
        return next(p for p in self.running.processes if p.name == name)

    @property
    def database(self) -> str:
        return self.running.config.database_url.replace("postgresql+psycopg://", "postgresql://")

    def query(self, sql: str, *params: Any) -> list[Any]:
        with psycopg.connect(self.database) as conn:
            return conn.execute(sql, params).fetchall()

    def outbox_waiting(self) -> int:
        if not self.outbox.exists():
            return 0
        with sqlite3.connect(self.outbox) as conn:
            count: int = conn.execute("SELECT count(*) FROM save WHERE refused IS NULL").fetchone()[0]
        return count


@pytest.fixture(scope="module")
def faulty(model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FaultySystem]:
    outbox = tmp_path_factory.mktemp("outbox") / "saves.sqlite3"
    with temporary_database("intake_faults") as url, pytest.MonkeyPatch.context() as env:
        # Inherited by the processes: this outbox file, short waits between tries (the production
        # default is 15 s), and a short wait for the final confirmation.
        env.setenv("INTAKE_ACTIONS_OUTBOX", str(outbox))
        env.setenv("INTAKE_OUTBOX_MAX_RETRY_SECONDS", "2")
        env.setenv("INTAKE_SAVE_CONFIRM_SECONDS", "3")
        config = SystemConfig(
            database_url=url,
            internal_api_token=secrets.token_urlsafe(32),
            backend_port=free_port(),
            actions_port=free_port(),
            rasa_port=free_port(),
            environment="test",
            log_dir=E2E_LOGS / "faults",
        )
        prepare_database(config, demo=False)
        running = start_system(config, model)
        backend = next(p for p in running.processes if p.name == "backend")
        port = free_port()
        saving_url = f"http://127.0.0.1:{port}"
        saving = ManagedProcess(
            "saving backend",
            [str(port) if a == str(config.backend_port) else a for a in backend.args],
            dict(backend.env),
            f"{saving_url}/health",
            config.log_dir / "saving-backend.log",
            port=port,
        )
        try:
            saving.start()
            wait_until_healthy([saving], config.log_dir)
            actions = next(p for p in running.processes if p.name == "actions")
            actions.stop()
            actions.env = dict(actions.env, INTAKE_BACKEND_URL=saving_url)
            actions.start()
            wait_until_healthy([actions], config.log_dir)
            yield FaultySystem(running, saving, saving_url, outbox)
        finally:
            running.stop()
            saving.stop()


@dataclasses.dataclass
class Phone:
    """The chat page: every message with an id of its own, as backend/static/chat.js sends it."""

    backend_url: str
    conversation_id: str = ""
    last_body: dict[str, Any] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        response = httpx.post(f"{self.backend_url}/api/chat/conversations", timeout=30)
        response.raise_for_status()
        self.conversation_id = response.json()["conversation_id"]

    def send(self, text: str, message_id: str | None = None) -> dict[str, Any]:
        response = httpx.post(
            f"{self.backend_url}/api/chat/conversations/{self.conversation_id}/messages",
            json={"text": text, "client_message_id": message_id or secrets.token_hex(16)},
            timeout=60,
        )
        response.raise_for_status()
        turn: dict[str, Any] = response.json()
        return turn

    def say(self, text: str) -> Reply:
        messages = self.send(text)["messages"]
        return Reply([m["text"] for m in messages], [b for m in messages for b in m["buttons"]])


def begin(system: FaultySystem, name: str) -> tuple[Phone, Reply]:
    """A new conversation in English, up to the question after the name."""
    phone = Phone(system.running.config.backend_url)
    reply = phone.say("hello")
    reply = phone.say(reply.payload("English"))
    reply = phone.say("/affirm")
    return phone, phone.say(name)


def answers_of(system: FaultySystem, phone: Phone) -> dict[str, list[Any]]:
    """Every stored version of every answer of the conversation, by question."""
    rows = system.query(
        "SELECT a.question_id, a.value::text FROM intake_answer a JOIN intake i ON i.id = a.intake_id "
        "JOIN conversation c ON c.id = i.conversation_id WHERE c.token_hash = %s ORDER BY a.version",
        token_hash(phone.conversation_id),
    )
    found: dict[str, list[Any]] = {}
    for question_id, value in rows:
        found.setdefault(question_id, []).append(value)
    return found


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"not within {seconds:.0f} s: {what}"
        time.sleep(0.2)


def response(name: str) -> str:
    return translate("en", texts.RESPONSES[name].text)


def test_a_resent_message_is_the_same_message(faulty: FaultySystem) -> None:
    phone, _ = begin(faulty, "Amina Yusuf")
    message_id = secrets.token_hex(16)
    first = phone.send("12-05-1990", message_id)
    again = phone.send("12-05-1990", message_id)  # the phone did not hear back and sends it again
    assert again["messages"] == first["messages"]
    # Sent twice at once (two tabs, or a resend while the first is still at Rasa): one turn.
    twice_id = secrets.token_hex(16)
    with ThreadPoolExecutor(2) as pool:
        both = list(pool.map(lambda _: phone.send("Somalia", twice_id), range(2)))
    assert both[0]["messages"] == both[1]["messages"]
    wait_for(lambda: "country_of_origin" in answers_of(faulty, phone), 10, "the country saved")
    answers = answers_of(faulty, phone)
    assert answers["date_of_birth"] == ['"1990-05-12"'] and answers["country_of_origin"] == ['"SO"']
    # Neither resend answered the next question (where do you live?).
    assert "municipality" not in answers


def test_an_older_save_never_overwrites_a_newer_one(faulty: FaultySystem) -> None:
    phone, _ = begin(faulty, "Hodan Ali")
    phone.say("1-1-1985")
    wait_for(lambda: "date_of_birth" in answers_of(faulty, phone), 10, "the date saved")
    [(sender, sequence)] = faulty.query(
        "SELECT c.rasa_sender, i.last_save_sequence FROM conversation c JOIN intake i ON i.conversation_id = c.id "
        "WHERE c.token_hash = %s",
        token_hash(phone.conversation_id),
    )
    assert sequence is not None
    late = {
        "conversation_id": sender,
        "language": "en",
        "answers": [{"question_id": "full_name", "value": "Someone Else"}],
        "complete": False,
        "sequence": sequence - 1,  # a retry of an older save, arriving late
    }
    headers = {"Authorization": f"Bearer {faulty.running.config.internal_api_token}"}
    result = httpx.post(f"{faulty.saving_url}/api/internal/intakes", json=late, headers=headers)
    assert result.status_code == 200 and result.json()["outcome"] == "older_ignored"
    assert answers_of(faulty, phone)["full_name"] == ['"Hodan Ali"']


def test_the_backend_away_for_30_seconds_loses_nothing_and_the_person_is_told_the_truth(
    faulty: FaultySystem,
) -> None:
    phone, reply = begin(faulty, "Samira Haddad")
    driver = IntakeDriver(
        phone, "en", {"date_of_birth": "3 March 1991", "municipality": "Hoorn"}, default=skip_what_may_be_skipped
    )
    reply = driver.run(reply, stop_at="phone")
    wait_for(lambda: "municipality" in answers_of(faulty, phone), 10, "the answers before the outage saved")

    faulty.saving_backend.stop()
    away_since = time.monotonic()
    answers = {"phone": "06 12345678", "interpreter_needed": "tap:No", "first_language": "tap:Arabic"}
    driver = IntakeDriver(phone, "en", answers, default=skip_what_may_be_skipped)
    reply = driver.run(reply, stop_at="intake_confirmed")
    reply = phone.say("/affirm")  # send the answers to the municipality
    # Not confirmed by the backend: never "sent", but kept and sent as soon as possible.
    assert response("utter_submit_pending") in reply.text
    assert response("utter_intake_submitted") not in reply.text
    assert faulty.outbox_waiting() > 0
    typed = {slot for slot, _ in driver.transcript if not slot.startswith("confirm_") and slot != "check_request"}

    time.sleep(max(0.0, OUTAGE_SECONDS - (time.monotonic() - away_since)))
    faulty.saving_backend.start()
    wait_until_healthy([faulty.saving_backend], faulty.running.config.log_dir)

    def all_arrived() -> bool:
        return faulty.outbox_waiting() == 0 and typed <= set(answers_of(faulty, phone))

    wait_for(all_arrived, 20, "every answer given during the outage in the backend")
    [(status,)] = faulty.query(
        "SELECT i.status FROM intake i JOIN conversation c ON c.id = i.conversation_id WHERE c.token_hash = %s",
        token_hash(phone.conversation_id),
    )
    assert status == "submitted"
    assert answers_of(faulty, phone)["phone"] == ['"+31612345678"']
    # The person's next message hears that it arrived.
    assert response("utter_intake_submitted") in phone.say("hello").text


def test_saves_in_the_outbox_arrive_after_the_action_server_was_killed(faulty: FaultySystem) -> None:
    phone, _ = begin(faulty, "Yonas Tesfay")
    faulty.saving_backend.stop()
    phone.say("7-7-1987")
    phone.say("Eritrea")
    wait_for(lambda: faulty.outbox_waiting() > 0, 5, "the saves waiting in the outbox")
    assert "country_of_origin" not in answers_of(faulty, phone)

    actions = faulty.process("actions")
    assert actions.process is not None
    os.killpg(actions.process.pid, signal.SIGKILL)  # the whole group: no orphan keeps the port
    actions.process.wait()
    faulty.saving_backend.start()
    wait_until_healthy([faulty.saving_backend], faulty.running.config.log_dir)
    actions.start()
    wait_until_healthy([actions], faulty.running.config.log_dir)

    # Nobody sends a message: the restarted action server delivers what its outbox kept (and
    # empties it once the backend confirmed, a moment after the answers are stored).
    def delivered() -> bool:
        return "country_of_origin" in answers_of(faulty, phone) and faulty.outbox_waiting() == 0

    wait_for(delivered, 20, "the saved answers after the restart")
    answers = answers_of(faulty, phone)
    assert answers["full_name"] == ['"Yonas Tesfay"'] and answers["date_of_birth"] == ['"1987-07-07"']
    assert answers["country_of_origin"] == ['"ER"']
