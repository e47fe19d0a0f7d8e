"""Free text reaches the case manager in Dutch: machine-translated where a model exists
(with a tiny model the test builds), queued for a person where none does, and marked as such."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from backend.models import StaffRole
from tests.backend.test_access import HOORN, all_fields
from tests.support.tiny_argos import build_package

STEDE_BROEC = "0532"


@pytest.fixture(scope="module")
def translator(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from backend.translation.machine import MachineTranslator, install_packages

    downloads = tmp_path_factory.mktemp("argosmodels")
    build_package(downloads, "ar", "en", ["engineer"], ["مهندسة", "انا مهندسة"])
    build_package(downloads, "en", "nl", ["ingenieur"], ["engineer"])
    installed = tmp_path_factory.mktemp("packages")
    install_packages(downloads, installed)
    return MachineTranslator(installed)


def submit(client: TestClient, headers: dict[str, str], language: str, answers: list[dict[str, Any]]) -> str:
    body = {"conversation_id": secrets.token_urlsafe(32), "language": language, "answers": answers, "complete": True}
    response = client.post("/api/internal/intakes", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return str(response.json()["intake_id"])


def field(detail: dict[str, Any], question_id: str) -> dict[str, Any]:
    fields = [f for f in all_fields(detail) if f["question_id"] == question_id]
    if fields:
        return fields[0]
    for section in detail["sections"]:
        for group in section["groups"]:
            for item in group["items"]:
                for f in item:
                    if f["question_id"] == question_id:
                        return f
    raise AssertionError(question_id)


def test_free_text_in_dutch_by_machine_or_by_a_person(  # type: ignore[no-untyped-def]
    client: TestClient, internal_headers: dict[str, str], make_staff, translator
) -> None:
    from backend.translation.queue import translate_waiting

    while translate_waiting(translator):  # what earlier tests left in the queue (it goes by batches)
        pass
    arabic = submit(
        client,
        internal_headers,
        "ar",
        [
            {"question_id": "full_name", "value": "فاطمة", "original_text": "فاطمة"},
            {"question_id": "municipality", "value": STEDE_BROEC},
            {"question_id": "dream_job", "value": "مهندسة", "original_text": "مهندسة"},
        ],
    )
    tigrinya = submit(
        client,
        internal_headers,
        "ti",
        [
            {"question_id": "municipality", "value": STEDE_BROEC},
            {"question_id": "dream_job", "value": "ሓኪም", "original_text": "ሓኪም"},
            {"question_id": "mental_health_details", "value": "ድቃስ የብለይን", "original_text": "ድቃስ የብለይን"},
        ],
    )
    assert translate_waiting(translator) >= 1
    assert translate_waiting(translator) == 0  # nothing is translated twice

    manager = make_staff(StaffRole.CASE_MANAGER, (STEDE_BROEC,))
    detail = client.get(f"/api/intakes/{arabic}", headers=manager.headers).json()
    dream = field(detail, "dream_job")
    assert dream["original_text"] == "مهندسة" and dream["original_language"] == "ar"
    assert dream["translation"]["text_nl"] == "ingenieur" and dream["translation"]["status"] == "machine"
    assert dream["translation"]["label"] == "machinevertaling, niet gecontroleerd (ar>en>nl)"
    assert field(detail, "full_name")["translation"] is None  # a name is not translated

    detail = client.get(f"/api/intakes/{tigrinya}", headers=manager.headers).json()
    pending = field(detail, "dream_job")["translation"]
    assert pending["status"] == "needs_human" and pending["text_nl"] is None
    assert pending["label"].startswith("vertaling in behandeling")

    # A volunteer translates what is not health data, and only for the municipalities they
    # help; health answers only a case manager sees.
    hoorn = make_staff(StaffRole.VOLUNTEER, (HOORN,))
    for elsewhere in (hoorn, make_staff(StaffRole.VOLUNTEER)):
        queue = client.get("/api/translations", headers=elsewhere.headers).json()
        assert not [item for item in queue if item["original_text"] in ("ሓኪም", "ድቃስ የብለይን")]
    volunteer = make_staff(StaffRole.VOLUNTEER, (STEDE_BROEC,))
    queue = client.get("/api/translations", headers=volunteer.headers).json()
    mine = [item for item in queue if item["original_text"] in ("ሓኪም", "ድቃስ የብለይን")]
    assert [item["original_text"] for item in mine] == ["ሓኪም"]
    not_theirs = client.put(f"/api/translations/{mine[0]['id']}", json={"text_nl": "arts"}, headers=hoorn.headers)
    assert not_theirs.status_code == 404
    assert mine[0]["question"] and "name" not in mine[0]
    empty = client.put(f"/api/translations/{mine[0]['id']}", json={"text_nl": "  "}, headers=volunteer.headers)
    assert empty.status_code == 400 and empty.json()["detail"] == "Schrijf de Nederlandse vertaling."
    done = client.put(f"/api/translations/{mine[0]['id']}", json={"text_nl": "arts"}, headers=volunteer.headers)
    assert done.status_code == 200 and done.json()["status"] == "human"

    health = [
        i for i in client.get("/api/translations", headers=manager.headers).json() if i["original_text"] == "ድቃስ የብለይን"
    ]
    assert len(health) == 1
    other = make_staff(StaffRole.CASE_MANAGER, ("0405",))
    assert (
        client.put(f"/api/translations/{health[0]['id']}", json={"text_nl": "x"}, headers=other.headers).status_code
        == 404
    )

    detail = client.get(f"/api/intakes/{tigrinya}", headers=manager.headers).json()
    translated = field(detail, "dream_job")["translation"]
    assert translated == {"status": "human", "text_nl": "arts", "label": "vertaald door een persoon", "route": None}


def test_dutch_free_text_needs_no_translation(client: TestClient, internal_headers: dict[str, str], make_staff) -> None:  # type: ignore[no-untyped-def]
    intake = submit(
        client,
        internal_headers,
        "nl",
        [
            {"question_id": "municipality", "value": STEDE_BROEC},
            {"question_id": "dream_job", "value": "verpleegkundige", "original_text": "verpleegkundige"},
        ],
    )
    manager = make_staff(StaffRole.CASE_MANAGER, (STEDE_BROEC,))
    detail = client.get(f"/api/intakes/{intake}", headers=manager.headers).json()
    assert field(detail, "dream_job")["translation"] is None


def test_the_install_command_explains_a_wrong_folder(tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "backend.translation", "install", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "Geen map" in result.stderr
