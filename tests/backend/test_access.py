"""Who may see what: staff log in, case managers see only their municipalities, reads are audited."""

from __future__ import annotations

import secrets
from typing import Any

from fastapi.testclient import TestClient

from backend.models import StaffRole
from locales import translate

HOORN, MEDEMBLIK = "0405", "0420"


def dutch(message: str) -> str:
    """Staff messages are Dutch: the nl catalog's text, which must differ from the English source."""
    translated = translate("nl", message)
    assert translated != message, f"not translated into Dutch: {message!r}"
    return translated


def all_fields(detail: dict[str, Any]) -> list[dict[str, Any]]:
    """Every ordinary field of an intake as the case-manager API returns it."""
    return [f for section in detail["sections"] for f in section["fields"]]


def submit(
    client: TestClient,
    headers: dict[str, str],
    municipality: str,
    name: str = "Amina Yusuf",
    complete: bool = True,
    conversation: str | None = None,
) -> dict[str, Any]:
    body = {
        "conversation_id": conversation or secrets.token_urlsafe(32),
        "language": "ar",
        "answers": [
            {"question_id": "full_name", "value": name, "original_text": name},
            {"question_id": "date_of_birth", "value": "1990-03-15", "original_text": "١٥/٣/١٩٩٠"},
            {"question_id": "municipality", "value": municipality},
        ],
        "complete": complete,
    }
    response = client.post("/api/internal/intakes", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_every_staff_endpoint_needs_a_login(client: TestClient) -> None:
    for path in ("/api/intakes", "/api/auth/me", "/api/municipalities", "/api/admin/audit"):
        response = client.get(path)
        assert response.status_code == 401
        assert response.json()["detail"] == dutch("Log in first.")
    assert client.get("/api/intakes", headers={"Authorization": "Bearer not-a-token"}).status_code == 401


def test_internal_endpoints_need_the_internal_token(client: TestClient, make_staff) -> None:  # type: ignore[no-untyped-def]
    staff = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    assert client.post("/api/internal/intakes", json={}).status_code == 401
    assert client.post("/api/internal/intakes", json={}, headers=staff.headers).status_code == 401
    assert client.post("/nlg", json={"response": "utter_ask_language"}).status_code == 401


def test_wrong_password_is_refused_in_dutch(client: TestClient, make_staff) -> None:  # type: ignore[no-untyped-def]
    staff = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    response = client.post("/api/auth/login", json={"username": staff.username, "password": "wrong"})
    assert response.status_code == 401
    assert response.json()["detail"] == dutch("The username or password is not right.")
    unknown = client.post("/api/auth/login", json={"username": "nobody", "password": "x"})
    assert unknown.status_code == 401 and unknown.json()["detail"] == response.json()["detail"]


def test_case_manager_cannot_read_another_municipalitys_intake(
    client: TestClient,
    make_staff,
    internal_headers: dict[str, str],  # type: ignore[no-untyped-def]
) -> None:
    hoorn = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    medemblik = make_staff(StaffRole.CASE_MANAGER, (MEDEMBLIK,))
    intake_id = submit(client, internal_headers, HOORN)["intake_id"]

    assert client.get(f"/api/intakes/{intake_id}", headers=hoorn.headers).status_code == 200
    refused = client.get(f"/api/intakes/{intake_id}", headers=medemblik.headers)
    assert refused.status_code == 404  # not even its existence is revealed
    listed = client.get("/api/intakes", headers=medemblik.headers).json()
    assert intake_id not in {i["id"] for i in listed}
    assert intake_id in {i["id"] for i in client.get("/api/intakes", headers=hoorn.headers).json()}
    # Asking for another municipality by filter gives nothing either.
    assert client.get(f"/api/intakes?municipality={HOORN}", headers=medemblik.headers).json() == []


def test_an_intake_of_no_known_municipality_is_the_whole_regions(
    client: TestClient,
    make_staff,
    internal_headers: dict[str, str],  # type: ignore[no-untyped-def]
) -> None:
    """The person named none of the seven: every case manager sees the intake (nobody would
    otherwise), volunteers do not."""
    body = {
        "conversation_id": secrets.token_urlsafe(32),
        "language": "en",
        "answers": [
            {"question_id": "full_name", "value": "Selam Tesfay", "original_text": "Selam Tesfay"},
            {"question_id": "municipality", "value": None, "no_answer": "needs_help", "original_text": "by the lake"},
        ],
        "complete": True,
    }
    response = client.post("/api/internal/intakes", json=body, headers=internal_headers)
    assert response.status_code == 200, response.text
    intake_id = response.json()["intake_id"]
    for codes in ((HOORN,), (MEDEMBLIK,)):
        staff = make_staff(StaffRole.CASE_MANAGER, codes)
        assert intake_id in {i["id"] for i in client.get("/api/intakes", headers=staff.headers).json()}
        assert client.get(f"/api/intakes/{intake_id}", headers=staff.headers).status_code == 200
        # Filtered by a municipality, it is not that municipality's.
        filtered = client.get(f"/api/intakes?municipality={codes[0]}", headers=staff.headers).json()
        assert intake_id not in {i["id"] for i in filtered}
    volunteer = make_staff(StaffRole.VOLUNTEER, (HOORN,))
    assert client.get(f"/api/intakes/{intake_id}", headers=volunteer.headers).status_code == 403


def test_volunteers_and_administrators_do_not_read_intakes(
    client: TestClient,
    make_staff,
    internal_headers: dict[str, str],  # type: ignore[no-untyped-def]
) -> None:
    intake_id = submit(client, internal_headers, HOORN)["intake_id"]
    for role in (StaffRole.VOLUNTEER, StaffRole.ADMINISTRATOR):
        staff = make_staff(role, (HOORN,))
        assert client.get(f"/api/intakes/{intake_id}", headers=staff.headers).status_code == 403
        assert client.get("/api/intakes", headers=staff.headers).status_code == 403


def test_every_read_is_audited(client: TestClient, make_staff, internal_headers: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    hoorn = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    medemblik = make_staff(StaffRole.CASE_MANAGER, (MEDEMBLIK,))
    admin = make_staff(StaffRole.ADMINISTRATOR)
    intake_id = submit(client, internal_headers, HOORN)["intake_id"]
    client.get(f"/api/intakes/{intake_id}", headers=hoorn.headers)
    client.get(f"/api/intakes/{intake_id}", headers=medemblik.headers)

    events = client.get(f"/api/admin/audit?object_id={intake_id}", headers=admin.headers).json()
    actions = sorted(e["action"] for e in events)
    assert actions == ["read_intake", "read_intake_refused"]
    assert client.get("/api/admin/audit", headers=hoorn.headers).status_code == 403


def test_logout_ends_the_session(client: TestClient, make_staff) -> None:  # type: ignore[no-untyped-def]
    staff = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    assert client.get("/api/auth/me", headers=staff.headers).json()["municipalities"] == [HOORN]
    assert client.post("/api/auth/logout", headers=staff.headers).status_code == 204
    assert client.get("/api/auth/me", headers=staff.headers).status_code == 401


def test_production_publishes_no_api_documentation(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from backend.config import get_settings
    from backend.main import create_app

    monkeypatch.setenv("INTAKE_ENVIRONMENT", "production")
    get_settings.cache_clear()
    try:
        app = create_app()
        with TestClient(app) as production:
            assert production.get("/docs").status_code == 404
            assert production.get("/openapi.json").status_code == 404
            assert production.get("/health").status_code == 200
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
