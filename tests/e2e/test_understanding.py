"""Answers typed as people type them, through the real system (gateway, Rasa, action server,
backend), read back the way a case manager reads them: sentences, a correction by name, an
unsure reading checked with the person, words the assistant could not read kept for the meeting.
"""

from __future__ import annotations

from typing import Any

from backend.models import StaffRole
from backend.nlg import texts
from locales import translate
from tests.e2e.chat import GatewayChat
from tests.e2e.intake_driver import IntakeDriver, fields_by_id, group_items
from tests.e2e.test_conversations import find_intake, question, response, skip_what_may_be_skipped
from tests.system_fixtures import create_staff
from tools.run import RunningSystem

ENKHUIZEN = "0388"


def test_sentences_corrections_and_checks_in_tigrinya(system: RunningSystem) -> None:
    chat = GatewayChat(system.config.backend_url)
    reply = chat.say("ሰላም")
    reply = chat.say(reply.payload("ትግርኛ"))
    reply = chat.say("/affirm")
    assert question("ti", "full_name") in reply.text

    reply = chat.say("ስመይ ሳባ ተኽለ እዩ")  # "my name is Saba Tekle"
    reply = chat.say("15 መጋቢት 1990")  # Eritrea: Gregorian months with Tigrinya names
    reply = chat.say("ካብ ኤርትራ እየ")  # "I am from Eritrea": a country code, not free text
    assert question("ti", "municipality") in reply.text
    reply = chat.say(reply.payload("Enkhuizen"))
    assert "ኤርትራ" in reply.text  # the section summary shows the country in Tigrinya
    reply = chat.say("/affirm")
    assert question("ti", "phone") in reply.text
    # A correction by name, with the right value in the same message.
    reply = chat.say("ዕለተ ልደተይ ጌጋ እዩ፣ 16 መጋቢት 1990 እዩ")
    assert response("ti", "utter_correcting") in reply.text
    assert question("ti", "phone") in reply.text
    reply = chat.say("ቁጽሪ ስልከይ 06 12345678 እዩ")
    assert question("ti", "email") in reply.text
    reply = chat.say("ኢመይል የብለይን")  # "I have no e-mail"
    # Yes and no at once: checked with the person before anything is stored.
    reply = chat.say("እወ ኣይፋል")
    value = translate("ti", texts.YES_BUTTON)
    assert translate("ti", texts.CONFIRM_READING).format(value=value) in reply.text
    reply = chat.say("/affirm")
    # Twice something that is no yes or no: the words are kept for the case manager, and on.
    reply = chat.say("መኪና ምዝዋር ይፈቱ እየ")
    reply = chat.say("ሓወይ ይዝውር")
    assert response("ti", "utter_kept_for_case_manager") in reply.text

    answers: dict[str, Any] = {
        "household_members": ["ኣደይ ምሳና ትነብር", "ኣይፋል"],  # "my mother lives with us", then "no"
        "first_language": "ትግርኛ",
        # "Yes, a Tigrinya interpreter": an answer that names a language, not a switch of language.
        "interpreter_needed": "እወ፣ ናይ ትግርኛ ተርጓሚ",
        "interpreter_language": "ትግርኛ",
    }
    driver = IntakeDriver(chat, "ti", answers, default=skip_what_may_be_skipped)
    reply = driver.run(reply, stop_at="intake_confirmed")
    reply = chat.say("/affirm")
    assert response("ti", "utter_intake_submitted") in reply.text and chat.language == "ti"

    username, password = create_staff(system.config.database_url, StaffRole.CASE_MANAGER, (ENKHUIZEN,))
    intake = find_intake(system, username, password, "ሳባ ተኽለ")
    fields = fields_by_id(intake)
    birth = fields["date_of_birth"]
    assert birth["value"] == "1990-03-16" and [v["value"] for v in birth["history"]] == ["1990-03-15", "1990-03-16"]
    assert fields["country_of_origin"]["value"] == "ER" and fields["country_of_origin"]["display"] == "Eritrea"
    assert fields["phone"]["value"] == "+31612345678"
    assert fields["email"]["no_answer"] == "none"
    assert fields["digid_applied"]["value"] == "yes"
    licence = fields["driving_licence"]
    assert licence["no_answer"] == "needs_help" and "ሓወይ ይዝውር" in licence["original_text"]
    # The words the assistant could not read wait for a Dutch translation for the case manager.
    assert licence["translation"]["status"] in ("waiting", "needs_human")
    [member] = group_items(intake, "household_members")
    assert member["member_relation"]["value"] == "parent"
    assert fields["first_language"]["value"] == "ti" and fields["interpreter_needed"]["value"] == "yes"
    assert fields["interpreter_language"]["value"] == "ti"
