"""Rendering the assistant's texts: every response name, every language, right direction."""

from __future__ import annotations

import json

import pytest

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
    arabic = render("utter_ask_full_name", {"language": "ar"})
    tigrinya = render("utter_ask_full_name", {"language": "ti"})
    assert arabic["text"] != english and tigrinya["text"] != english
    assert any("\u0600" <= ch <= "\u06ff" for ch in arabic["text"])
    assert any("\u1200" <= ch <= "\u137f" for ch in tigrinya["text"])
    assert arabic["custom"]["meta"] == {"language": "ar", "direction": "rtl"}
    assert tigrinya["custom"]["meta"] == {"language": "ti", "direction": "ltr"}


def test_summary_lists_every_answer_with_change_buttons() -> None:
    message = render("utter_ask_intake_confirmed", {"language": "nl", **FILLED})
    assert "فاطمة الزهراء" in message["text"] and "15 maart 1990" in message["text"] and "Hoorn" in message["text"]
    payloads = [b["payload"] for b in message["buttons"]]
    assert payloads[0] == "/affirm"
    assert len(payloads) == 1 + len(load_schema().questions)


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
