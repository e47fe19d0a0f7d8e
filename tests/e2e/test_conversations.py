"""Whole conversations against the real running system; the intake must arrive in the backend."""

from __future__ import annotations

import secrets
import time
from datetime import UTC, date
from pathlib import Path
from typing import Any

import httpx
import icalendar
import psycopg
import pytest

from backend.models import StaffRole
from backend.nlg import texts
from backend.scheduling.messages import WITH_INTERPRETER, WITH_PHONE_INTERPRETER
from backend.scheduling.types import APPOINTMENT_TYPES
from forms import load_schema
from locales import translate
from tests.e2e.chat import GatewayChat, RasaRestChat, Reply, staff_get
from tests.e2e.intake_driver import IntakeDriver, fields_by_id, group_items
from tests.system_fixtures import E2E_LOGS, create_staff
from tools.run import RunningSystem, SystemConfig, prepare_database, start_system

HOORN, MEDEMBLIK = "0405", "0420"


def question(language: str, question_id: str) -> str:
    return translate(language, load_schema().question(question_id).prompt)


def response(language: str, name: str) -> str:
    return translate(language, texts.RESPONSES[name].text)


def field(intake: dict[str, Any], question_id: str) -> dict[str, Any]:
    return fields_by_id(intake)[question_id]


def saved_answers(system: RunningSystem, original_text: str) -> list[Any]:
    """(question, value, intake status) of the answers typed as `original_text`, once the backend
    has them: saving runs beside the conversation, so it may take a moment."""
    rows: list[Any] = []
    for _attempt in range(50):
        with psycopg.connect(system.config.database_url.replace("postgresql+psycopg://", "postgresql://")) as conn:
            rows = conn.execute(
                "SELECT a.question_id, a.value::text, i.status FROM intake_answer a "
                "JOIN intake i ON i.id = a.intake_id WHERE a.original_text = %s",
                (original_text,),
            ).fetchall()
        if rows:
            break
        time.sleep(0.1)
    return rows


def find_intake(system: RunningSystem, username: str, password: str, name: str) -> dict[str, Any]:
    backend = system.config.backend_url
    for summary in staff_get(backend, username, password, "/api/intakes").json():
        intake = staff_get(backend, username, password, f"/api/intakes/{summary['id']}").json()
        if field(intake, "full_name")["value"] == name:
            return intake
    raise AssertionError(f"no intake for {name!r} visible to {username}")


def change(label_of: str) -> Any:
    """Tap "Change: <label>" under a summary (for a question id, or a section's confirm slot)."""

    def tap(reply: Reply) -> str:
        return next(b["payload"] for b in reply.buttons if f'"field": "{label_of}"' in b["payload"])

    return tap


# A complete Arabic intake with two children, a school, a job, a help request, a correction,
# going back one question, typed numbers in Arabic digits and words, and several choices.
ARABIC_ANSWERS: dict[str, Any] = {
    "full_name": ["فاطمة الزهراء", "فاطمة الزهراء أحمد"],
    "date_of_birth": ["أمس", "١٥/٣/١٩٩٠"],  # "yesterday" is not a date: explained, asked again
    "country_of_origin": "أنا من سوريا، من حلب",
    "municipality": "tap:Hoorn",
    # The summary above the phone question: "Change: About you", then the name in it.
    "confirm_personal": [change("full_name")],
    "phone": [change("confirm_personal"), "/go_back", "06-12345678"],  # back: the municipality again
    "email": "tap:Skip",
    "digid_applied": "tap:No",
    "driving_licence": "نعم عندي بس من سوريا",
    "driving_licence_country": "سوريا",
    "partner": "tap:Yes, in the Netherlands",
    "children": ["tap:Yes", "tap:Yes", "tap:No"],
    "child_date_of_birth": [str(date.today().year - 3), "حوالي ٢٠١٥"],
    "child_lives_with_you": "tap:Yes",
    "early_education_info": "tap:Yes",
    "household_members": "tap:No",
    "family_reunification": "tap:No",
    "care_tasks": ["/help", "tap:No"],
    "schooling": ["tap:Yes", "tap:No"],
    "education_level": "tap:College or university (bachelor)",
    "education_field": "هندسة مدنية",
    "education_country": "سوريا",
    "education_years": "اربعة",
    "education_diploma": "tap:Yes",
    "diploma_in_possession": "tap:Yes",
    "schooling_years_total": "١٦ سنة",
    "diploma_evaluation": "tap:I don't know",
    "courses": "tap:Skip",
    "jobs": ["tap:Yes", "tap:No"],
    "job_title": "مهندسة",
    "job_tasks": "صممت الجسور والطرق",
    "job_years": "٥",
    "job_country": "سوريا",
    "first_language": "tap:Arabic",
    "other_languages": ["tap:English", "tap:Done"],
    "reads_own_language": "tap:Yes, well",
    "writes_own_language": "tap:Yes, well",
    "latin_alphabet": "tap:Yes",
    "dutch_level": "tap:A little",
    "english_level": "tap:Reasonably",
    "dutch_lessons": "tap:Yes",
    "has_smartphone": "tap:Yes",
    "digital_skills": "tap:Well",
    "physical_health_help": "tap:No",
    "mental_health_help": "tap:Yes",
    "mental_health_details": "أحتاج أن أتكلم مع شخص",
    "bank_account": "tap:Yes",
    "health_insurance": "tap:Yes",
    "health_insurer": "Menzis",
    "benefit": "tap:Yes",
    "debts": "tap:No",
    "fixed_costs_help": "tap:Yes",
    "housing_situation": "tap:In my own rented home",
    "landlord": "Intermaris",
    "rent": "٦٥٠",
    "energy_company": "Vattenfall",
    "social_contacts": "tap:Yes, a few",
    "feels_lonely": "tap:Yes",
    "main_wish": "tap:Find paid work",
    "dream_job": "مهندسة في شركة بناء",
    "anything_else": "tap:Skip",
    "interpreter_needed": "tap:Yes",
    "interpreter_language": "tap:Arabic",
    "availability": ["tap:Monday morning", "tap:Thursday afternoon", "tap:Done"],
    "solo_conversation": "tap:No",
}


