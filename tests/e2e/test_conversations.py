"""Whole conversations against the real running system; the intake must arrive in the backend."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import psycopg
import pytest

from backend.models import StaffRole
from backend.nlg import texts
from forms import load_schema
from locales import translate
from tests.e2e.chat import GatewayChat, RasaRestChat, Reply, staff_get
from tests.system_fixtures import E2E_LOGS, create_staff
from tools.run import RunningSystem, SystemConfig, prepare_database, start_system

HOORN, MEDEMBLIK = "0405", "0420"


def question(language: str, question_id: str) -> str:
    return translate(language, load_schema().question(question_id).prompt)


def response(language: str, name: str) -> str:
    return translate(language, texts.RESPONSES[name].text)


def field(intake: dict[str, Any], question_id: str) -> dict[str, Any]:
    return next(f for f in intake["fields"] if f["question_id"] == question_id)


def find_intake(system: RunningSystem, username: str, password: str, name: str) -> dict[str, Any]:
    backend = system.config.backend_url
    for summary in staff_get(backend, username, password, "/api/intakes").json():
        intake = staff_get(backend, username, password, f"/api/intakes/{summary['id']}").json()
        if field(intake, "full_name")["value"] == name:
            return intake
    raise AssertionError(f"no intake for {name!r} visible to {username}")


def test_arabic_intake_through_the_phone_gateway(system: RunningSystem) -> None:
    chat = GatewayChat(system.config.backend_url)
    reply = chat.say("السلام عليكم")
    assert [b["title"] for b in reply.buttons][:4] == ["Nederlands", "English", "العربية", "ትግርኛ"]

    reply = chat.say(reply.payload("العربية"))
    assert (chat.language, chat.direction) == ("ar", "rtl")
    assert response("ar", "utter_ask_privacy_acknowledged") in reply.text
    reply = chat.say(reply.payload(translate("ar", "I understand")))
    assert question("ar", "full_name") in reply.text

    reply = chat.say("فاطمة الزهراء")
    assert question("ar", "date_of_birth") in reply.text
    reply = chat.say("أمس")  # "yesterday": not a date
    assert response("ar", "utter_invalid_date") in reply.text and question("ar", "date_of_birth") in reply.text
    reply = chat.say("١٥/٣/١٩٩٠")
    assert question("ar", "municipality") in reply.text
    reply = chat.say(reply.payload("Hoorn"))
    assert "فاطمة الزهراء" in reply.text and "Hoorn" in reply.text  # the summary

    # Correct the name from the summary, then confirm.
    label = translate("ar", load_schema().question("full_name").label)
    reply = chat.say(reply.payload(translate("ar", texts.CHANGE_BUTTON).format(label=label)))
    assert question("ar", "full_name") in reply.text
    reply = chat.say("فاطمة الزهراء أحمد")
    assert "فاطمة الزهراء أحمد" in reply.text
    reply = chat.say(reply.payload(translate("ar", texts.CONFIRM_YES)))
    assert response("ar", "utter_intake_submitted") in reply.text

    username, password = create_staff(system.config.database_url, StaffRole.CASE_MANAGER, (HOORN,))
    intake = find_intake(system, username, password, "فاطمة الزهراء أحمد")
    assert intake["status"] == "submitted" and intake["language"] == "ar" and intake["municipality_code"] == HOORN
    birth = field(intake, "date_of_birth")
    assert birth["value"] == "1990-03-15" and birth["original_text"] == "١٥/٣/١٩٩٠" and birth["source"] == "chat"
    assert field(intake, "full_name")["original_text"] == "فاطمة الزهراء أحمد"

    # Talking on after submitting does not submit again.
    assert response("ar", "utter_already_submitted") in chat.say("مرحبا").text


def test_tigrinya_intake_typed_over_rasas_rest_channel(system: RunningSystem) -> None:
    chat = RasaRestChat(system.config.rasa_url)
    reply = chat.say("ሰላም")
    assert "ትግርኛ" in [b["title"] for b in reply.buttons]
    reply = chat.say("ትግርኛ")  # typed, not tapped
    assert response("ti", "utter_ask_privacy_acknowledged") in reply.text
    reply = chat.say(reply.payload(translate("ti", "I understand")))
    assert question("ti", "full_name") in reply.text
    reply = chat.say("ሄለን ተስፋይ")
    reply = chat.say("3-7-1995")
    assert question("ti", "municipality") in reply.text
    reply = chat.say("medemblik")  # typed municipality name
    assert "ሄለን ተስፋይ" in reply.text and "Medemblik" in reply.text
    reply = chat.say(reply.payload(translate("ti", texts.CONFIRM_YES)))
    assert response("ti", "utter_intake_submitted") in reply.text

    username, password = create_staff(system.config.database_url, StaffRole.CASE_MANAGER, (MEDEMBLIK,))
    intake = find_intake(system, username, password, "ሄለን ተስፋይ")
    assert intake["language"] == "ti" and intake["municipality_code"] == MEDEMBLIK
    assert field(intake, "date_of_birth")["value"] == "1995-07-03"
    assert field(intake, "municipality")["original_text"] == "medemblik"

    # A case manager of another municipality cannot read it.
    other_user, other_password = create_staff(system.config.database_url, StaffRole.CASE_MANAGER, (HOORN,))
    assert (
        staff_get(system.config.backend_url, other_user, other_password, f"/api/intakes/{intake['id']}").status_code
        == 404
    )


def test_a_bsn_never_reaches_rasas_tracker(system: RunningSystem) -> None:
    chat = GatewayChat(system.config.backend_url)
    reply = chat.say("hallo")
    reply = chat.say(reply.payload("Nederlands"))
    reply = chat.say("/affirm")
    refused = chat.say("111222333")
    assert refused.texts == [response("nl", "utter_invalid_bsn")]
    assert question("nl", "date_of_birth") in chat.say("Jan de Vries").text  # the conversation goes on
    tracker_url = system.config.database_url.replace("postgresql+psycopg://", "postgresql://") + "_rasa_tracker"
    with psycopg.connect(tracker_url) as conn:
        hits = conn.execute("SELECT count(*) FROM events WHERE data LIKE %s", ("%111222333%",)).fetchone()
        total = conn.execute("SELECT count(*) FROM events").fetchone()
    assert total is not None and total[0] > 0
    assert hits == (0,)


@pytest.fixture(scope="module")
def sqlite_system(model: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The default set-up of `make run`: SQLite files and an in-memory lock store."""
    database = tmp_path_factory.mktemp("sqlite") / "intake.db"
    config = SystemConfig(
        database_url=f"sqlite:///{database}",
        internal_api_token=secrets.token_urlsafe(32),
        backend_port=18100,
        actions_port=15155,
        rasa_port=15105,
        environment="test",
        log_dir=E2E_LOGS / "sqlite",
    )
    prepare_database(config, demo=False)
    running = start_system(config, model)
    yield running
    running.stop()


def test_default_sqlite_setup_stores_the_intake(sqlite_system: RunningSystem) -> None:
    chat = GatewayChat(sqlite_system.config.backend_url)
    reply: Reply = chat.say("hi")
    reply = chat.say(reply.payload("English"))
    reply = chat.say("/affirm")
    chat.say("John Smith")
    reply = chat.say("1 May 1985")
    reply = chat.say("Opmeer")
    assert "1 May 1985" in reply.text and "Opmeer" in reply.text
    reply = chat.say("/affirm")
    assert response("en", "utter_intake_submitted") in reply.text
    username, password = create_staff(sqlite_system.config.database_url, StaffRole.CASE_MANAGER, ("0439",))
    intake = find_intake(sqlite_system, username, password, "John Smith")
    assert field(intake, "date_of_birth")["value"] == "1985-05-01"
    assert (
        Path(sqlite_system.config.database_url.removeprefix("sqlite:///")).parent.joinpath("rasa-tracker.db").exists()
    )
