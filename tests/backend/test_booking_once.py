"""A booking tap either is confirmed to the phone or not made: the chat's booking request is
idempotent per conversation, so the action server may send it again after a lost answer."""

from __future__ import annotations

import threading
from datetime import time
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from backend.models import (
    Appointment,
    Location,
    LocationKind,
    Resource,
    ResourceKind,
    StaffRole,
    StaffUser,
    WorkingHours,
)

DRECHTERLAND = "0498"


@pytest.fixture(scope="module")
def drechterland_calendar(make_staff) -> None:  # type: ignore[no-untyped-def]
    """One office with one room and one case manager (no other test books in Drechterland)."""
    from backend.db import session_scope

    staff = make_staff(StaffRole.CASE_MANAGER, (DRECHTERLAND,))
    with session_scope() as session:
        user = session.scalar(select(StaffUser).where(StaffUser.username == staff.username))
        assert user is not None
        office = Location(
            name="Raadhuis Drechterland (test)", address="Raadhuisplein 1", kind=LocationKind.OFFICE,
            municipality_code=DRECHTERLAND,
        )  # fmt: skip
        session.add(office)
        session.flush()
        for resource in (
            Resource(kind=ResourceKind.ROOM, name="Spreekkamer Drechterland (test)", location_id=office.id),
            Resource(kind=ResourceKind.CASE_MANAGER, name="Casemanager Drechterland (test)", staff_user_id=user.id),
        ):
            resource.hours = [WorkingHours(weekday=d, starts=time(9), ends=time(17)) for d in range(5)]
            session.add(resource)


def _conversation_with_intake(client: TestClient, headers: dict[str, str]) -> str:
    conversation_id = client.post("/api/chat/conversations").json()["conversation_id"]
    answers: list[dict[str, Any]] = [
        {"question_id": "full_name", "value": "Test Persoon", "original_text": "Test Persoon"},
        {"question_id": "municipality", "value": DRECHTERLAND},
        {"question_id": "interpreter_needed", "value": "no"},
    ]
    body = {"conversation_id": conversation_id, "language": "ti", "answers": answers, "complete": True}
    assert client.post("/api/internal/intakes", json=body, headers=headers).status_code == 200
    return conversation_id


def test_the_same_booking_sent_again_reports_the_one_booking(  # type: ignore[no-untyped-def]
    client: TestClient, internal_headers: dict[str, str], drechterland_calendar
) -> None:
    from backend.db import session_scope

    conversation_id = _conversation_with_intake(client, internal_headers)
    offer = client.post(
        "/api/internal/appointments/offer", json={"conversation_id": conversation_id}, headers=internal_headers
    )
    token = offer.json()["slots"][0]["token"]
    request = {"conversation_id": conversation_id, "token": token}

    # The tap and its repeats at the same moment (an answer lost, the action server asking again).
    barrier = threading.Barrier(4)
    answers: list[dict[str, Any]] = []

    def book() -> None:
        barrier.wait()
        answers.append(client.post("/api/internal/appointments/book", json=request, headers=internal_headers).json())

    threads = [threading.Thread(target=book) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # And once more afterwards.
    answers.append(client.post("/api/internal/appointments/book", json=request, headers=internal_headers).json())

    assert [a["outcome"] for a in answers] == ["booked"] * 5
    assert len({a["appointment"]["id"] for a in answers}) == 1
    with session_scope() as session:
        appointments = session.scalar(
            select(func.count())
            .select_from(Appointment)
            .join(Location, Appointment.location_id == Location.id)
            .where(Location.municipality_code == DRECHTERLAND)
        )
    assert appointments == 1

    # Another time for the same person is still a move, not a second appointment.
    other = offer.json()["slots"][1]["token"]
    moved = client.post(
        "/api/internal/appointments/book",
        json={"conversation_id": conversation_id, "token": other},
        headers=internal_headers,
    ).json()
    assert moved["outcome"] == "moved" and moved["appointment"]["id"] == answers[0]["appointment"]["id"]