def test_arabic_intake_through_the_phone_gateway(system: RunningSystem) -> None:
    chat = GatewayChat(system.config.backend_url)
    reply = chat.say("السلام عليكم")
    titles = [b["title"] for b in reply.buttons]
    assert titles[0] == "العربية"  # guessed from the Arabic greeting, so proposed first
    assert {"Nederlands", "English", "ትግርኛ"} <= set(titles[1:])  # every language still offered
    reply = chat.say(reply.payload("العربية"))
    assert (chat.language, chat.direction) == ("ar", "rtl")
    assert response("ar", "utter_ask_privacy_acknowledged") in reply.text
    reply = chat.say(reply.payload(translate("ar", "I understand")))
    assert question("ar", "full_name") in reply.text

    driver = IntakeDriver(chat, "ar", ARABIC_ANSWERS)
    reply = driver.run(reply)
    assert response("ar", "utter_intake_submitted") in reply.text
    asked = [slot for slot, _message in driver.transcript]
    assert asked.count("date_of_birth") == 2 and asked.count("care_tasks") == 2
    assert "early_education_info" in asked and "solo_conversation" in asked
    assert "physical_health_details" not in asked  # its condition did not hold

    username, password = create_staff(system.config.database_url, StaffRole.CASE_MANAGER, (HOORN,))
    intake = find_intake(system, username, password, "فاطمة الزهراء أحمد")
    assert intake["status"] == "submitted" and intake["language"] == "ar" and intake["municipality_code"] == HOORN
    fields = fields_by_id(intake)
    birth = fields["date_of_birth"]
    assert birth["value"] == "1990-03-15" and birth["original_text"] == "١٥/٣/١٩٩٠" and birth["source"] == "chat"
    assert [v["value"] for v in fields["full_name"]["history"]] == ["فاطمة الزهراء", "فاطمة الزهراء أحمد"]
    assert fields["phone"]["value"] == "+31612345678"
    assert fields["email"]["no_answer"] == "skipped"
    assert fields["diploma_evaluation"]["value"] == "unknown"
    assert fields["other_languages"]["value"] == ["en"]
    assert fields["availability"]["value"] == ["mon_morning", "thu_afternoon"]
    assert fields["rent"]["value"] == 650
    # Answers in sentences: the value, with the person's words beside it.
    assert fields["country_of_origin"]["value"] == "SY" and fields["country_of_origin"]["display"] == "Syrië"
    licence = fields["driving_licence"]
    assert licence["value"] == "yes" and licence["original_text"] == "نعم عندي بس من سوريا"
    assert fields["driving_licence_country"]["value"] == "SY"
    assert fields["schooling_years_total"]["value"] == 16
    assert fields["mental_health_details"]["original_text"] == "أحتاج أن أتكلم مع شخص"
    children = group_items(intake, "children")
    assert [c["child_date_of_birth"]["value"] for c in children] == [str(date.today().year - 3), "~2015"]
    school = group_items(intake, "schooling")[0]
    assert school["education_level"]["value"] == "bachelor" and school["education_years"]["value"] == 4
    job = group_items(intake, "jobs")[0]
    assert job["job_title"]["original_text"] == "مهندسة" and job["job_years"]["value"] == 5
    flags = {f["id"] for f in intake["flags"]}
    assert {"young_children", "no_digid", "health_help", "interpreter_needed"} <= flags
    assert "low_literacy" not in flags

    # Then the first meeting: book it, move it, cancel it, in Arabic, with the phone's calendar file.
    moved = book_move_and_cancel(
        chat, "ar", reply, reschedule="ما بقدر اجي بهاد اليوم، بدي موعد تاني", cancel="بدي الغي موعدي"
    )
    assert "Gemeentehuis Hoorn" in moved.text
    # She asked for an interpreter: one in the room, or by telephone when none is free then.
    interpreter_lines = (translate("ar", WITH_INTERPRETER), translate("ar", WITH_PHONE_INTERPRETER))
    assert any(line in moved.text for line in interpreter_lines)
    assert appointment_history(system, username, password, intake["id"]) == ["booked", "moved", "cancelled"]

    # Talking on after submitting does not submit again.
    assert response("ar", "utter_already_submitted") in chat.say("مرحبا").text


