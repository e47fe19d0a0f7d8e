"""Case managers manage the RIT's availability: weekly hours, absences, new interpreters and
rooms; slot search follows every change at once; staff messages are Dutch; changes are audited."""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from backend.models import (
    AuditEvent,
    Location,
    LocationKind,
    Resource,
    ResourceKind,
    StaffRole,
    StaffUser,
    WorkingHours,
)

ENKHUIZEN = "0388"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
WEEKDAYS_9_TO_17 = [{"weekday": d, "starts": "09:00", "ends": "17:00"} for d in range(5)]


@pytest.fixture(scope="module")
def enkhuizen(client: TestClient, make_staff) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """An office with a room, a case manager and a Tigrinya interpreter (no other test uses
    Tigrinya interpreters or Enkhuizen, so the changes here touch no other test's calendar)."""
    from backend.db import session_scope

    staff = make_staff(StaffRole.CASE_MANAGER, (ENKHUIZEN,))
    with session_scope() as session:
        user = session.scalar(select(StaffUser).where(StaffUser.username == staff.username))
        assert user is not None
        office = Location(name="Stadhuis Enkhuizen (test)", address="Breedstraat 1", kind=LocationKind.OFFICE,
                          municipality_code=ENKHUIZEN)  # fmt: skip
        session.add(office)
        session.flush()
        room = Resource(kind=ResourceKind.ROOM, name="Kamer 1 (test)", location_id=office.id)
        manager = Resource(kind=ResourceKind.CASE_MANAGER, name="Casemanager Enkhuizen (test)", staff_user_id=user.id)
        interpreter = Resource(kind=ResourceKind.INTERPRETER, name="Tolk Tigrinya (test)", languages=["ti"])
        for resource in (room, manager, interpreter):
            resource.hours = [WorkingHours(weekday=d, starts=time(9), ends=time(17)) for d in range(5)]
            session.add(resource)
        session.flush()
        ids = {"office": office.id, "room": room.id, "manager": manager.id, "interpreter": interpreter.id}
    return {"staff": staff, **ids}


def tigrinya_intake(client: TestClient, internal_headers: dict[str, str]) -> uuid.UUID:
    answers: list[dict[str, Any]] = [
        {"question_id": "full_name", "value": "Semhar Tekle", "original_text": "Semhar Tekle"},
        {"question_id": "municipality", "value": ENKHUIZEN},
        {"question_id": "interpreter_needed", "value": "yes"},
        {"question_id": "interpreter_language", "value": "ti"},
        {"question_id": "availability", "value": ["mon_morning", "tue_morning", "wed_morning", "thu_morning"]},
    ]
    body = {"conversation_id": secrets.token_urlsafe(32), "language": "ti", "answers": answers, "complete": True}
    response = client.post("/api/internal/intakes", json=body, headers=internal_headers)
    assert response.status_code == 200, response.text
    return uuid.UUID(response.json()["intake_id"])


def local_starts(slots: list[dict[str, Any]]) -> list[datetime]:
    return [datetime.fromisoformat(s["starts_at"]).astimezone(AMSTERDAM) for s in slots]


def test_slot_search_follows_working_hours_and_absences(  # type: ignore[no-untyped-def]
    client: TestClient, internal_headers: dict[str, str], enkhuizen
) -> None:
    headers = enkhuizen["staff"].headers
    intake_id = tigrinya_intake(client, internal_headers)
    first = client.get(f"/api/intakes/{intake_id}/slots", headers=headers).json()
    assert first and all(s["interpreter"] == "Tolk Tigrinya (test)" for s in first)

    # The interpreter now works on Fridays only; the person can come Monday to Thursday mornings.
    friday = [{"weekday": 4, "starts": "09:00", "ends": "17:00"}]
    response = client.put(f"/api/resources/{enkhuizen['interpreter']}/hours", json=friday, headers=headers)
    assert response.status_code == 200 and response.json()["hours"] == [
        {"weekday": 4, "starts": "09:00:00", "ends": "17:00:00"}
    ]
    assert client.get(f"/api/intakes/{intake_id}/slots", headers=headers).json() == []

    # Mornings only again: slots come back, all before noon on Monday to Thursday.
    mornings = [{"weekday": d, "starts": "08:30", "ends": "12:00"} for d in range(4)]
    assert client.put(f"/api/resources/{enkhuizen['interpreter']}/hours", json=mornings, headers=headers).is_success
    again = local_starts(client.get(f"/api/intakes/{intake_id}/slots", headers=headers).json())
    assert again and all(s.weekday() < 4 and s.time() < time(12) for s in again)

    # An absence over the earliest slot's whole day: no slot is offered on that day any more.
    day_start = again[0].replace(hour=0, minute=0)
    absence = {"starts_at": day_start.isoformat(), "ends_at": (day_start + timedelta(days=1)).isoformat(),
               "reason": "training"}  # fmt: skip
    added = client.post(f"/api/resources/{enkhuizen['manager']}/absences", json=absence, headers=headers)
    assert added.status_code == 201, added.text
    [absence_out] = added.json()["absences"]
    without_that_day = local_starts(client.get(f"/api/intakes/{intake_id}/slots", headers=headers).json())
    assert without_that_day and all(s.date() != day_start.date() for s in without_that_day)

    # Taking the absence back offers that day again.
    removed = client.delete(f"/api/resources/{enkhuizen['manager']}/absences/{absence_out['id']}", headers=headers)
    assert removed.status_code == 200 and removed.json()["absences"] == []
    assert local_starts(client.get(f"/api/intakes/{intake_id}/slots", headers=headers).json())[0] == again[0]
    assert client.put(
        f"/api/resources/{enkhuizen['interpreter']}/hours", json=WEEKDAYS_9_TO_17, headers=headers
    ).is_success

    # Lists and the calendar name the person (as they gave their name in the chat).
    listed = client.get("/api/intakes", params={"municipality": ENKHUIZEN}, headers=headers).json()
    assert {"Semhar Tekle"} <= {i["name"] for i in listed if i["id"] == str(intake_id)}
    token = client.get(f"/api/intakes/{intake_id}/slots", headers=headers).json()[0]["token"]
    booked = client.post(f"/api/intakes/{intake_id}/appointments", json={"token": token}, headers=headers)
    assert booked.status_code == 201 and booked.json()["person"] == "Semhar Tekle"


