"""Rendering the assistant's texts: every response name, every language, right direction."""

from __future__ import annotations

import json

import pytest

from backend.api.chat import BotMessage, Button, _each_button_once
from backend.nlg.render import UnknownResponse, render, response_names
from backend.nlg.texts import RESPONSES
from forms import load_schema
from locales import languages, translate

FILLED = {"full_name": "فاطمة الزهراء", "date_of_birth": "1990-03-15", "municipality": "0405"}


@pytest.mark.parametrize("language", [lang.code for lang in languages()])
@pytest.mark.parametrize("name", response_names())
def test_every_response_renders_in_every_language(name: str, language: str) -> None:
    message = render(name, {"language": language, **FILLED})
    assert message["text"].strip()
    assert "{" not in message["text"] or name == "utter_ask_intake_confirmed"


def test_language_prompt_shows_each_language_in_its_own_name() -> None:
    message = render("utter_ask_language", {})
    titles = [b["title"] for b in message["buttons"]]
    assert titles[:4] == ["Nederlands", "English", "العربية", "ትግርኛ"]
    payload = message["buttons"][2]["payload"]
    assert payload.startswith("/choose_language") and json.loads(payload[len("/choose_language") :]) == {
        "language": "ar"
    }


def test_texts_follow_the_conversation_language() -> None:
    english = render("utter_ask_full_name", {"language": "en"})["text"]
    assert english.endswith("What is your full name?")
    arabic = render("utter_ask_full_name", {"language": "ar"})
    tigrinya = render("utter_ask_full_name", {"language": "ti"})
    assert arabic["text"] != english and tigrinya["text"] != english
    assert any("\u0600" <= ch <= "\u06ff" for ch in arabic["text"])
    assert any("\u1200" <= ch <= "\u137f" for ch in tigrinya["text"])
    # With the question's part of the intake, for the chat page's progress bar.
    about_you = {"number": 1, "total": len(load_schema().sections)}
    assert arabic["custom"]["meta"] == {
        "language": "ar",
        "direction": "rtl",
        "progress": {**about_you, "section": translate("ar", "About you")},
    }
    assert tigrinya["custom"]["meta"] == {
        "language": "ti",
        "direction": "ltr",
        "progress": {**about_you, "section": translate("ti", "About you")},
    }


def test_section_summary_lists_its_answers_with_change_buttons() -> None:
    message = render("utter_ask_confirm_personal", {"language": "nl", **FILLED, "country_of_origin": "__skipped__"})
    assert "فاطمة الزهراء" in message["text"] and "15 maart 1990" in message["text"] and "Hoorn" in message["text"]
    assert translate("nl", "(skipped)") in message["text"]
    payloads = [b["payload"] for b in message["buttons"]]
    assert payloads[0] == "/affirm"
    assert len(payloads) == 1 + len(load_schema().section("personal").questions)
    assert '/change{"field": "date_of_birth"}' in payloads


@pytest.mark.parametrize("language", ["nl", "ar", "ti"])
def test_a_completed_section_is_summarised_above_the_next_question(language: str) -> None:
    slots = {"language": language, **FILLED, "country_of_origin": "SY", "summaries_due": ["personal"]}
    message = render("utter_ask_phone", slots)
    question = translate(language, load_schema().question("phone").prompt)
    assert "فاطمة الزهراء" in message["text"] and message["text"].rstrip().endswith(question)
    assert message["text"].index("فاطمة الزهراء") < message["text"].index(question)
    # The question's own buttons, then one to change the summarised section.
    assert message["buttons"][-1]["payload"] == '/change{"field": "confirm_personal"}'
    assert translate(language, "About you") in message["buttons"][-1]["title"]
    # Once shown, the next question comes alone.
    assert "فاطمة الزهراء" not in render("utter_ask_phone", {**slots, "summaries_due": None})["text"]


def test_section_summary_shows_only_questions_that_apply_and_group_items() -> None:
    slots = {
        "language": "en",
        "partner": "no",
        "children": 2,
        "group_items": {
            "children": {
                "items": [
                    {"values": {"child_date_of_birth": "2022", "child_lives_with_you": "yes"}, "texts": {}},
                    {"values": {"child_date_of_birth": "~2010"}, "texts": {}},
                ],
                "open": False,
            }
        },
        "early_education_info": "yes",
        "family_reunification": "unknown",
    }
    text = render("utter_ask_confirm_household", slots)["text"]
    assert "1. 2022; Yes" in text and "2. around 2010" in text
    assert "I don't know" in text
    assert "Cares for someone" in text  # asked (no condition), not yet answered


