"""The form validation of the action server, turn by turn, with the backend client recorded."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.intake_form as intake_form
from actions.intake_form import ValidateIntakeForm
from forms import load_schema
from forms.answers import is_valid_stored_value

Sent = list[dict[str, Any]]
T = TypeVar("T")


def run_in_own_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine on a fresh event loop in its own thread.

    The browser tests use Playwright's synchronous API, which keeps an event loop running in the
    main thread for the rest of the pytest session; `asyncio.run` there would refuse to start.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


class Conversation:
    """Slots as Rasa keeps them, and one person's messages run through the validation."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, **slots: Any) -> None:
        self.slots: dict[str, Any] = {"language": "en", "privacy_acknowledged": True, **slots}
        self.sent: Sent = []
        self.responses: list[str] = []

        def record(conversation_id: str, language: str, answers: Sent, help_requested: bool = False) -> None:
            self.sent.append({"answers": answers, "complete": False, "help_requested": help_requested})

        monkeypatch.setattr(intake_form, "save_in_background", record)
        # Nothing was answered in the web form (tests/backend/test_person_form.py reads real ones).
        self.form_answers: Sent = []

        async def from_form(conversation_id: str) -> Sent:
            return self.form_answers

        monkeypatch.setattr(intake_form, "answers_from_form", from_form)

    @property
    def asked(self) -> str | None:
        return self.slots.get("requested_slot")

    def say(
        self, text: str, intent: str = "inform", confidence: float = 0.9, message_id: str | None = None, **entities: Any
    ) -> None:
        slot = self.asked
        assert slot is not None
        slots = dict(self.slots)
        slots[slot] = text  # the from_text mapping
        message = {
            "text": text,
            "intent": {"name": intent, "confidence": confidence},
            "entities": [{"entity": k, "value": v} for k, v in entities.items()],
            "metadata": {"client_message_id": message_id} if message_id else {},
        }
        events = [{"event": "user", "text": text}, {"event": "slot", "name": slot, "value": text}]
        tracker = Tracker("c" * 32, slots, message, events, False, None, {"name": "intake_form"}, "action_listen")
        dispatcher = CollectingDispatcher()
        result = run_in_own_loop(
            ValidateIntakeForm().run(dispatcher, tracker, {"forms": {"intake_form": {"required_slots": []}}})
        )
        for event in result:
            if event.get("event") == "slot":
                self.slots[event["name"]] = event["value"]
        self.responses = [m.get("response") for m in dispatcher.messages]

    def sent_values(self) -> dict[tuple[str, Any], Any]:
        return {(a["question_id"], a["item"]): a for a in self.sent[-1]["answers"]}


def start(monkeypatch: pytest.MonkeyPatch) -> Conversation:
    conversation = Conversation(monkeypatch, requested_slot="full_name")
    return conversation


def test_an_answer_is_stored_clean_and_saved_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    chat = start(monkeypatch)
    chat.say("Amina Yusuf")
    assert chat.slots["full_name"] == "Amina Yusuf" and chat.asked == "date_of_birth"
    assert chat.sent_values()[("full_name", None)]["original_text"] == "Amina Yusuf"
    chat.say("around 1990")
    assert chat.slots["date_of_birth"] == "~1990"
    assert chat.sent[-1]["complete"] is False


def test_back_skip_help_and_invalid_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    chat = start(monkeypatch)
    chat.say("Amina Yusuf")
    chat.say("/go_back", intent="go_back")
    assert chat.asked == "full_name" and chat.slots["full_name"] is None
    assert chat.responses == ["utter_going_back"]
    chat.say("Amina Yusuf")
    chat.say("/help", intent="help")
    assert chat.responses == ["utter_question_help"] and chat.asked == "date_of_birth"
    chat.say("/skip", intent="skip")
    assert chat.responses == ["utter_cannot_skip"] and chat.asked == "date_of_birth"
    chat.say("1-1-1990")
    chat.say("/skip", intent="skip")
    assert chat.slots["country_of_origin"] == "__skipped__"
    assert chat.sent_values()[("country_of_origin", None)]["no_answer"] == "skipped"