def test_bad_hours_and_resources_are_refused_in_dutch_and_nothing_changes(  # type: ignore[no-untyped-def]
    client: TestClient, enkhuizen
) -> None:
    headers = enkhuizen["staff"].headers
    url = f"/api/resources/{enkhuizen['room']}/hours"
    overlapping = [
        {"weekday": 0, "starts": "09:00", "ends": "12:00"},
        {"weekday": 0, "starts": "11:00", "ends": "15:00"},
    ]
    response = client.put(url, json=overlapping, headers=headers)
    assert response.status_code == 400 and "overlappen" in response.text
    backwards = [{"weekday": 1, "starts": "17:00", "ends": "09:00"}]
    assert client.put(url, json=backwards, headers=headers).status_code == 400
    assert (
        client.put(url, json=[{"weekday": 7, "starts": "09:00", "ends": "12:00"}], headers=headers).status_code == 422
    )
    room = next(r for r in client.get("/api/resources", headers=headers).json() if r["id"] == enkhuizen["room"])
    assert len(room["hours"]) == 5  # unchanged

    no_language = client.post("/api/resources", json={"kind": "interpreter", "name": "Tolk X"}, headers=headers)
    assert no_language.status_code == 400 and "taal" in no_language.text
    nowhere = client.post(
        "/api/resources", json={"kind": "room", "name": "Kamer 9", "location_id": 999999}, headers=headers
    )
    assert nowhere.status_code == 400 and "locatie" in nowhere.text
    absence = {"starts_at": "2027-01-05T12:00:00+01:00", "ends_at": "2027-01-05T09:00:00+01:00"}
    assert client.post(f"/api/resources/{enkhuizen['room']}/absences", json=absence, headers=headers).status_code == 400
    assert client.delete(f"/api/resources/{enkhuizen['room']}/absences/999999", headers=headers).status_code == 404


def test_a_new_telephone_interpreter_is_listed_and_every_change_is_audited(  # type: ignore[no-untyped-def]
    client: TestClient, enkhuizen, make_staff
) -> None:
    from backend.db import session_scope

    headers = enkhuizen["staff"].headers
    body = {"kind": "interpreter", "name": "Tolkentelefoon Somali (test)", "languages": ["so"], "by_phone": True}
    created = client.post("/api/resources", json=body, headers=headers)
    assert created.status_code == 201, created.text
    assert created.json()["by_phone"] is True and created.json()["hours"] == []
    assert client.put(f"/api/resources/{created.json()['id']}/hours", json=WEEKDAYS_9_TO_17, headers=headers).is_success
    listed = {r["id"]: r for r in client.get("/api/resources", headers=headers).json()}
    assert listed[created.json()["id"]]["languages"] == ["so"] and len(listed[created.json()["id"]]["hours"]) == 5

    volunteer = make_staff(StaffRole.VOLUNTEER, (ENKHUIZEN,))
    assert (
        client.put(f"/api/resources/{enkhuizen['room']}/hours", json=[], headers=volunteer.headers).status_code == 403
    )
    assert client.get("/api/resources", headers=volunteer.headers).status_code == 403

    with session_scope() as session:
        actions = set(
            session.scalars(
                select(AuditEvent.action).where(
                    AuditEvent.object_type == "resource", AuditEvent.object_id == str(created.json()["id"])
                )
            )
        )
    assert actions == {"add_resource", "set_working_hours"}
