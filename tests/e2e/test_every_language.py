"""A pre-intake in every other supported language, tapped and typed, through the phone's
gateway: the page's language and direction follow, every question is recognised in that
language's catalog, the intake arrives with the words as typed, and a meeting is booked."""

from __future__ import annotations

from typing import Any

import pytest
from babel import Locale

from backend.models import StaffRole
from locales import get_language, translate
from tests.e2e.chat import GatewayChat, Reply
from tests.e2e.intake_driver import IntakeDriver, fields_by_id
from tests.e2e.test_conversations import find_intake, response, skip_what_may_be_skipped, slot_buttons
from tests.system_fixtures import create_staff
from tools.run import RunningSystem

ENKHUIZEN = "0388"

# language: (name as typed, country of origin as typed, its ISO code, the first-language button)
PEOPLE = {
    "nl": ("Sanne de Vries", "Nederland", "NL", "Another language"),
    "en": ("Grace Okafor", "I come from Nigeria", "NG", "English"),
    "fa_AF": ("احمد رحیمی", "از افغانستان هستم", "AF", "Dari"),
    "fa": ("مریم کریمی", "ایران", "IR", "Farsi"),
    "tr": ("Ayşe Yılmaz", "Türkiye'den geldim", "TR", "Turkish"),
    "so": ("Cali Maxamed Xasan", "Soomaaliya", "SO", "Somali"),
    "ku": ("Rojda Şêxo", "Ez ji Sûriyê me", "SY", "Kurdish (Kurmanji)"),
    "fr": ("Aminata Diallo", "je viens de Guinée", "GN", "French"),
    "am": ("አበበ ከበደ", "ኢትዮጵያ", "ET", "Amharic"),
    "ps": ("احمد شاه وزیري", "افغانستان", "AF", "Pashto"),
}

# "I have no e-mail address", typed the way people would: stored as "none", not refused.
NO_EMAIL = {
    "nl": "heb ik niet",
    "en": "I don't have email",
    "fa_AF": "ایمیل ندارم",
    "fa": "ندارم",
    "tr": "e-postam yok",
    "so": "ma haysto",
    "ku": "tune",
    "fr": "je n'ai pas d'adresse mail",
    "am": "ኢሜይል የለኝም",
    "ps": "ایمیل نشته",
}


@pytest.mark.parametrize("language", list(PEOPLE))
def test_an_intake_in_this_language(system: RunningSystem, language: str) -> None:
    name, country, country_code, first_language = PEOPLE[language]
    lang = get_language(language)
    assert lang is not None
    chat = GatewayChat(system.config.backend_url)
    reply = chat.say("hi")
    reply = chat.say(reply.payload(lang.native_name))
    assert (chat.language, chat.direction) == (language, lang.direction)
    assert response(language, "utter_ask_privacy_acknowledged").split("\n\n")[0] in reply.text
    reply = chat.say(reply.payload(translate(language, "I understand")))

    answers: dict[str, Any] = {
        "full_name": name,
        "date_of_birth": "3-7-1995",
        "country_of_origin": country,
        "municipality": "tap:Enkhuizen",
        "phone": "06 12345678",
        "email": NO_EMAIL[language],
        "interpreter_needed": "tap:No",
        "first_language": f"tap:{first_language}",
    }
    driver = IntakeDriver(chat, language, answers, default=skip_what_may_be_skipped)
    reply = driver.run(reply)
    assert response(language, "utter_intake_submitted") in reply.text

    # The first meeting, booked with a tap; the confirmation in the same language.
    booked: Reply = chat.say(slot_buttons(reply)[0]["payload"])
    assert response(language, "utter_appointment_booked") in booked.text and booked.links

    username, password = create_staff(system.config.database_url, StaffRole.CASE_MANAGER, (ENKHUIZEN,))
    intake = find_intake(system, username, password, name)
    assert intake["language"] == language and intake["complete"]
    fields = fields_by_id(intake)
    assert fields["date_of_birth"]["value"] == "1995-07-03"
    assert fields["phone"]["value"] == "+31612345678"
    assert fields["email"]["no_answer"] == "none" and fields["email"]["display"] == "Heeft geen"
    # The country as a code: the case manager reads its Dutch name, the person's words beside it.
    origin = fields["country_of_origin"]
    assert origin["value"] == country_code and origin["display"] == Locale("nl").territories[country_code]
    assert origin["original_text"] == country and origin["original_language"] == language
    assert origin["translation"] is None
