"""A character the database cannot hold (NUL, a control character, a lone surrogate) never loses an
intake and never gives a 500: what the person typed in the chat is cleaned, what staff send is
refused with a clear Dutch message, and an unexpected error is logged without personal data.

Lone surrogates cannot travel inside a Python str to httpx's JSON encoder, so the bodies that hold
one are sent as raw JSON text with the escape written out ("\\ud800"), as a browser can send it.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from backend.errors import _
from backend.models import StaffRole
from tests.backend.test_access import HOORN, all_fields, dutch

NUL, SURROGATE = "\\u0000", "\\ud800"  # as written inside JSON text
UNSTORABLE = _(
    "{fields}: holds a character that cannot be stored (an invisible control character, for example)."
    " Remove it and try again."
)


def raw_json(template: str, **values: str) -> dict[str, Any]:
    """Request arguments for a JSON body written out by hand (keeps the escapes as they are)."""
    return {"content": template % values, "headers": {"Content-Type": "application/json"}}


def with_headers(headers: dict[str, str], arguments: dict[str, Any]) -> dict[str, Any]:
    return arguments | {"headers": headers | arguments.get("headers", {})}


def conversation(client: TestClient) -> str:
    return str(client.post("/api/chat/conversations").json()["conversation_id"])


# -- The chat: cleaned -----------------------------------------------------------------------


def test_a_chat_message_with_nul_or_a_lone_surrogate_is_cleaned_not_a_500(client: TestClient) -> None:
    url = f"/api/chat/conversations/{conversation(client)}/messages"
    # Nothing left once cleaned: "type something", in the conversation's language, as for an empty message.
    empty = client.post(url, **raw_json('{"text": "%(nul)s%(surrogate)s"}', nul=NUL, surrogate=SURROGATE))
    assert empty.status_code == 400 and empty.json()["detail"]
    # The rest goes on to Rasa (which does not run in these tests: 503, never 500).
    forwarded = client.post(
        url, **raw_json('{"text": "Amina%(nul)s Yusuf %(surrogate)s"}', nul=NUL, surrogate=SURROGATE)
    )
    assert forwarded.status_code == 503, forwarded.text


def test_a_bsn_with_invisible_or_control_characters_between_its_digits_is_still_refused(client: TestClient) -> None:
    url = f"/api/chat/conversations/{conversation(client)}/messages"
    for typed in ("111%(nul)s222%(nul)s333", "111\\u200b222\\u0007333", "111%(surrogate)s222333"):
        response = client.post(url, **raw_json('{"text": "' + typed + '"}', nul=NUL, surrogate=SURROGATE))
        assert response.status_code == 200, (typed, response.text)  # refused here, not forwarded to Rasa
        assert "BSN" in response.json()["messages"][0]["text"]


def test_answers_with_nul_or_lone_surrogates_are_cleaned_and_later_saves_go_on(
    client: TestClient,
    internal_headers: dict[str, str],
    make_staff,  # type: ignore[no-untyped-def]
) -> None:
    """One broken character used to fail this save and every later one (the chat resends all its
    answers): 54 answers never reached a case manager."""
    token = secrets.token_urlsafe(32)
    answers = [
        '{"question_id": "full_name", "value": "Amina%(nul)s Yusuf",'
        ' "original_text": "ik ben Amina%(nul)s Yusuf%(surrogate)s"}',
        '{"question_id": "municipality", "value": "%(hoorn)s"}',
        '{"question_id": "dream_job", "value": "verpleeg\\u0007kundige%(surrogate)s",'
        ' "original_text": "verpleeg\\u0007kundige"}',
    ]
    for count, complete in ((2, "false"), (3, "true")):  # a save, then a later one with one more answer
        body = '{"conversation_id": "%(token)s", "language": "nl", "complete": ' + complete + ', "answers": ['
        body += ", ".join(answers[:count]) + "]}"
        response = client.post(
            "/api/internal/intakes",
            headers=internal_headers | {"Content-Type": "application/json"},
            content=body % {"token": token, "nul": NUL, "surrogate": SURROGATE, "hoorn": HOORN},
        )
        assert response.status_code == 200, response.text
    staff = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    detail = client.get(f"/api/intakes/{response.json()['intake_id']}", headers=staff.headers).json()
    fields = {f["question_id"]: f for f in all_fields(detail)}
    assert detail["status"] == "submitted"
    assert fields["full_name"]["value"] == "Amina Yusuf"
    assert fields["full_name"]["original_text"] == "ik ben Amina Yusuf"
    assert fields["dream_job"]["value"] == "verpleegkundige"


# -- Staff and API input: refused with a clear message ---------------------------------------


def test_staff_input_with_a_control_character_is_refused_in_dutch_and_nothing_changes(
    client: TestClient,
    internal_headers: dict[str, str],
    make_staff,  # type: ignore[no-untyped-def]
) -> None:
    from tests.backend.test_access import submit

    intake_id = submit(client, internal_headers, HOORN)["intake_id"]
    staff = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    url = f"/api/intakes/{intake_id}/fields/full_name"
    refused = client.put(url, **with_headers(staff.headers, raw_json('{"value": "Amina%(nul)s Yusuf"}', nul=NUL)))
    assert refused.status_code == 422
    assert refused.json()["detail"] == dutch(UNSTORABLE).format(fields="value")
    broken = client.put(
        url, **with_headers(staff.headers, raw_json('{"value": ["a%(surrogate)s"]}', surrogate=SURROGATE))
    )
    assert broken.status_code == 422 and broken.json()["fields"] == ["value"]
    detail = client.get(f"/api/intakes/{intake_id}", headers=staff.headers).json()
    assert next(f for f in all_fields(detail) if f["question_id"] == "full_name")["value"] == "Amina Yusuf"
    # The same correction without the character is taken.
    assert client.put(url, json={"value": "Amina Yusuf Ali"}, headers=staff.headers).status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("PUT", "/api/translations/1", '{"text_nl": "verpleegkundige%(nul)s"}'),
        ("POST", "/api/resources", '{"kind": "interpreter", "name": "Tolk%(surrogate)s", "languages": ["ti"]}'),
        ("POST", "/api/resources", '{"kind": "interpreter", "name": "Tolk Tigrinya", "languages": ["t%(nul)si"]}'),
        ("GET", "/api/intakes?municipality=04%00", None),
        ("GET", "/api/appointments?municipality=%00", None),
        ("GET", "/api/admin/audit?object_id=%00", None),
    ],
)
def test_nul_in_any_staff_input_is_a_422_not_a_500(  # type: ignore[no-untyped-def]
    client: TestClient, make_staff, method: str, path: str, body: str | None
) -> None:
    role = StaffRole.ADMINISTRATOR if path.startswith("/api/admin") else StaffRole.CASE_MANAGER
    staff = make_staff(role, (HOORN,))
    arguments = raw_json(body, nul=NUL, surrogate=SURROGATE) if body else {}
    response = client.request(method, path, **with_headers(staff.headers, arguments))
    assert response.status_code == 422, response.text
    assert "teken dat niet kan worden opgeslagen" in response.json()["detail"]


def test_a_login_with_nul_or_a_lone_surrogate_is_refused_clearly(client: TestClient) -> None:
    for body in ('{"username": "admin%(nul)s", "password": "x"}', '{"username": "admin", "password": "%(surrogate)s"}'):
        response = client.post("/api/auth/login", **raw_json(body, nul=NUL, surrogate=SURROGATE))
        assert response.status_code == 422, response.text


def test_ids_and_dates_out_of_range_are_refused_not_a_500(client: TestClient, make_staff) -> None:  # type: ignore[no-untyped-def]
    staff = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    conversation_id = conversation(client)
    for path in (
        f"/api/chat/conversations/{conversation_id}/notices?after={2**31}",
        f"/api/chat/conversations/{conversation_id}/notices?after={2**64}",
        "/api/appointments?start=0001-01-01T00:00:00%2B01:00",
        "/api/appointments?start=9999-12-31T23:00:00-23:00",
        "/api/appointments?start=2027-01-01T00:00:00",  # no time zone: which moment is meant?
    ):
        assert client.get(path, headers=staff.headers).status_code == 422, path
    assert client.delete(f"/api/resources/{2**31}/absences/1", headers=staff.headers).status_code == 422
    assert client.put(f"/api/translations/{2**63}", json={"text_nl": "x"}, headers=staff.headers).status_code == 422
    absence = {"starts_at": "0001-01-01T00:00:00+01:00", "ends_at": "2027-01-01T00:00:00Z"}
    assert client.post("/api/resources/1/absences", json=absence, headers=staff.headers).status_code == 422


def test_the_command_line_refuses_a_broken_argument() -> None:
    import subprocess
    import sys

    from tools.paths import PROJECT_DIR

    done = subprocess.run(
        [sys.executable, "-m", "backend.cli", "create-database", "postgresql://127.0.0.1/x\x01y"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "control character" in done.stderr and "Traceback" not in done.stderr


# -- An unexpected error: a 500 without personal data in the log --------------------------------


def test_an_unexpected_error_is_a_500_logged_without_the_data(caplog: pytest.LogCaptureFixture) -> None:
    from backend.main import create_app

    app: FastAPI = create_app()

    @app.post("/api/test-failure/{conversation_id}")
    def fails(conversation_id: str, body: dict[str, str]) -> None:
        # As a database error does: the values it could not store are in its message.
        raise RuntimeError(f"could not store {body['name']} for {conversation_id}")

    secret_id = secrets.token_urlsafe(32)
    with caplog.at_level(logging.DEBUG), TestClient(app) as client:
        response = client.post(f"/api/test-failure/{secret_id}", json={"name": "Amina Yusuf"})
    assert response.status_code == 500
    assert response.json() == {"type": "ServerError"}
    # What the server logged (the test client logs the URL it called, with the id, itself).
    server = [record for record in caplog.records if not record.name.startswith("httpx")]
    logged = "\n".join(record.getMessage() for record in server)
    assert "RuntimeError" in logged and "/api/test-failure/{conversation_id}" in logged
    assert "Amina" not in logged and secret_id not in logged
    assert all(record.exc_info is None for record in server)  # no traceback with the message