@pytest.mark.parametrize(
    ("language", "first", "second"),
    [
        ("en", "no idea", "long ago, when the war started"),
        ("ar", "ما بعرف", "زمان، لما بدأت الحرب"),
        ("ti", "ኣይፈልጥን", "ቅድሚ ነዊሕ እዋን፣ ኩናት ምስ ጀመረ"),
    ],
)
def test_a_needed_question_is_asked_at_most_twice_and_the_words_are_kept(
    monkeypatch: pytest.MonkeyPatch, language: str, first: str, second: str
) -> None:
    chat = Conversation(monkeypatch, requested_slot="date_of_birth", full_name="A B", language=language)
    chat.say(first, intent="dont_know")
    assert chat.responses == ["utter_cannot_skip"] and chat.asked == "date_of_birth"
    chat.say(second)
    assert chat.responses == ["utter_kept_for_case_manager"] and chat.asked != "date_of_birth"
    sent = chat.sent_values()[("date_of_birth", None)]
    assert sent["no_answer"] == "needs_help"
    assert first in sent["original_text"] and second in sent["original_text"]


@pytest.mark.parametrize("name", ["Jean Pierre Mukendi", "Aminata Diallo Bah"])
def test_the_name_question_cannot_trap_anyone(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """A name is stored even when the classifier takes it for a request."""
    chat = start(monkeypatch)
    chat.say(name, intent="human_handoff", confidence=0.98)
    assert chat.slots["full_name"] == name and chat.asked == "date_of_birth"


def test_an_unsure_reading_is_checked_with_the_person(monkeypatch: pytest.MonkeyPatch) -> None:
    chat = Conversation(monkeypatch, requested_slot="digid_applied")
    chat.say("yes no")
    assert chat.slots["pending_answer"] == {"question": "digid_applied", "value": "yes", "text": "yes no"}
    assert chat.slots["digid_applied"] is None
    chat.slots["requested_slot"] = "digid_applied"
    chat.say("/affirm", intent="affirm")
    assert chat.slots["digid_applied"] == "yes" and chat.slots["pending_answer"] is None


def test_a_correction_by_name_replaces_the_earlier_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    chat = start(monkeypatch)
    chat.say("Amina Yusuf")
    chat.say("15-03-1990")
    assert chat.asked == "country_of_origin"
    chat.say("sorry, my date of birth is wrong, it is 16 March 1990")
    assert chat.responses == ["utter_correcting"]
    assert chat.slots["date_of_birth"] == "1990-03-16" and chat.asked == "country_of_origin"
    chat.say("my name is wrong")
    assert chat.slots["full_name"] is None and chat.asked == "full_name"


@pytest.mark.parametrize(
    ("typed", "language"),
    [
        ("sorry my birth date is wrong, it is 21-07-1993 not 12", "en"),
        ("mijn geboortedatum is fout, het is 21-07-1993, niet 12", "nl"),
        ("تاريخ ميلادي غلط، هو 21-07-1993 مو 12", "ar"),
    ],
)
def test_a_correction_that_names_the_wrong_value_too(
    monkeypatch: pytest.MonkeyPatch, typed: str, language: str
) -> None:
    """ "..., it is 21, not 12": the value after "not" is the old one, said wrong; the new one counts."""
    chat = Conversation(
        monkeypatch,
        requested_slot="phone",
        full_name="A B",
        date_of_birth="1993-07-12",
        answer_order=["full_name", "date_of_birth"],
        language=language,
    )
    chat.say(typed)
    assert chat.slots["date_of_birth"] == "1993-07-21" and chat.responses == ["utter_correcting"]


def test_a_corrected_email_address_is_read_as_typed(monkeypatch: pytest.MonkeyPatch) -> None:
    chat = Conversation(
        monkeypatch,
        requested_slot="digid_applied",
        full_name="A B",
        email="yasser@gmail.com",
        answer_order=["full_name", "email"],
        language="ar",
    )
    chat.say("آسف، الايميل اللي كتبته قبل غلط، الصحيح yasser.saleh79@gmail.com")
    assert chat.slots["email"] == "yasser.saleh79@gmail.com"


def test_an_email_address_typed_later_replaces_the_earlier_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "I said I have no e-mail, but I do: ..." at another question: stored, and that question again."""
    chat = Conversation(
        monkeypatch,
        requested_slot="dutch_level",
        full_name="A B",
        email="__none__",
        answer_order=["full_name", "email"],
        language="fa",
    )
    chat.say("راستی قبلا گفتم ایمیل ندارم ولی دارم، اینه: sahar.karimi93@gmail.com")
    assert chat.slots["email"] == "sahar.karimi93@gmail.com"
    assert chat.responses == ["utter_correcting"] and chat.slots.get("dutch_level") is None


def test_a_message_that_also_answers_later_questions_fills_them(monkeypatch: pytest.MonkeyPatch) -> None:
    chat = Conversation(monkeypatch, requested_slot="country_of_origin", full_name="A B", date_of_birth="1990")
    chat.say("I come from Eritrea and now we live in Enkhuizen")
    assert chat.slots["country_of_origin"] == "ER" and chat.slots["municipality"] == "0388"
    # The section is complete: its summary comes above the next question, not as a turn of its own.
    assert chat.asked == "phone" and chat.slots["confirm_personal"] is True
    assert chat.slots["summaries_due"] == ["personal"]


def test_a_summary_shown_above_a_question_can_still_be_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    chat = Conversation(monkeypatch, requested_slot="municipality", full_name="A B", date_of_birth="1990")
    chat.slots["country_of_origin"] = "ER"
    chat.say("Hoorn")
    assert chat.asked == "phone" and chat.slots["summaries_due"] == ["personal"]
    # "Change: About you" under it: the summary as a question with a button per answer.
    chat.say('/change{"field": "confirm_personal"}', intent="change", field="confirm_personal")
    assert chat.asked == "confirm_personal" and chat.slots["summaries_due"] is None
    chat.say('/change{"field": "municipality"}', intent="change", field="municipality")
    assert chat.asked == "municipality"
    chat.say("Enkhuizen")
    assert chat.slots["municipality"] == "0388" and chat.asked == "phone"
    assert chat.slots["summaries_due"] == ["personal"]
    # An answer to the question below is the "yes": the summary is not shown again.
    chat.say("0612345678")
    assert chat.slots["phone"] == "+31612345678" and chat.slots["summaries_due"] is None


def test_switching_language_mid_form_keeps_the_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    chat = start(monkeypatch)
    chat.slots["language"] = "ar"
    chat.say("فاطمة أحمد")
    chat.say("english please", intent="choose_language")
    assert chat.slots["language"] == "en" and chat.asked == "date_of_birth"
    assert chat.slots["full_name"] == "فاطمة أحمد"
    chat.say("taal wijzigen", intent="choose_language")  # no language named: show the buttons
    assert chat.responses == ["utter_ask_language"] and chat.slots["language"] == "en"
    chat.say("Türkçe lütfen", intent="choose_language")
    assert chat.slots["language"] == "tr" and chat.asked == "date_of_birth"
    chat.say("15-03-1990")
    assert chat.slots["date_of_birth"] == "1990-03-15" and chat.slots["full_name"] == "فاطمة أحمد"


def test_a_language_name_answers_a_question_about_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    """At "what is your first language?" a typed language name is the answer, not a switch."""
    chat = Conversation(monkeypatch, requested_slot="first_language")
    chat.say("english", intent="choose_language", confidence=0.95)
    assert chat.slots["first_language"] == "en" and chat.slots["language"] == "en"
    chat = Conversation(monkeypatch, requested_slot="first_language", language="ar")
    chat.say("Tigrinya", intent="choose_language", confidence=0.95)
    assert chat.slots["first_language"] == "ti" and chat.slots["language"] == "ar"


@pytest.mark.parametrize(
    ("typed", "language"), [("dutch language", "ps"), ("taal Nederlands", "ar"), ("français", "ti")]
)
def test_a_language_named_in_a_free_text_answer_is_no_switch(
    monkeypatch: pytest.MonkeyPatch, typed: str, language: str
) -> None:
    """ "Dutch language" to "What did you learn there?": the answer; the chat keeps its language."""
    chat = Conversation(monkeypatch, requested_slot="courses", full_name="A B", language=language)
    chat.say(typed, intent="choose_language", confidence=0.95)
    assert chat.slots["language"] == language and chat.slots["courses"] == typed


@pytest.mark.parametrize(
    ("typed", "language"),
    [("ja mijn zusje woont met mij", "nl"), ("yes my brother lives with me", "en"), ("اي اخي عايش معي", "ar")],
)
def test_an_answer_to_a_group_question_is_no_request(
    monkeypatch: pytest.MonkeyPatch, typed: str, language: str
) -> None:
    """The classifier sure of "a person" for "yes, my sister lives with me": an answer, no handover."""
    before = {**BEFORE_CHILDREN, "children": 0, "confirm_household": None}
    chat = Conversation(monkeypatch, requested_slot="household_members", **{**before, "language": language})
    chat.say(typed, intent="human_handoff", confidence=0.9)
    assert "utter_human_handoff" not in chat.responses and chat.asked in ("member_relation", "member_name")


def test_naming_the_language_already_spoken_is_an_answer_attempt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Typing "English" to a date question in English: no switch, an invalid answer that counts
    towards the offer of a person (never a loop)."""
    chat = Conversation(monkeypatch, requested_slot="date_of_birth", full_name="John Smith")
    chat.say("english", intent="choose_language", confidence=0.95)
    assert chat.slots["language"] == "en" and chat.slots["date_of_birth"] is None
    assert chat.slots["invalid_attempts"]["date_of_birth"] == 1
    chat.say("english", intent="choose_language", confidence=0.95)
    assert chat.slots["language"] == "en" and chat.slots["date_of_birth"] == "__needs_help__"


def test_an_unsure_yes_is_asked_again_not_stored(monkeypatch: pytest.MonkeyPatch) -> None:
    """A classifier guess below the request confidence never becomes someone's answer; a typed
    yes/no word in their language does, whatever the classifier thought."""

    def answer(text: str, intent: str, confidence: float, language: str) -> Any:
        chat = Conversation(monkeypatch, requested_slot="digid_applied", language=language)
        chat.say(text, intent=intent, confidence=confidence)
        return chat.slots["digid_applied"], chat.responses

    assert answer("ብዙሕ ኣይተረደኣንን", "affirm", 0.5, "ti") == (None, ["utter_question_help"])  # "I don't understand"
    assert answer("ጽቡቕ መዓልቲ", "affirm", 0.5, "ti") == (None, ["utter_invalid_yes_no"])
    assert answer("ኣይፋል", "affirm", 0.6, "ti")[0] == "no"
    assert answer("yes I did that last week", "affirm", 0.93, "en")[0] == "yes"


def test_phone_answers_sent_to_the_backend_are_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    chat = Conversation(monkeypatch, requested_slot="phone", full_name="A B", date_of_birth="1990", municipality="0405")
    chat.say("/go_back", intent="go_back")
    chat.slots["requested_slot"] = "phone"
    chat.say("06-12345678")
    assert chat.slots["phone"] == "+31612345678"
    schema = load_schema()
    for answer in chat.sent[-1]["answers"]:
        if answer.get("no_answer") is None:
            assert is_valid_stored_value(schema.question(answer["question_id"]), answer["value"]), answer


def test_i_have_none_to_an_optional_question_is_an_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "No" / "I don't have one" to "What is your e-mail address?" is recorded as none: no
    invalid-e-mail loop, no free text sent for translation. A needed question still asks."""
    chat = Conversation(monkeypatch, requested_slot="email", language="fa_AF", phone="+31612345678")
    chat.say("ایمیل ندارم", intent="deny", confidence=0.4)
    assert chat.slots["email"] == "__none__" and chat.responses == []
    assert chat.sent_values()[("email", None)]["no_answer"] == "none"

    chat = Conversation(monkeypatch, requested_slot="courses", language="ti")
    chat.say("የብለይን")
    assert chat.slots["courses"] == "__none__"
    chat = Conversation(monkeypatch, requested_slot="email", language="am")
    chat.say("ኢሜይል የለኝም", intent="dont_know", confidence=0.9)  # the typed words count first
    assert chat.slots["email"] == "__none__"
    chat = Conversation(monkeypatch, requested_slot="email", language="am")
    chat.say("/dont_know", intent="dont_know", confidence=1.0)  # the button is what it says
    assert chat.slots["email"] == "__dont_know__"
    chat = Conversation(monkeypatch, requested_slot="courses", language="en")
    chat.say("no comment", intent="skip", confidence=0.9)  # declining is not having none
    assert chat.slots["courses"] == "__skipped__"
    chat = Conversation(monkeypatch, requested_slot="courses", language="en")
    chat.say("no, but I want to learn Dutch very much")  # an answer of its own
    assert chat.slots["courses"] == "no, but I want to learn Dutch very much"

    chat = Conversation(monkeypatch, requested_slot="full_name")  # not skippable: asked once more
    chat.say("ندارم")
    assert chat.slots["full_name"] is None and chat.responses == ["utter_cannot_skip"]


BEFORE_CHILDREN = {
    "full_name": "A B",
    "date_of_birth": "1990",
    "country_of_origin": "ER",
    "municipality": "0405",
    "confirm_personal": True,
    "phone": "__skipped__",
    "email": "__skipped__",
    "digid_applied": "yes",
    "driving_licence": "no",
    "confirm_contact": True,
    "partner": "no",
}


def test_several_children_in_one_message_are_items_of_their_own(monkeypatch: pytest.MonkeyPatch) -> None:
    chat = Conversation(monkeypatch, requested_slot="children", **BEFORE_CHILDREN)
    chat.say("yes, three children of 3, 7 and 10 years old")
    year = __import__("datetime").date.today().year
    assert chat.slots["child_date_of_birth"] == f"~{year - 3}" and chat.asked == "child_lives_with_you"
    chat.say("yes")
    # The second child opens at once, with the age already known: no "another child?" in between.
    assert chat.slots["child_date_of_birth"] == f"~{year - 7}" and chat.asked == "child_lives_with_you"
    chat.say("no, she lives with her grandmother")
    assert chat.slots["child_date_of_birth"] == f"~{year - 10}" and chat.asked == "child_lives_with_you"
    chat.say("yes")
    # Three were counted: no "Do you have another child?" after the third.
    assert chat.asked != "children"
    items = chat.slots["group_items"]["children"]["items"]
    assert [i["values"]["child_date_of_birth"] for i in items] == [f"~{year - 3}", f"~{year - 7}", f"~{year - 10}"]
    assert [i["values"]["child_lives_with_you"] for i in items] == ["yes", "no", "yes"]
    assert chat.slots["children"] == 3


@pytest.mark.parametrize(
    ("language", "text"), [("en", "yes, two daughters"), ("ar", "نعم عندي ٢ بنات"), ("ti", "እወ 2 ደቂ ኣለዉኒ")]
)
def test_a_counted_group_asks_each_item_and_no_more(monkeypatch: pytest.MonkeyPatch, language: str, text: str) -> None:
    chat = Conversation(monkeypatch, requested_slot="children", **{**BEFORE_CHILDREN, "language": language})
    chat.say(text)
    assert chat.asked == "child_date_of_birth"
    chat.say("2015")
    chat.say("/affirm", intent="affirm")
    assert chat.asked == "child_date_of_birth"  # the second one at once
    chat.say("2019")
    chat.say("/affirm", intent="affirm")
    assert chat.asked != "children" and chat.slots["children"] == 2
    items = chat.slots["group_items"]["children"]["items"]
    assert [i["values"]["child_date_of_birth"] for i in items] == ["2015", "2019"]


def test_an_age_is_no_count(monkeypatch: pytest.MonkeyPatch) -> None:
    chat = Conversation(monkeypatch, requested_slot="children", **BEFORE_CHILDREN)
    chat.say("yes, a son of 7 years old")
    year = __import__("datetime").date.today().year
    assert chat.slots["child_date_of_birth"] == f"~{year - 7}"
    chat.say("/affirm", intent="affirm")
    assert chat.asked == "children"  # "Do you have another child?"


@pytest.mark.parametrize(
    ("language", "text", "country"),
    [("en", "yes but it is from Syria", "SY"), ("ar", "نعم بس من سوريا", "SY"), ("ti", "እወ ግን ካብ ኤርትራ እዩ", "ER")],
)
def test_a_yes_with_more_words_answers_the_follow_up_too(
    monkeypatch: pytest.MonkeyPatch, language: str, text: str, country: str
) -> None:
    """ "Yes, but it is from Syria" at *driving licence*: yes, the country too, the words kept."""
    chat = Conversation(monkeypatch, requested_slot="driving_licence", language=language)
    chat.say(text)
    assert chat.slots["driving_licence"] == "yes" and chat.slots["driving_licence_country"] == country
    assert chat.asked != "driving_licence_country"
    assert chat.sent_values()[("driving_licence_country", None)]["original_text"] == text


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "yes, I cannot climb stairs, my knee"), ("ar", "نعم عندي مشكلة في ظهري"), ("ti", "እወ ሕማም ሕቖ ኣለኒ")],
)
def test_a_yes_that_explains_is_the_explanation_too(monkeypatch: pytest.MonkeyPatch, language: str, text: str) -> None:
    chat = Conversation(monkeypatch, requested_slot="physical_health_help", language=language)
    chat.say(text)
    assert chat.slots["physical_health_help"] == "yes" and chat.slots["physical_health_details"] == text
    assert chat.asked != "physical_health_details"


@pytest.mark.parametrize(("language", "text"), [("en", "yes I have one"), ("ar", "نعم عندي"), ("ti", "እወ ኣለኒ")])
def test_a_plain_yes_asks_the_follow_up(monkeypatch: pytest.MonkeyPatch, language: str, text: str) -> None:
    chat = Conversation(monkeypatch, requested_slot="driving_licence", language=language)
    chat.say(text)
    assert chat.slots["driving_licence"] == "yes" and chat.slots.get("driving_licence_country") is None


@pytest.mark.parametrize(
    ("language", "text", "country"),
    [
        ("fa_AF", "عبدالرحیم نوری هستم از افغانستان", "AF"),
        ("en", "my name is Yonas Kidane, from Eritrea", "ER"),
        ("ti", "ሽመይ ዮናስ ኪዳነ እዩ ካብ ኤርትራ", "ER"),
    ],
)
def test_a_name_with_the_country_answers_both(
    monkeypatch: pytest.MonkeyPatch, language: str, text: str, country: str
) -> None:
    chat = Conversation(monkeypatch, requested_slot="full_name", language=language)
    chat.say(text)
    assert chat.slots["country_of_origin"] == country and chat.asked == "date_of_birth"
    assert country not in str(chat.slots["full_name"]) and len(str(chat.slots["full_name"]).split()) == 2


def test_a_message_that_may_be_a_request_is_checked_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """The classifier is not sure ("my social worker has all those papers" at the date question):
    "Do you want to talk to a person?" — yes does it, no asks the question again."""
    chat = Conversation(monkeypatch, requested_slot="date_of_birth", full_name="A B")
    chat.say("my social worker has all those papers", intent="human_handoff", confidence=0.6)
    assert chat.slots["pending_answer"]["request"] == "person" and chat.asked == "date_of_birth"
    assert chat.responses == []
    chat.say("/affirm", intent="affirm")
    assert chat.responses == ["utter_human_handoff"] and chat.slots["pending_answer"] is None
    chat.say("pas le temps la", intent="pause", confidence=0.6)
    assert chat.slots["pending_answer"]["request"] == "pause"
    chat.say("/deny", intent="deny")
    assert chat.asked == "date_of_birth" and chat.slots["pending_answer"] is None and not chat.slots.get("paused")
    # Anything else is read as an answer.
    chat.say("what i must write here", intent="help", confidence=0.55)
    chat.say("15-03-1990")
    assert chat.slots["date_of_birth"] == "1990-03-15" and chat.slots["pending_answer"] is None


def test_a_message_sent_again_is_not_the_next_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The backend crashed after Rasa read "Amina Yusuf" but before the phone got the reply: the
    phone sends it again with the same id; it must not become the date of birth."""
    chat = start(monkeypatch)
    chat.say("Amina Yusuf", message_id="m-1")
    assert chat.asked == "date_of_birth" and chat.slots["last_message_id"] == "m-1"
    chat.say("Amina Yusuf", message_id="m-1")
    assert chat.asked == "date_of_birth" and chat.slots["date_of_birth"] is None
    chat.say("1990", message_id="m-2")
    assert chat.slots["date_of_birth"] == "1990" and chat.slots["last_message_id"] == "m-2"