def slot_buttons(reply: Reply) -> list[dict[str, str]]:
    return [b for b in reply.buttons if b["payload"].startswith("/choose_slot")]


def book_move_and_cancel(chat: Any, language: str, reply: Reply, reschedule: str, cancel: str) -> Reply:
    """After the intake: tap a time, ask for another day in words, move; cancel, first keep
    it, then cancel for real. Returns the reply that confirmed the move."""
    assert response(language, "utter_choose_slot") in reply.text
    offered = slot_buttons(reply)
    assert len(offered) >= 2, reply
    reply = chat.say(offered[0]["payload"])
    assert response(language, "utter_appointment_booked") in reply.text
    assert translate(language, APPOINTMENT_TYPES["brede_intake"].bring) in reply.text

    reply = chat.say(reschedule)  # typed, as people do
    assert response(language, "utter_choose_new_slot") in reply.text
    new_times = slot_buttons(reply)
    assert new_times and offered[0]["payload"] not in [b["payload"] for b in new_times]  # taken by the booking
    moved = chat.say(new_times[0]["payload"])
    assert response(language, "utter_appointment_moved") in moved.text
    if isinstance(chat, GatewayChat):
        # The phone can add the appointment to its calendar: the file holds the new time.
        [link] = moved.links
        ics = httpx.get(chat.backend_url + link["url"], timeout=30)
        assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
        event = next(iter(icalendar.Calendar.from_ical(ics.content).walk("VEVENT")))
        assert event.decoded("dtstart").astimezone(UTC).strftime("%Y%m%dT%H%M") in new_times[0]["payload"]

    reply = chat.say(cancel)
    assert response(language, "utter_ask_cancel_appointment") in reply.text
    reply = chat.say(reply.payload(translate(language, "No, keep it")))
    assert response(language, "utter_appointment_kept") in reply.text
    reply = chat.say(cancel)
    reply = chat.say(reply.payload(translate(language, "Yes, cancel it")))
    assert response(language, "utter_appointment_cancelled") in reply.text
    return moved


def appointment_history(system: RunningSystem, username: str, password: str, intake_id: str) -> list[str]:
    url = system.config.backend_url
    timeline = staff_get(url, username, password, f"/api/intakes/{intake_id}/timeline").json()
    [appointment] = timeline["appointments"]
    history = staff_get(url, username, password, f"/api/appointments/{appointment['id']}/history").json()
    assert {h["actor"] for h in history} == {"person"}
    return [h["action"] for h in history]


def skip_what_may_be_skipped(slot: str, reply: Reply) -> str:
    """A person who answers only what is needed: skip, or "I don't know" for yes/no questions."""
    payloads = [b["payload"] for b in reply.buttons]
    for wanted in ("/skip", "/dont_know", "/deny", '/inform{"choice": "__done__"}'):
        if wanted in payloads:
            return wanted
    raise AssertionError(f"{slot}: nothing to skip in {payloads}")


