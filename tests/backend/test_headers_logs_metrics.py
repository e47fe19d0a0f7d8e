"""Headers, logs and metrics (issue #11, deliverable 8), on the real app: the chat page's security
headers, compressed and cached static files, a request id in responses and log lines, no values
in database errors, and the Prometheus endpoint with its access rule."""

from __future__ import annotations

import gzip
import io
import itertools
import logging
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from backend.middleware import LOG_FORMAT, RequestIdFilter
from backend.pwa import style_source

STATIC = Path(__file__).resolve().parents[2] / "backend" / "static"
_addresses = itertools.count(1)
ClientFrom = Callable[[str], TestClient]


@pytest.fixture()
def client_from(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[ClientFrom]:
    """Clients of the real app from a network address of the test's choice, with no Rasa to
    answer (port 9: nothing listens there), whatever else runs on this machine."""
    from backend.config import get_settings
    from backend.main import create_app

    monkeypatch.setattr(get_settings(), "rasa_url", "http://127.0.0.1:9")
    opened: list[TestClient] = []

    def make(address: str) -> TestClient:
        client = TestClient(create_app(), client=(address, 50000))
        opened.append(client.__enter__())
        return client

    yield make
    for client in opened:
        client.__exit__(None, None, None)


@pytest.fixture()
def remote(client_from: ClientFrom) -> TestClient:
    return client_from(f"10.12.0.{next(_addresses)}")


# -- Headers ---------------------------------------------------------------------------------


def test_the_chat_page_has_the_staff_pages_strict_headers(remote: TestClient) -> None:
    chat, staff = remote.get("/"), remote.get("/medewerkers")
    assert chat.status_code == staff.status_code == 200
    for name in ("X-Frame-Options", "Referrer-Policy", "X-Content-Type-Options"):
        assert chat.headers[name] == staff.headers[name], name
    # The chat page's policy is the staff page's plus its app's own service worker, web manifest
    # and spoken messages (backend/pwa.py), all from this origin only, and its one inline style
    # sheet allowed by its hash (the first question is drawn after one round trip on a slow network).
    styles = re.findall(r"<style>(.*?)</style>", chat.text, re.DOTALL)
    assert len(styles) == 1 and styles[0] == (STATIC / "chat.css").read_text(encoding="utf-8")
    additions = "; worker-src 'self'; manifest-src 'self'; media-src 'self'"
    staff_policy = staff.headers["Content-Security-Policy"]
    with_styles = staff_policy.replace("style-src 'self'", f"style-src 'self' {style_source(styles[0])}")
    assert chat.headers["Content-Security-Policy"] == with_styles + additions
    policy = chat.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert chat.headers["X-Frame-Options"] == "DENY"
    assert chat.headers["Referrer-Policy"] == "no-referrer"
    assert chat.headers["Cache-Control"] == "no-store"
    # The page itself keeps to the policy: no inline script other than its JSON data, no style attribute.
    scripts = re.findall(r"<script([^>]*)>", chat.text)
    assert all('src="/static/' in attributes or 'type="application/json"' in attributes for attributes in scripts)
    assert " style=" not in chat.text


def test_a_large_static_file_is_gzipped_and_cached_then_revalidated(remote: TestClient) -> None:
    raw = (STATIC / "vendor" / "htmx.min.js").read_bytes()
    assert len(raw) > 10_000
    with remote.stream("GET", "/static/vendor/htmx.min.js", headers={"Accept-Encoding": "gzip"}) as response:
        sent = b"".join(response.iter_raw())
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert gzip.decompress(sent) == raw and len(sent) < len(raw) / 2
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    etag = response.headers["ETag"]
    assert etag.startswith('W/"')  # the gzipped bytes are not the file's bytes
    unchanged = remote.get("/static/vendor/htmx.min.js", headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged.headers["Cache-Control"] == "public, max-age=300"
    # Without gzip: the file as it is, with its strong ETag.
    plain = remote.get("/static/vendor/htmx.min.js", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers and plain.content == raw
    assert plain.headers["ETag"] == etag.removeprefix("W/")


def test_a_small_static_file_is_not_worth_compressing(remote: TestClient, tmp_path: Path) -> None:
    css = remote.get("/static/chat.css", headers={"Accept-Encoding": "gzip"})
    assert css.status_code == 200 and css.content == (STATIC / "chat.css").read_bytes()
    assert css.headers["Cache-Control"] == "public, max-age=300"
    assert remote.get("/static/no-such-file.js").status_code == 404


# -- Request ids and logs --------------------------------------------------------------------


def test_every_response_carries_a_request_id(remote: TestClient) -> None:
    ids = [remote.get(path).headers["X-Request-ID"] for path in ("/health", "/health", "/no-such-page", "/")]
    assert len(set(ids)) == 4 and all(re.fullmatch(r"[0-9a-f]{32}", value) for value in ids)
    # A proxy's own id is kept; anything that is not a plain token is replaced, never echoed.
    assert remote.get("/health", headers={"X-Request-ID": "caddy-4f2a9b1c"}).headers["X-Request-ID"] == "caddy-4f2a9b1c"
    odd = remote.get("/health", headers={"X-Request-ID": "Ahmed <script> 06-12345678"}).headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", odd)


def test_log_lines_made_during_a_request_carry_its_id(remote: TestClient) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("backend")
    logger.addHandler(handler)
    try:
        conversation = remote.post("/api/chat/conversations").json()["conversation_id"]
        # No Rasa answers: the gateway logs that Rasa did not answer, and tells the phone.
        turn = remote.post(f"/api/chat/conversations/{conversation}/messages", json={"text": "Mijn naam is Ahmed"})
        logging.getLogger("backend.test").warning("outside any request")
    finally:
        logger.removeHandler(handler)
    assert turn.status_code == 503
    lines = stream.getvalue().splitlines()
    during = [line for line in lines if "Rasa did not answer" in line]
    assert during and all(f"[{turn.headers['X-Request-ID']}]" in line for line in during)
    assert any(line.endswith("[-] outside any request") for line in lines)
    assert "Ahmed" not in stream.getvalue() and conversation not in stream.getvalue()


def test_database_errors_hold_no_values(database_url: str) -> None:
    """SQLAlchemy leaves the values out of its message. (PostgreSQL's own message may still quote
    one, e.g. "invalid input syntax for type integer: ..." or a unique key's DETAIL: that is why
    ServerErrors never logs a message at all.)"""
    from backend.db import get_engine, make_engine

    assert get_engine().hide_parameters
    assert make_engine("sqlite://").hide_parameters
    with pytest.raises(DBAPIError) as failure, get_engine().connect() as connection:
        connection.execute(text("SELECT length(CAST(:value AS text)) / 0"), {"value": "Fatima Haile, diabetes"})
    message = str(failure.value)
    assert "Fatima" not in message and "diabetes" not in message
    assert "parameters hidden" in message


# -- Metrics ---------------------------------------------------------------------------------


def sample(exposition: str, series: str) -> float:
    """The value of one series ("name{labels}") in the text format, 0 when absent."""
    for line in exposition.splitlines():
        name, _, value = line.rpartition(" ")
        if name == series:
            return float(value)
    return 0.0


def test_metrics_refuse_anonymous_remote_callers(client_from: ClientFrom, remote: TestClient) -> None:
    assert remote.get("/metrics").status_code == 403
    assert remote.get("/metrics", headers={"Authorization": "Bearer not-the-token-0123456789"}).status_code == 403
    # Through a proxy a request comes from the loopback address too: that is not local.
    local = client_from("127.0.0.1")
    assert local.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 403
    assert local.get("/metrics").status_code == 200
    token = {"Authorization": f"Bearer {os.environ['INTAKE_INTERNAL_API_TOKEN']}"}
    assert remote.get("/metrics", headers=token).status_code == 200


def test_metrics_count_requests_by_route_and_time_chat_turns_rasa_and_nlg(
    client_from: ClientFrom, remote: TestClient, internal_headers: dict[str, str]
) -> None:
    local = client_from("127.0.0.1")
    before = local.get("/metrics").text
    conversation = remote.post("/api/chat/conversations").json()["conversation_id"]
    assert remote.post(f"/api/chat/conversations/{conversation}/messages", json={"text": "hallo"}).status_code == 503
    assert remote.get("/api/intakes").status_code == 401
    assert remote.post("/nlg", json={"response": "utter_no_such_text"}, headers=internal_headers).status_code == 404
    assert remote.get("/static/chat.css").status_code == 200
    response = local.get("/metrics")
    after = response.text
    assert response.headers["Content-Type"].startswith("text/plain; version=")  # the text exposition format

    def grew(series: str, by: float = 1) -> bool:
        return sample(after, series) - sample(before, series) >= by

    assert grew('intake_http_responses_total{method="POST",route="/api/chat/conversations",status="2xx"}')
    assert grew('intake_http_responses_total{method="GET",route="/api/intakes",status="4xx"}')
    assert grew('intake_http_responses_total{method="GET",route="/static",status="2xx"}')
    chat_route = "/api/chat/conversations/{conversation_id}/messages"
    assert grew(f'intake_http_responses_total{{method="POST",route="{chat_route}",status="5xx"}}')
    assert grew('intake_chat_turn_seconds_count{status="5xx"}')
    assert grew('intake_chat_turn_seconds_bucket{le="+Inf",status="5xx"}')
    assert grew('intake_rasa_call_seconds_count{outcome="error"}')
    assert grew("intake_nlg_seconds_count")
    # No path with a conversation's id, no typed text.
    assert conversation not in after and "hallo" not in after
    # Queue lengths from the database.
    assert re.search(r'^intake_translations_waiting\{queue="machine"\} \d+(\.0)?$', after, re.MULTILINE)
    assert re.search(r'^intake_translations_waiting\{queue="human"\} \d+(\.0)?$', after, re.MULTILINE)
    assert re.search(r"^intake_reminders_due \d+(\.0)?$", after, re.MULTILINE)
    assert re.search(r'^intake_reminders\{status="sent"\} \d+(\.0)?$', after, re.MULTILINE)