def test_final_confirmation_offers_to_reopen_each_section() -> None:
    message = render("utter_ask_intake_confirmed", {"language": "en", **FILLED})
    payloads = [b["payload"] for b in message["buttons"]]
    assert payloads[0] == "/affirm"
    assert '/change{"field": "confirm_health"}' in payloads
    assert len(payloads) == 1 + len(load_schema().sections)


def test_question_buttons_follow_the_question_type() -> None:
    yes_no = [b["payload"] for b in render("utter_ask_digid_applied", {"language": "en"})["buttons"]]
    assert yes_no == ["/affirm", "/deny", "/dont_know", "/help"]
    required = [b["payload"] for b in render("utter_ask_interpreter_needed", {"language": "en"})["buttons"]]
    assert required == ["/affirm", "/deny", "/help"]
    drafts = {"language": "en", "choice_drafts": {"other_languages": ["ar"]}}
    multiple = render("utter_ask_other_languages", drafts)
    payloads = [b["payload"] for b in multiple["buttons"]]
    assert '/inform{"choice": "ar"}' not in payloads and '/inform{"choice": "__done__"}' in payloads
    assert "You chose: Arabic" in multiple["text"]


def test_group_question_asks_for_another_item_after_the_first() -> None:
    first = render("utter_ask_children", {"language": "en"})["text"]
    assert first.endswith("Do you have children?")
    slots = {"language": "en", "group_items": {"children": {"items": [{"values": {}, "texts": {}}], "open": True}}}
    assert render("utter_ask_children", slots)["text"].endswith("Do you have another child?")
    assert "Children: number 2" in render("utter_ask_child_date_of_birth", slots)["text"]


def test_health_section_starts_with_its_explanation() -> None:
    text = render("utter_ask_physical_health_help", {"language": "en"})["text"]
    assert "You decide what you share" in text


def test_help_explains_the_question_being_asked() -> None:
    message = render("utter_question_help", {"language": "en", "requested_slot": "digid_applied"})
    assert message["text"] == load_schema().question("digid_applied").help


def test_municipality_buttons_keep_proper_names_and_send_codes() -> None:
    message = render("utter_ask_municipality", {"language": "ti"})
    assert {b["title"] for b in message["buttons"]} >= {"Hoorn", "Stede Broec"}
    assert '/inform{"choice": "0405"}' in [b["payload"] for b in message["buttons"]]


def test_unknown_response_is_an_error() -> None:
    with pytest.raises(UnknownResponse):
        render("utter_does_not_exist", {"language": "ar"})


def test_validation_messages_exist_for_every_error_code() -> None:
    from forms.answers import ERROR_CODES

    for code in ERROR_CODES:
        assert f"utter_invalid_{code}" in RESPONSES
        assert translate("ar", RESPONSES[f"utter_invalid_{code}"].text)


def test_a_turn_shows_each_button_once() -> None:
    """The offer to skip a hard question and the question itself both carry Skip: the phone
    shows it once, under the question (the last message), and keeps the other buttons."""
    skip, person, help_ = (
        Button(title="Skip", payload="/skip"),
        Button(title="Person", payload="/human_handoff"),
        Button(title="Help", payload="/help"),
    )
    offer = BotMessage(text="This seems hard.", buttons=[skip, person])
    question = BotMessage(text="What is your e-mail address?", buttons=[skip, help_])
    assert [[b.payload for b in m.buttons] for m in _each_button_once([offer, question])] == [
        ["/human_handoff"],
        ["/skip", "/help"],
    ]


@pytest.mark.parametrize("language", ["nl", "ar", "ti"])
def test_a_possible_request_is_asked_about_in_the_persons_language(language: str) -> None:
    slots = {"language": language, "pending_answer": {"question": "date_of_birth", "request": "person", "text": "x"}}
    message = render("utter_ask_date_of_birth", slots)
    assert (
        message["text"] == translate(language, "Do you want to talk to a person?") != "Do you want to talk to a person?"
    )
    assert [b["payload"] for b in message["buttons"]] == ["/affirm", "/deny"]
