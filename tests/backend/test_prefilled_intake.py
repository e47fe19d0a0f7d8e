"""The prefilled brede intake: groups, no-answer reasons, corrections, section reviews, export, flags."""

from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from backend.models import StaffRole, day_in_amsterdam
from tests.backend.conftest import start_assistance
from tests.backend.test_access import HOORN, all_fields

MEDEMBLIK = "0420"


def post(
    client: TestClient, headers: dict[str, str], conversation: str, answers: list[dict[str, Any]], **extra: Any
) -> Any:
    body = {"conversation_id": conversation, "language": "ti", "answers": answers, "complete": False, **extra}
    response = client.post("/api/internal/intakes", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


BASE = [
    {"question_id": "full_name", "value": "Semhar Tekle", "original_text": "Semhar Tekle"},
    {"question_id": "date_of_birth", "value": "~2003", "original_text": "ብግምት 2003"},
    {"question_id": "municipality", "value": HOORN},
    {"question_id": "country_of_origin", "value": None, "no_answer": "skipped"},
    {"question_id": "email", "value": None, "no_answer": "none"},
    {"question_id": "digid_applied", "value": "unknown"},
    {"question_id": "mental_health_help", "value": "yes"},
]
TWO_JOBS = [
    {"question_id": "job_title", "item": 0, "value": "ሓጻቢት", "original_text": "ሓጻቢት"},
    {"question_id": "job_years", "item": 0, "value": 3},
    {"question_id": "job_title", "item": 1, "value": "teacher", "original_text": "teacher"},
    {"question_id": "jobs", "value": 2},
]


def field(detail: dict[str, Any], question_id: str) -> dict[str, Any]:
    return next(f for f in all_fields(detail) if f["question_id"] == question_id)


def group(detail: dict[str, Any], question_id: str) -> dict[str, Any]:
    return next(g for s in detail["sections"] for g in s["groups"] if g["question_id"] == question_id)


def test_groups_no_answers_and_flags(client: TestClient, make_staff, internal_headers: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    conversation = secrets.token_urlsafe(32)
    intake_id = post(client, internal_headers, conversation, [*BASE, *TWO_JOBS], help_requested=True)["intake_id"]
    staff = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    detail = client.get(f"/api/intakes/{intake_id}", headers=staff.headers).json()

    assert detail["status"] == "partial" and detail["complete"] is False
    assert field(detail, "date_of_birth")["display"] == "ongeveer 2003"
    assert field(detail, "date_of_birth")["original_text"] == "ብግምት 2003"
    assert field(detail, "country_of_origin")["no_answer"] == "skipped"
    assert field(detail, "email")["no_answer"] == "none" and field(detail, "email")["display"] == "Heeft geen"
    assert field(detail, "mental_health_help")["sensitive"] is True
    jobs = group(detail, "jobs")
    assert jobs["answered"] and len(jobs["items"]) == 2
    first_job = {f["question_id"]: f for f in jobs["items"][0]}
    assert first_job["job_title"]["original_text"] == "ሓጻቢት" and first_job["job_years"]["value"] == 3
    assert {f["id"] for f in detail["flags"]} >= {"no_digid", "health_help", "help_requested", "young_person"}
    assert detail["help_requested_at"] is not None
    # Ten weeks from the day it was started on the calendar in Amsterdam (not the UTC day).
    started = day_in_amsterdam(datetime.fromisoformat(detail["created_at"]))
    assert date.fromisoformat(detail["pip_deadline"]) == started + timedelta(weeks=10)

    # One job fewer: the second job's answers are recorded as removed, not deleted.
    post(client, internal_headers, conversation, [*BASE, *TWO_JOBS[:2], {"question_id": "jobs", "value": 1}])
    detail = client.get(f"/api/intakes/{intake_id}", headers=staff.headers).json()
    assert len(group(detail, "jobs")["items"]) == 1


def test_a_correction_is_a_new_version_and_survives_the_chat_resending(
    client: TestClient,
    make_staff,
    internal_headers: dict[str, str],  # type: ignore[no-untyped-def]
) -> None:
    conversation = secrets.token_urlsafe(32)
    intake_id = post(client, internal_headers, conversation, BASE)["intake_id"]
    staff = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    url = f"/api/intakes/{intake_id}/fields/full_name"
    corrected = client.put(url, json={"value": "Semhar Tekle Haile"}, headers=staff.headers)
    assert corrected.status_code == 200, corrected.text
    name = field(corrected.json(), "full_name")
    assert name["value"] == "Semhar Tekle Haile" and name["source"] == "case_manager"
    assert [v["source"] for v in name["history"]] == ["chat", "case_manager"]

    # The chat sends all its answers again (unchanged): the correction stays current.
    post(client, internal_headers, conversation, BASE, complete=True)
    detail = client.get(f"/api/intakes/{intake_id}", headers=staff.headers).json()
    assert field(detail, "full_name")["value"] == "Semhar Tekle Haile"
    assert detail["status"] == "submitted"

    birth_url = url.replace("full_name", "date_of_birth")
    bad = client.put(birth_url, json={"value": "yesterday"}, headers=staff.headers)
    # The Dutch message names the question as the case manager reads it.
    assert bad.status_code == 400 and bad.json()["detail"] == "Ongeldige waarde voor vraag: Geboortedatum"
    assert client.put(birth_url, json={"value": "2003-02-30"}, headers=staff.headers).status_code == 400

    # A phone number typed as case managers write it is stored in international form.
    phone_url = url.replace("full_name", "phone")
    phone = client.put(phone_url, json={"value": "06-87 65 43 21"}, headers=staff.headers)
    assert phone.status_code == 200 and field(phone.json(), "phone")["value"] == "+31687654321"
    assert client.put(phone_url, json={"value": "12345"}, headers=staff.headers).status_code == 400
    other = make_staff(StaffRole.CASE_MANAGER, (MEDEMBLIK,))
    assert client.put(url, json={"value": "X Y"}, headers=other.headers).status_code == 404


def test_fields_carry_their_type_and_the_dutch_options_a_correction_chooses_from(
    client: TestClient,
    make_staff,
    internal_headers: dict[str, str],  # type: ignore[no-untyped-def]
) -> None:
    intake_id = post(client, internal_headers, secrets.token_urlsafe(32), [*BASE, *TWO_JOBS])["intake_id"]
    staff = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    detail = client.get(f"/api/intakes/{intake_id}", headers=staff.headers).json()
    partner = field(detail, "partner")
    assert partner["type"] == "single_choice"
    assert partner["options"] == [
        {"code": "no", "label": "Nee"},
        {"code": "in_netherlands", "label": "Ja, in Nederland"},
        {"code": "abroad", "label": "Ja, in een ander land"},
    ]
    municipality = field(detail, "municipality")
    assert {"code": HOORN, "label": "Hoorn"} in municipality["options"]  # proper names as they are
    assert field(detail, "other_languages")["type"] == "multiple_choice"
    assert field(detail, "digid_applied")["options"] == [
        {"code": "yes", "label": "Ja"},
        {"code": "no", "label": "Nee"},
        {"code": "unknown", "label": "Weet ik niet"},
    ]
    birth = field(detail, "date_of_birth")
    assert birth["type"] == "date" and birth["options"] == []
    job_years = {f["question_id"]: f for f in group(detail, "jobs")["items"][0]}["job_years"]
    assert job_years["type"] == "number" and job_years["item"] == 0

    # Every option offered is one a correction may store.
    url = f"/api/intakes/{intake_id}/fields/partner"
    for option in partner["options"]:
        assert client.put(url, json={"value": option["code"]}, headers=staff.headers).status_code == 200
    assert field(client.get(f"/api/intakes/{intake_id}", headers=staff.headers).json(), "partner")["value"] == "abroad"


def test_confirm_a_section_and_export_follows_the_schema(
    client: TestClient,
    make_staff,
    internal_headers: dict[str, str],  # type: ignore[no-untyped-def]
) -> None:
    intake_id = post(client, internal_headers, secrets.token_urlsafe(32), [*BASE, *TWO_JOBS])["intake_id"]
    staff = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    confirmed = client.post(f"/api/intakes/{intake_id}/sections/personal/confirm", headers=staff.headers)
    assert confirmed.status_code == 200
    personal = next(s for s in confirmed.json()["sections"] if s["id"] == "personal")
    assert personal["reviewed_at"] is not None and personal["title"] == "Over jou"
    assert personal["reviewed_by_name"] == staff.username  # the test accounts' full name is their username
    contact = next(s for s in confirmed.json()["sections"] if s["id"] == "contact")
    assert contact["reviewed_at"] is None and contact["reviewed_by_name"] is None
    assert client.post(f"/api/intakes/{intake_id}/sections/nope/confirm", headers=staff.headers).status_code == 404

    exported = client.get(f"/api/intakes/{intake_id}/export", headers=staff.headers).json()
    assert exported["answers"]["personal"]["full_name"] == "Semhar Tekle"
    assert exported["answers"]["personal"]["country_of_origin"] == {"no_answer": "skipped"}
    assert exported["answers"]["work"]["jobs"][0] == {"occupation": "ሓጻቢት", "years": 3}
    assert "health_help" in exported["flags"]


def test_list_filters(client: TestClient, make_staff, internal_headers: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    partial = post(client, internal_headers, secrets.token_urlsafe(32), BASE)["intake_id"]
    staff = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    listed = {i["id"]: i for i in client.get("/api/intakes?complete=false", headers=staff.headers).json()}
    assert partial in listed and all(not i["complete"] for i in listed.values())
    assert partial not in {i["id"] for i in client.get("/api/intakes?complete=true", headers=staff.headers).json()}
    soon = (date.today() + timedelta(weeks=11)).isoformat()
    assert partial in {
        i["id"] for i in client.get(f"/api/intakes?deadline_before={soon}", headers=staff.headers).json()
    }
    today = date.today().isoformat()
    assert partial not in {
        i["id"] for i in client.get(f"/api/intakes?deadline_before={today}", headers=staff.headers).json()
    }


def test_answers_given_while_a_volunteer_assists_are_marked_assisted(
    client: TestClient,
    make_staff,
    internal_headers: dict[str, str],  # type: ignore[no-untyped-def]
) -> None:
    conversation = client.post("/api/chat/conversations").json()["conversation_id"]
    intake_id = post(client, internal_headers, conversation, BASE[:3])["intake_id"]
    volunteer = make_staff(StaffRole.VOLUNTEER)
    url = f"/api/chat/conversations/{conversation}/assistance"
    assert client.post(url, json={"code": "000000"}).status_code == 400  # no code of any volunteer
    assert client.post(url, headers=volunteer.headers).status_code == 422  # a staff login is not a code
    assert start_assistance(client, conversation, volunteer) == 200
    post(client, internal_headers, conversation, [*BASE[:3], {"question_id": "phone", "value": "+31612345678"}])
    assert client.delete(url).status_code == 204  # the person (who holds the chat) ends it
    post(client, internal_headers, conversation, [*BASE[:3], {"question_id": "email", "value": "s@example.com"}])

    staff = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    detail = client.get(f"/api/intakes/{intake_id}", headers=staff.headers).json()
    assert field(detail, "full_name")["source"] == "chat"  # sent again unchanged: still the person's own
    assert field(detail, "phone")["source"] == "volunteer"
    assert field(detail, "phone")["history"][0]["recorded_by"] is not None
    assert field(detail, "email")["source"] == "chat"
    unknown = client.post("/api/chat/conversations/not-a-conversation/assistance", json={"code": "123456"})
    assert unknown.status_code == 404
    assert client.delete("/api/chat/conversations/not-a-conversation/assistance").status_code == 404
