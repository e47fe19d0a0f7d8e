"""The PIP draft: route indications with the answers they rest on, attention points, versions, access, PDF."""

from __future__ import annotations

import secrets
import subprocess
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from backend.models import AuditEvent, StaffRole
from backend.workspace.text import staff_translations
from tests.backend.test_access import HOORN, MEDEMBLIK, dutch


def staff_dutch(message: str) -> str:
    """A workspace text in Dutch (the staff catalog), which must differ from the English source."""
    translated = staff_translations().gettext(message)
    assert translated != message, f"not translated into Dutch: {message!r}"
    return translated


def intake(client: TestClient, internal_headers: dict[str, str], language: str, answers: list[dict[str, Any]]) -> str:
    body = {
        "conversation_id": secrets.token_urlsafe(32),
        "language": language,
        "answers": [{"question_id": "municipality", "value": HOORN}, *answers],
        "complete": True,
    }
    response = client.post("/api/internal/intakes", json=body, headers=internal_headers)
    assert response.status_code == 200, response.text
    return str(response.json()["intake_id"])


# A woman of about 64 from Eritrea who never went to school and reads no script: the Z route.
OLDER_LOW_LITERATE: list[dict[str, Any]] = [
    {"question_id": "full_name", "value": "Letteberhan Gebre", "original_text": "Letteberhan Gebre"},
    {"question_id": "date_of_birth", "value": "~1962", "original_text": "ብግምት 1962"},
    {"question_id": "schooling", "value": 0},
    {"question_id": "reads_own_language", "value": "no"},
    {"question_id": "writes_own_language", "value": "no"},
    {"question_id": "latin_alphabet", "value": "no"},
    {"question_id": "dutch_level", "value": "none"},
    {"question_id": "physical_health_help", "value": "yes"},
    {"question_id": "interpreter_needed", "value": "yes"},
    {"question_id": "interpreter_language", "value": "ti"},
    {"question_id": "benefit", "value": "yes"},
    {"question_id": "fixed_costs_help", "value": "yes"},
    {"question_id": "main_wish", "value": "learn_dutch"},
    {"question_id": "anything_else", "value": "ንደቀይ ክሕግዝ እደሊ", "original_text": "ንደቀይ ክሕግዝ እደሊ"},
]

# A young man of 21 who finished secondary school in Syria and reads Arabic well: the education route.
YOUNG_SECONDARY: list[dict[str, Any]] = [
    {"question_id": "full_name", "value": "Omar Haddad", "original_text": "Omar Haddad"},
    {"question_id": "date_of_birth", "value": "2005-04-10", "original_text": "10/4/2005"},
    {"question_id": "schooling", "value": 1},
    {"question_id": "education_level", "item": 0, "value": "secondary_upper"},
    {"question_id": "education_years", "item": 0, "value": 12},
    {"question_id": "reads_own_language", "value": "well"},
    {"question_id": "writes_own_language", "value": "well"},
    {"question_id": "latin_alphabet", "value": "yes"},
    {"question_id": "dutch_level", "value": "a_little"},
    {"question_id": "main_wish", "value": "study"},
    {"question_id": "dream_job", "value": "مهندس", "original_text": "مهندس"},
    {"question_id": "children", "value": 1},
    {"question_id": "child_date_of_birth", "item": 0, "value": "2024-01-20"},
]