def test_tigrinya_intake_typed_paused_and_resumed_after_a_restart(system: RunningSystem) -> None:
    chat = RasaRestChat(system.config.rasa_url)
    reply = chat.say("ሰላም ከመይ ኣለኹም")
    # Typed in Tigrinya before choosing: the language screen puts Tigrinya first.
    assert reply.buttons[0]["title"] == "ትግርኛ"
    reply = chat.say("ትግርኛ")  # typed, not tapped
    assert response("ti", "utter_ask_privacy_acknowledged") in reply.text
    reply = chat.say(reply.payload(translate("ti", "I understand")))
    first_part = {
        "full_name": "ሄለን ተስፋይ",
        "date_of_birth": "3-7-1995",
        "country_of_origin": "ኤርትራ",
        "municipality": "medemblik",  # typed municipality name
    }
    driver = IntakeDriver(chat, "ti", first_part)
    reply = driver.run(reply, stop_at="phone")

    # Stop for now; the servers restart; the next message goes on at the same question.
    reply = chat.say("/pause")
    assert response("ti", "utter_paused") in reply.text
    system.restart("actions", "rasa")
    reply = chat.say("ሰላም")
    assert response("ti", "utter_welcome_back") in reply.text and question("ti", "phone") in reply.text

    answers = {"phone": "0612345678", "interpreter_needed": "tap:No", "first_language": "tap:Tigrinya"}
    reply = IntakeDriver(chat, "ti", answers, default=skip_what_may_be_skipped).run(reply)
    assert response("ti", "utter_intake_submitted") in reply.text
    moved = book_move_and_cancel(chat, "ti", reply, reschedule="በዚ መዓልቲ ክመጽእ ኣይክእልን ካልእ ግዜ", cancel="ቆጸራይ ሰርዙለይ")
    assert "Gemeentehuis Medemblik" in moved.text

    username, password = create_staff(system.config.database_url, StaffRole.CASE_MANAGER, (MEDEMBLIK,))
    intake = find_intake(system, username, password, "ሄለን ተስፋይ")
    assert intake["language"] == "ti" and intake["municipality_code"] == MEDEMBLIK and intake["complete"]
    fields = fields_by_id(intake)
    assert fields["date_of_birth"]["value"] == "1995-07-03"
    assert fields["municipality"]["original_text"] is None or fields["municipality"]["value"] == MEDEMBLIK
    assert fields["phone"]["value"] == "+31612345678"
    assert fields["digid_applied"]["value"] == "unknown" and fields["courses"]["no_answer"] == "skipped"
    assert fields["first_language"]["value"] == "ti"

    assert appointment_history(system, username, password, intake["id"]) == ["booked", "moved", "cancelled"]

    # A case manager of another municipality cannot read it.
    other_user, other_password = create_staff(system.config.database_url, StaffRole.CASE_MANAGER, (HOORN,))
    assert (
        staff_get(system.config.backend_url, other_user, other_password, f"/api/intakes/{intake['id']}").status_code
        == 404
    )


def test_a_partial_intake_is_saved_answer_by_answer(system: RunningSystem) -> None:
    chat = GatewayChat(system.config.backend_url)
    reply = chat.say("hi")
    reply = chat.say(reply.payload("English"))
    reply = chat.say("/affirm")
    driver = IntakeDriver(chat, "en", {"full_name": "Yonas Kidane", "date_of_birth": "around 1988"})
    driver.run(reply, stop_at="country_of_origin")
    # The municipality is not known yet, so no case manager sees it; the backend has it as partial.
    rows = saved_answers(system, "around 1988")
    assert rows == [("date_of_birth", '"~1988"', "partial")]


def test_an_answer_that_cannot_be_read_is_kept_for_the_case_manager_not_looped(system: RunningSystem) -> None:
    chat = GatewayChat(system.config.backend_url)
    reply = chat.say("hallo")
    reply = chat.say(reply.payload("Nederlands"))
    reply = chat.say("/affirm")
    reply = chat.say("Jan de Vries")
    # Never a date: "no idea" (understood as "I don't know", which this question does not allow)
    # and an answer that cannot be read as a date count alike; the second time the assistant
    # keeps the words for the case manager and goes on.
    replies = [chat.say(text) for text in ("geen idee", "lang geleden, in de oorlog")]
    assert response("nl", "utter_cannot_skip") in replies[0].text
    assert question("nl", "date_of_birth") in replies[0].text
    assert response("nl", "utter_kept_for_case_manager") in replies[1].text
    assert question("nl", "country_of_origin") in replies[1].text


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
    answers = {
        "full_name": "John Smith",
        "date_of_birth": "1 May 1985",
        "municipality": "Opmeer",
        "interpreter_needed": "no",
        "first_language": "english",
    }
    reply = IntakeDriver(chat, "en", answers, default=skip_what_may_be_skipped).run(reply)
    assert response("en", "utter_intake_submitted") in reply.text
    username, password = create_staff(sqlite_system.config.database_url, StaffRole.CASE_MANAGER, ("0439",))
    intake = find_intake(sqlite_system, username, password, "John Smith")
    assert field(intake, "date_of_birth")["value"] == "1985-05-01"
    assert field(intake, "interpreter_needed")["value"] == "no"
    assert (
        Path(sqlite_system.config.database_url.removeprefix("sqlite:///")).parent.joinpath("rasa-tracker.db").exists()
    )
