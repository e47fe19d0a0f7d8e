"""Limits (backend/throttle.py, backend/middleware.py): staff logins per account and per address
with a lockout, conversations per address, messages per conversation, and request bodies.

The test run raises the limits (tests/conftest.py); each test here sets the one it tests back
to a low value, and talks from a network address of its own so that its counts are its own.
The login lockout runs against both stores: this process's memory and Redis.
"""

from __future__ import annotations

import asyncio
import itertools
import secrets
import time
from collections.abc import Callable, Iterator

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from backend.config import get_settings
from backend.models import Conversation, StaffRole
from backend.nlg.texts import UI_TEXTS
from backend.security import token_hash
from backend.throttle import LOCKED_MESSAGE, LOGIN_RATE_MESSAGE
from locales import translate
from tests.backend.test_access import HOORN, dutch

REDIS_URL = "redis://127.0.0.1:6379/0"
_addresses = itertools.count(1)


@pytest.fixture()
def limits(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Set settings of the running app for one test (put back afterwards)."""

    def set_limits(**values: object) -> None:
        for name, value in values.items():
            monkeypatch.setattr(get_settings(), name, value)

    return set_limits


@pytest.fixture()
def own_client(database_url: str) -> Iterator[TestClient]:
    """A client from a network address no other test uses."""
    from backend.main import create_app

    with TestClient(create_app(), client=(f"10.11.0.{next(_addresses)}", 50000)) as client:
        yield client


def login(client: TestClient, username: str, password: str) -> int:
    return client.post("/api/auth/login", json={"username": username, "password": password}).status_code


# -- Staff logins ----------------------------------------------------------------------------


@pytest.mark.parametrize("store", ["memory", "redis"])
def test_an_account_is_locked_after_ten_failed_logins_even_for_the_right_password(  # type: ignore[no-untyped-def]
    store: str, limits: Callable[..., None], own_client: TestClient, make_staff
) -> None:
    limits(redis_url=REDIS_URL if store == "redis" else None)
    staff = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    for _attempt in range(9):
        assert login(own_client, staff.username, "wrong password") == 401
    locking = own_client.post("/api/auth/login", json={"username": staff.username, "password": "wrong"})
    assert locking.status_code == 429
    assert locking.json()["detail"] == dutch(LOCKED_MESSAGE).format(minutes=15)
    assert 840 <= int(locking.headers["Retry-After"]) <= 900
    # Locked: the right password does not work either, also typed in other capitals.
    refused = own_client.post("/api/auth/login", json={"username": staff.username.upper(), "password": staff.password})
    assert refused.status_code == 429 and refused.json()["detail"] == locking.json()["detail"]
    # An administrator lifts the lockout.
    admin = make_staff(StaffRole.ADMINISTRATOR)
    assert own_client.delete(f"/api/admin/lockouts/{staff.username}", headers=staff.headers).status_code == 403
    assert own_client.delete(f"/api/admin/lockouts/{staff.username}", headers=admin.headers).status_code == 204
    assert login(own_client, staff.username, staff.password) == 200


def test_a_successful_login_starts_the_count_of_failures_again(  # type: ignore[no-untyped-def]
    own_client: TestClient, make_staff
) -> None:
    staff = make_staff(StaffRole.VOLUNTEER)
    for _round in range(2):
        for _attempt in range(9):
            assert login(own_client, staff.username, "wrong password") == 401
        assert login(own_client, staff.username, staff.password) == 200


def test_logins_per_account_and_per_address_are_limited(  # type: ignore[no-untyped-def]
    limits: Callable[..., None], own_client: TestClient, make_staff
) -> None:
    limits(login_rate_per_account="5/minute", login_rate_per_address="8/minute")
    first, second = make_staff(StaffRole.CASE_MANAGER, (HOORN,)), make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    # Each has logged in once (make_staff); four more attempts on the first account, then it waits.
    assert [login(own_client, first.username, "wrong") for _ in range(4)] == [401] * 4
    too_many = own_client.post("/api/auth/login", json={"username": first.username, "password": first.password})
    assert too_many.status_code == 429
    assert too_many.json()["detail"] == dutch(LOGIN_RATE_MESSAGE).format(minutes=1)
    assert 1 <= int(too_many.headers["Retry-After"]) <= 60
    # Another account from the same address: until the address has made 8 attempts in all.
    assert [login(own_client, second.username, second.password) for _ in range(4)] == [200, 200, 200, 429]


def _client_from_anywhere() -> TestClient:
    """A client from a network address of its own, also across runs (Redis keeps counts for a while)."""
    from backend.main import create_app

    address = f"10.{secrets.randbelow(250) + 1}.{secrets.randbelow(250) + 1}.{secrets.randbelow(250) + 1}"
    return TestClient(create_app(), client=(address, 50000))


def _timed_login(client: TestClient, username: str, password: str) -> tuple[int, int | None, str, float]:
    started = time.monotonic()
    response = client.post("/api/auth/login", json={"username": username, "password": password})
    retry_after = response.headers.get("Retry-After")
    detail = response.json()["detail"] if response.status_code != 200 else ""
    return response.status_code, int(retry_after) if retry_after else None, detail, time.monotonic() - started


@pytest.mark.parametrize("store", ["memory", "redis"])
def test_failed_logins_make_the_next_try_of_the_account_wait_longer_each_time(  # type: ignore[no-untyped-def]
    store: str, limits: Callable[..., None], make_staff
) -> None:
    limits(redis_url=REDIS_URL if store == "redis" else None, login_delay_after_failures=3, login_delay_max_seconds=60)
    staff = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    with _client_from_anywhere() as client:
        assert [login(client, staff.username, "wrong password") for _ in range(3)] == [401] * 3
        # The next try waits 1 s: refused at once (no sleeping server), even with the right password.
        status, retry_after, detail, took = _timed_login(client, staff.username, staff.password)
        assert (status, retry_after) == (429, 1) and took < 0.5
        assert detail == "Te veel mislukte inlogpogingen. Wacht 1 seconde en probeer het dan opnieuw."
        time.sleep(1.1)
        assert login(client, staff.username, "wrong password") == 401
        # Each failure doubles the wait: 2 s now, and a try meanwhile does not count as a failure.
        status, retry_after, detail, _took = _timed_login(client, staff.username, "wrong password")
        assert (status, retry_after) == (429, 2) and "Wacht 2 seconden" in detail
        time.sleep(2.1)
        assert login(client, staff.username, "wrong password") == 401
        assert _timed_login(client, staff.username, staff.password)[:2] == (429, 4)
    # The account waits from every address.
    with _client_from_anywhere() as elsewhere:
        assert _timed_login(elsewhere, staff.username, staff.password)[0] == 429
        time.sleep(4.1)
        # After the wait the right password works, and the count starts again.
        assert login(elsewhere, staff.username, staff.password) == 200
        assert [login(elsewhere, staff.username, "wrong password") for _ in range(3)] == [401] * 3


@pytest.mark.parametrize("store", ["memory", "redis"])
def test_failed_logins_from_one_address_make_its_next_try_wait_whatever_the_account(  # type: ignore[no-untyped-def]
    store: str, limits: Callable[..., None], make_staff
) -> None:
    limits(redis_url=REDIS_URL if store == "redis" else None, login_delay_after_failures=3, login_delay_max_seconds=60)
    accounts = [make_staff(StaffRole.VOLUNTEER, (HOORN,)) for _ in range(4)]
    with _client_from_anywhere() as guesser, _client_from_anywhere() as colleague:
        # One wrong password on each of three accounts (guessing a common password everywhere) ...
        assert [login(guesser, staff.username, "Welkom2026!") for staff in accounts[:3]] == [401] * 3
        # ... and the address waits, for a fourth account too.
        assert _timed_login(guesser, accounts[3].username, accounts[3].password)[:2] == (429, 1)
        # Its own successful login does not wipe the address's failures.
        time.sleep(1.1)
        assert login(guesser, accounts[3].username, accounts[3].password) == 200
        assert login(guesser, accounts[0].username, "Welkom2026!") == 401
        assert _timed_login(guesser, accounts[1].username, "Welkom2026!")[:2] == (429, 2)
        # Another address is not held up.
        assert login(colleague, accounts[1].username, accounts[1].password) == 200


def test_the_workspace_login_form_says_how_long_to_wait_in_dutch(  # type: ignore[no-untyped-def]
    limits: Callable[..., None], make_staff
) -> None:
    limits(login_delay_after_failures=3, login_delay_max_seconds=60)
    staff = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    with _client_from_anywhere() as browser:

        def log_in(password: str) -> httpx.Response:
            assert browser.get("/werkplek/inloggen").status_code == 200
            form = {
                "username": staff.username,
                "password": password,
                "csrf_token": browser.cookies.get("intake_login_csrf") or "",
            }
            return browser.post("/werkplek/inloggen", data=form, follow_redirects=False)

        assert [log_in("wrong password").status_code for _ in range(3)] == [401] * 3
        waiting = log_in(staff.password)
        assert waiting.status_code == 429 and waiting.headers["Retry-After"] == "1"
        assert "Te veel mislukte inlogpogingen. Wacht 1 seconde en probeer het dan opnieuw." in waiting.text
        assert 'lang="nl"' in waiting.text
        time.sleep(1.1)
        assert log_in(staff.password).status_code == 303


# -- The chat --------------------------------------------------------------------------------


def test_new_conversations_per_address_are_limited(limits: Callable[..., None], own_client: TestClient) -> None:
    limits(conversation_rate_per_address="3 per 10 minutes")
    assert [own_client.post("/api/chat/conversations").status_code for _ in range(3)] == [201] * 3
    refused = own_client.post("/api/chat/conversations")
    assert refused.status_code == 429
    assert refused.json()["detail"] == translate("en", UI_TEXTS["too_many"])
    assert 500 <= int(refused.headers["Retry-After"]) <= 600


def test_messages_per_conversation_are_limited_in_the_persons_language(
    limits: Callable[..., None], own_client: TestClient
) -> None:
    from backend.db import session_scope

    limits(message_rate_per_conversation="3/minute")
    conversation_id = own_client.post("/api/chat/conversations").json()["conversation_id"]
    with session_scope() as session:
        session.execute(
            update(Conversation).where(Conversation.token_hash == token_hash(conversation_id)).values(language="ti")
        )
    url = f"/api/chat/conversations/{conversation_id}/messages"
    # Rasa does not run in these tests: a message within the limit goes on to it and finds it away (503).
    assert [own_client.post(url, json={"text": "ሰላም"}).status_code for _ in range(3)] == [503] * 3
    refused = own_client.post(url, json={"text": "ሰላም"})
    assert refused.status_code == 429
    assert refused.json()["detail"] == translate("ti", UI_TEXTS["too_many"]) != UI_TEXTS["too_many"]
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    # Another conversation is not affected.
    other = own_client.post("/api/chat/conversations").json()["conversation_id"]
    assert own_client.post(f"/api/chat/conversations/{other}/messages", json={"text": "hi"}).status_code == 503


# -- Request bodies --------------------------------------------------------------------------


def test_a_body_over_the_limit_is_refused_by_its_declared_length(
    limits: Callable[..., None], own_client: TestClient
) -> None:
    limits(max_body_bytes=64 * 1024)
    body = '{"username": "a", "password": "' + "x" * 70_000 + '"}'
    response = own_client.post("/api/auth/login", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json()["detail"] == dutch("The request is too large.")
    # The action server's saves may be larger (whole conversations), up to their own limit.
    internal = own_client.post("/api/internal/intakes", content=body, headers={"Content-Type": "application/json"})
    assert internal.status_code == 401  # read, then refused for the missing token: not too large


def test_a_streamed_body_is_refused_once_it_passes_the_limit_without_being_read_whole() -> None:
    """20 MB announced without a length, in 64 KiB chunks: refused after the second chunk."""
    from backend.main import create_app

    app = create_app()
    chunk = b"x" * 65_536
    pulled = 0

    async def receive() -> dict[str, object]:
        nonlocal pulled
        pulled += 1
        return {"type": "http.request", "body": chunk, "more_body": pulled < 320}

    sent: list[dict[str, object]] = []

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": f"/api/chat/conversations/{secrets.token_urlsafe(32)}/messages",
        "raw_path": b"/api/chat/conversations/x/messages",
        "query_string": b"",
        "headers": [(b"content-type", b"application/json"), (b"transfer-encoding", b"chunked")],
        "client": ("10.12.0.1", 50000),
        "server": ("testserver", 80),
        "root_path": "",
        "state": {},
    }
    asyncio.run(app(scope, receive, send))
    starts = [m for m in sent if m["type"] == "http.response.start"]
    assert [m["status"] for m in starts] == [413]
    assert pulled <= 2  # 128 KiB of the 20 MB, not more