def routes(draft: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {i["route"]: i for i in draft["indications"]}


def signals(indication: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["code"]: s for s in indication["signals"]}


def evidence(signal: dict[str, Any]) -> dict[str, str]:
    return {e["question_id"]: e["value"] for e in signal["evidence"]}


def test_low_literate_older_person_gets_a_z_route_indication_with_its_answers(
    client: TestClient,
    make_staff: Any,
    internal_headers: dict[str, str],
) -> None:
    intake_id = intake(client, internal_headers, "ti", OLDER_LOW_LITERATE)
    staff = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    response = client.get(f"/api/intakes/{intake_id}/pip", headers=staff.headers)
    assert response.status_code == 200, response.text
    draft = response.json()

    assert draft["draft"] is True and draft["notice"] == staff_dutch(
        "Draft. The case manager completes this plan and decides on it. The route indications are suggestions"
        " with their reasons, never a decision: the case manager chooses the route and gives the reasons."
    )
    assert set(routes(draft)) == {"z"}, draft["indications"]
    z = routes(draft)["z"]
    assert z["label"] == "Z-route"
    found = signals(z)
    assert set(found) == {"low_literacy", "little_schooling", "older"}
    # Each reason names the answers it rests on, as the case manager reads them.
    assert evidence(found["low_literacy"]) == {
        "reads_own_language": "Nee",
        "writes_own_language": "Nee",
        "latin_alphabet": "Nee",
    }
    assert evidence(found["older"]) == {"date_of_birth": "ongeveer 1962"}
    assert "schooling" in evidence(found["little_schooling"])
    # Nothing is decided: the case manager's fields are empty and never saved.
    assert draft["fields"]["route"] is None and draft["version"] is None
    assert [m["question_id"] for m in draft["indication_basis_missing"]] == ["schooling_years_total"]

    points = {p["code"]: p for p in draft["attention_points"]}
    assert set(points) == {"health_help", "finances", "interpreter"}
    assert {a["question_id"] for a in points["interpreter"]["answers"]} == {
        "interpreter_needed",
        "interpreter_language",
    }
    assert "6" in points["finances"]["note"]
    assert {a["question_id"]: a["display"] for a in points["finances"]["answers"]} == {
        "benefit": "Ja",
        "fixed_costs_help": "Ja",
    }
    assert [w["question_id"] for w in draft["wishes"]] == ["main_wish", "anything_else"]


def test_young_person_with_secondary_education_gets_the_education_route(
    client: TestClient,
    make_staff: Any,
    internal_headers: dict[str, str],
) -> None:
    intake_id = intake(client, internal_headers, "ar", YOUNG_SECONDARY)
    staff = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    draft = client.get(f"/api/intakes/{intake_id}/pip", headers=staff.headers).json()

    found = routes(draft)
    assert "education" in found and "z" not in found
    education = signals(found["education"])
    assert {"young", "secondary", "literate"} <= set(education)
    assert evidence(education["young"]) == {"date_of_birth": "10 april 2005"}
    assert education["secondary"]["evidence"][0]["item"] == 0
    assert evidence(education["secondary"])["education_level"] == dutch("Secondary school (to the end)")
    assert education["literate"]["evidence"][0]["value"] == dutch("Yes, well")
    # A young person who reads well with secondary school may also do the B1 route: both are shown.
    assert set(found) == {"education", "b1"}

    points = {p["code"]: p for p in draft["attention_points"]}
    assert "young_children" in points and "health_help" not in points
    wishes = {w["question_id"]: w for w in draft["wishes"]}
    assert wishes["dream_job"]["original_text"] == "مهندس" and wishes["dream_job"]["original_language"] == "ar"


def test_each_save_is_a_new_version_with_author_and_time(
    client: TestClient,
    make_staff: Any,
    internal_headers: dict[str, str],
) -> None:
    intake_id = intake(client, internal_headers, "ti", OLDER_LOW_LITERATE)
    first = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    second = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    url = f"/api/intakes/{intake_id}/pip"

    saved = client.put(
        url, json={"fields": {"main_goal": "socially_fit", "notes": "Eerst kennismaken."}}, headers=first.headers
    )
    assert saved.status_code == 200, saved.text
    assert saved.json()["version"] == 1 and saved.json()["saved_by"] == first.username

    # A route needs its reasons; a PIP date needs a route.
    no_reasons = client.put(url, json={"fields": {"route": "z"}, "based_on_version": 1}, headers=second.headers)
    assert no_reasons.status_code == 400
    assert no_reasons.json()["detail"] == staff_dutch("Give the reasons for the route you chose.")
    no_route = client.put(
        url, json={"fields": {"pip_date": "2026-12-01"}, "based_on_version": 1}, headers=second.headers
    )
    assert no_route.status_code == 400

    decided = {
        "main_goal": "socially_fit",
        "route": "z",
        "route_reasons": "Leest en schrijft niet, nooit naar school; LBT wijst ook naar de Z-route.",
        "learnability_test_outcome": "z",
        "pip_date": "2026-12-01",
    }
    saved = client.put(url, json={"fields": decided, "based_on_version": 1}, headers=second.headers)
    assert saved.status_code == 200, saved.text
    assert saved.json()["version"] == 2 and saved.json()["fields"]["route"] == "z"
    # The indications stay suggestions beside the decision.
    assert [i["route"] for i in saved.json()["indications"]] == ["z"]

    # A save on an older version than the newest is refused: nobody overwrites a colleague unseen.
    stale = client.put(url, json={"fields": {"notes": "oud"}, "based_on_version": 1}, headers=first.headers)
    assert stale.status_code == 409
    # The same fields again: no new version.
    again = client.put(url, json={"fields": decided, "based_on_version": 2}, headers=second.headers)
    assert again.json()["version"] == 2

    history = client.get(f"{url}/versions", headers=first.headers).json()
    assert [(v["version"], v["author_name"], v["decided_route"]) for v in history] == [
        (1, first.username, None),
        (2, second.username, "z"),
    ]
    assert history[0]["fields"]["notes"] == "Eerst kennismaken." and history[1]["pip_date"] == "2026-12-01"
    assert history[0]["saved_at"] <= history[1]["saved_at"]


def test_another_municipality_and_other_roles_are_refused_and_audited(
    client: TestClient,
    make_staff: Any,
    internal_headers: dict[str, str],
) -> None:
    from backend.db import session_scope

    intake_id = intake(client, internal_headers, "ti", OLDER_LOW_LITERATE)
    medemblik = make_staff(StaffRole.CASE_MANAGER, (MEDEMBLIK,))
    volunteer = make_staff(StaffRole.VOLUNTEER, (HOORN,))
    administrator = make_staff(StaffRole.ADMINISTRATOR)
    url = f"/api/intakes/{intake_id}/pip"

    assert client.get(url, headers=medemblik.headers).status_code == 404
    assert client.put(url, json={"fields": {"notes": "x"}}, headers=medemblik.headers).status_code == 404
    assert client.get(f"{url}/versions", headers=medemblik.headers).status_code == 404
    assert client.get(f"/api/intakes/{intake_id}/pip.pdf", headers=medemblik.headers).status_code == 404
    assert client.get(url, headers=volunteer.headers).status_code == 403
    assert client.get(url, headers=administrator.headers).status_code == 403

    with session_scope() as session:
        actions = session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == intake_id)).all()
    assert {"read_pip_refused", "save_pip_refused", "read_pip_history_refused", "export_pip_pdf_refused"} <= set(
        actions
    )

    hoorn = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    assert client.get(url, headers=hoorn.headers).status_code == 200
    with session_scope() as session:
        actions = session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == intake_id)).all()
    assert "read_pip" in actions


