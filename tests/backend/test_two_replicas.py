"""Two backend replicas sharing one PostgreSQL database and one Redis (issue #11): what one
replica stores the other reads, the same save sent to both is stored once, and the login limit
is counted across both.

Two real uvicorn processes (`backend.main:app`) on free ports, started as `make run` starts the
backend (tools/run.py). Rasa and the action server are not needed here: the saves come in through
the internal API as the action server sends them, the reads through the staff API.
"""

from __future__ import annotations

import secrets
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

import httpx
import pytest

from backend.models import StaffRole
from tests.backend.test_access import HOORN
from tests.backend.test_prefilled_intake import BASE, field
from tests.postgres import temporary_database
from tests.system_fixtures import create_staff
from tools.paths import APP_PYTHON, VAR_DIR
from tools.run import ManagedProcess, SystemConfig, backend_environment, prepare_database, wait_until_healthy

REDIS_URL = "redis://127.0.0.1:6379/0"
LOG_DIR = VAR_DIR / "logs" / "two-replicas"
# Low enough to reach in a few tries; every account in this file is new, so its count starts at 0.
LOGIN_RATE_PER_ACCOUNT = "3/minute"
# The answers of the backend tests (a Tigrinya speaker in Hoorn), typed for this file.
ANSWERS = cast(list[dict[str, Any]], BASE)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Replicas:
    a: httpx.Client
    b: httpx.Client
    database_url: str
    internal_headers: dict[str, str]


@pytest.fixture(scope="module")
def replicas() -> Iterator[Replicas]:
    with temporary_database("intake_replicas") as url:
        config = SystemConfig(
            database_url=url,
            internal_api_token=secrets.token_urlsafe(32),
            redis_url=REDIS_URL,
            environment="test",
            log_dir=LOG_DIR,
        )
        prepare_database(config, demo=False)  # migrations and the municipalities, once for both
        env = backend_environment(config)
        env["INTAKE_LOGIN_RATE_PER_ACCOUNT"] = LOGIN_RATE_PER_ACCOUNT
        processes = []
        for name in ("a", "b"):
            port = free_port()
            command = ["-m", "uvicorn", "backend.main:app", "--host", "127.0.0.1", "--port", str(port)]
            processes.append(
                ManagedProcess(
                    f"backend {name}",
                    [str(APP_PYTHON), *command, "--no-access-log"],
                    dict(env, INTAKE_BACKEND_URL=f"http://127.0.0.1:{port}"),
                    f"http://127.0.0.1:{port}/health",
                    LOG_DIR / f"backend-{name}.log",
                    port=port,
                )
            )
        try:
            for process in processes:
                process.start()
            wait_until_healthy(processes, LOG_DIR)
            a, b = (httpx.Client(base_url=f"http://127.0.0.1:{p.port}", timeout=20) for p in processes)
            with a, b:
                headers = {"Authorization": f"Bearer {config.internal_api_token}"}
                yield Replicas(a, b, url, headers)
        finally:
            for process in processes:
                process.stop()


def save(
    client: httpx.Client, replicas: Replicas, conversation: str, answers: list[dict[str, Any]], **extra: Any
) -> Any:
    body = {"conversation_id": conversation, "language": "ti", "answers": answers, "complete": False, **extra}
    response = client.post("/api/internal/intakes", json=body, headers=replicas.internal_headers)
    assert response.status_code == 200, response.text
    return response.json()


def login(client: httpx.Client, username: str, password: str) -> httpx.Response:
    return client.post("/api/auth/login", json={"username": username, "password": password})


def staff_headers(client: httpx.Client, username: str, password: str) -> dict[str, str]:
    response = login(client, username, password)
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def with_name(value: str) -> list[dict[str, Any]]:
    return [{"question_id": "full_name", "value": value, "original_text": value}, *ANSWERS[1:3]]


def test_answers_saved_through_one_replica_are_read_through_the_other(replicas: Replicas) -> None:
    conversation = secrets.token_urlsafe(32)
    intake_id = save(replicas.a, replicas, conversation, ANSWERS, sequence=1)["intake_id"]

    username, password = create_staff(replicas.database_url, StaffRole.CASE_MANAGER, (HOORN,))
    headers = staff_headers(replicas.b, username, password)  # logged in on B only
    detail = replicas.b.get(f"/api/intakes/{intake_id}", headers=headers)
    assert detail.status_code == 200, detail.text
    assert field(detail.json(), "full_name")["value"] == "Semhar Tekle"
    assert field(detail.json(), "date_of_birth")["original_text"] == "ብግምት 2003"
    # The staff session made on B is valid on A too: nothing of it is held in one process.
    assert replicas.a.get(f"/api/intakes/{intake_id}", headers=headers).status_code == 200


def test_the_same_save_sent_to_both_replicas_at_once_is_stored_once(replicas: Replicas) -> None:
    conversation = secrets.token_urlsafe(32)
    intake_id = save(replicas.a, replicas, conversation, with_name("Semhar"), sequence=1)["intake_id"]

    # The action server retried save 2 (its first reply lost) and the proxy sent each try to
    # another replica: both arrive together.
    start = threading.Barrier(2)
    outcomes: dict[str, Any] = {}

    def send(name: str, client: httpx.Client) -> None:
        start.wait()
        outcomes[name] = save(client, replicas, conversation, with_name("Semhar Tekle"), sequence=2)

    threads = [threading.Thread(target=send, args=item) for item in (("a", replicas.a), ("b", replicas.b))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert set(outcomes) == {"a", "b"}
    assert {o["intake_id"] for o in outcomes.values()} == {intake_id}

    username, password = create_staff(replicas.database_url, StaffRole.CASE_MANAGER, (HOORN,))
    detail = replicas.b.get(f"/api/intakes/{intake_id}", headers=staff_headers(replicas.b, username, password))
    full_name = field(detail.json(), "full_name")
    assert full_name["value"] == "Semhar Tekle"
    # One version per save, however many replicas received it.
    assert [version["value"] for version in full_name["history"]] == ["Semhar", "Semhar Tekle"]


def test_the_login_limit_per_account_is_counted_across_both_replicas(replicas: Replicas) -> None:
    username, password = create_staff(replicas.database_url, StaffRole.CASE_MANAGER, (HOORN,))
    # Two tries on each replica: each replica alone has seen fewer than the 3 a minute allowed.
    tries = [login(client, username, "wrong password") for client in (replicas.a, replicas.a, replicas.b)]
    assert [response.status_code for response in tries] == [401, 401, 401]
    fourth = login(replicas.b, username, password)  # the right password, on B's second try
    assert fourth.status_code == 429, fourth.text
    assert fourth.headers.get("Retry-After")
    # And A says the same: the count is one, in Redis.
    assert login(replicas.a, username, password).status_code == 429