def test_the_pdf_is_marked_as_a_draft_and_shows_the_indications(
    client: TestClient,
    make_staff: Any,
    internal_headers: dict[str, str],
    tmp_path: Path,
) -> None:
    intake_id = intake(client, internal_headers, "ti", OLDER_LOW_LITERATE)
    staff = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    response = client.get(f"/api/intakes/{intake_id}/pip.pdf", headers=staff.headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf" and response.content.startswith(b"%PDF")
    pdf = tmp_path / "pip.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["/usr/bin/pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert staff_dutch("DRAFT") in text and staff_dutch("PIP draft") in text
    assert "Z-route" in text and "Letteberhan Gebre" in text
    assert staff_dutch(
        "Reads or writes their own language a little or not, or does not read the Latin alphabet"
    ) in " ".join(text.split())
    assert "ንደቀይ ክሕግዝ እደሊ" in text  # the person's own words, in Ge'ez


def test_the_workspace_page_shows_the_draft_and_saves_versions(
    client: TestClient,
    make_staff: Any,
    internal_headers: dict[str, str],
) -> None:
    from backend.workspace.sessions import SESSION_COOKIE, csrf_token_for
    from tests.backend.test_figures import _session_cookie

    intake_id = intake(client, internal_headers, "ti", OLDER_LOW_LITERATE)
    staff = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    token = _session_cookie(staff.username)
    url = f"/werkplek/intakes/{intake_id}/pip"
    with TestClient(client.app) as browser:
        browser.cookies.set(SESSION_COOKIE, token)
        page = browser.get(url)
        assert page.status_code == 200, page.text
        assert staff_dutch("PIP draft") in page.text and 'data-route="z"' in page.text
        assert 'data-signal="low_literacy"' in page.text and "ንደቀይ ክሕግዝ እደሊ" in page.text

        form = {"csrf_token": csrf_token_for(token), "main_goal": "socially_fit", "route": "z", "based_on_version": ""}
        refused = browser.post(url, data=form, follow_redirects=False)
        assert refused.status_code == 400
        assert staff_dutch("Give the reasons for the route you chose.") in refused.text
        assert 'value="socially_fit" selected' in refused.text  # what was chosen is kept

        saved = browser.post(url, data={**form, "route_reasons": "Leest niet; LBT: Z-route."}, follow_redirects=False)
        assert saved.status_code == 303
        page = browser.get(saved.headers["location"])
        assert 'data-version="1"' in page.text and "Leest niet; LBT: Z-route." in page.text

        without_token = browser.post(url, data={**form, "csrf_token": "wrong"}, follow_redirects=False)
        assert without_token.status_code == 403
        pdf = browser.get(f"{url}.pdf")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    history = client.get(f"/api/intakes/{intake_id}/pip/versions", headers=staff.headers).json()
    assert [v["decided_route"] for v in history] == ["z"]


def test_two_saves_at_once_make_one_version_and_one_conflict(
    client: TestClient,
    make_staff: Any,
    internal_headers: dict[str, str],
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    intake_id = intake(client, internal_headers, "ti", OLDER_LOW_LITERATE)
    staff = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    url = f"/api/intakes/{intake_id}/pip"

    def save(number: int) -> int:
        return client.put(url, json={"fields": {"notes": f"opslag {number}"}}, headers=staff.headers).status_code

    with ThreadPoolExecutor(max_workers=2) as pool:
        statuses = sorted(pool.map(save, range(2)))
    assert statuses == [200, 409]
    history = client.get(f"{url}/versions", headers=staff.headers).json()
    assert [v["version"] for v in history] == [1]
