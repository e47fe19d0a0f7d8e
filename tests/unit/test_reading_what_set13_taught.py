"""What the held-out set set-13 taught, fixed in general (session 13).

Each cause is tested in at least three languages with our own sentences, not the set's wordings.
"""

from __future__ import annotations

from datetime import date

import pytest

from forms.schema import load_schema
from forms.understanding import Interpretation, interpret

TODAY = date(2026, 12, 6)


def outcome(question_id: str, text: str, language: str) -> tuple[str, object]:
    result: Interpretation = interpret(load_schema().question(question_id), text, language, today=TODAY)
    if result.kind in ("request", "check_request"):
        return result.kind, result.request
    if result.kind == "no_answer":
        return "no_answer", result.no_answer
    if result.kind == "answer" and result.reading is not None:
        return "answer", result.reading.value
    return result.kind, None


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # An answer in the clauses before a question back stands ("…, is that Hoorn?").
        ("en", "we got a house in Zwaag, is that Hoorn?"),
        ("nl", "we wonen in Zwaag, hoort dat bij Hoorn?"),
        ("ti", "ኣብ ዝዋግ ኢና ዘለና, ሆርን ድዩ?"),
        ("fr", "on habite à Zwaag, c'est Hoorn non ?"),
    ],
)
def test_an_answer_before_a_question_back(language: str, text: str) -> None:
    assert outcome("municipality", text, language) == ("answer", "0405")


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "what is an azc?"), ("nl", "wat is een azc eigenlijk?"), ("fr", "c'est quoi un azc ?")],
)
def test_a_question_back_alone_still_asks_for_help(language: str, text: str) -> None:
    assert outcome("housing_situation", text, language) == ("request", "help")


@pytest.mark.parametrize(
    ("language", "question_id", "text", "wanted"),
    [
        # "My own language", "the same language I write in": the language of the chat.
        ("en", "interpreter_language", "in the same language I am typing now", "en"),
        ("ar", "interpreter_language", "بنفس اللغة اللي عم اكتب فيها", "ar"),
        ("ku", "interpreter_language", "bi zimanê xwe yê dayikê", "kmr"),
        ("ti", "interpreter_language", "ብቋንቋይ ይሓይሽ", "ti"),
        ("fa_AF", "first_language", "زبان مادری خودم", "fa_AF"),
        # A language named wins over "my language".
        ("ti", "first_language", "ቋንቋይ ትግረ እዩ", "tig"),
        ("en", "first_language", "my mother tongue is Somali", "so"),
    ],
)
def test_own_language_is_the_chat_language(language: str, question_id: str, text: str, wanted: str) -> None:
    assert outcome(question_id, text, language) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # Own-locale CLDR abbreviations of Monday to Friday.
        ("nl", "di en vr 's middags", ["tue_afternoon", "fri_afternoon"]),
        ("nl", "ma ochtend en do middag", ["mon_morning", "thu_afternoon"]),
        # Dutch "na" (after) is no English "na" (no): the day stays.
        ("nl", "woensdag na 2 uur", ["wed_afternoon"]),
        ("en", "wednesday after 2", ["wed_afternoon"]),
        ("tr", "çarşamba saat 2den sonra", ["wed_afternoon"]),
    ],
)
def test_weekdays_abbreviated_and_after_an_hour(language: str, text: str, wanted: list[str]) -> None:
    assert outcome("availability", text, language) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # A longer "no" phrase first, then a question back: the "no" answers.
        ("nl", "nee nog niet, wat is dat precies?"),
        ("fr", "non pas encore, ça sert à quoi ?"),
        ("en", "no not yet, what is it?"),
    ],
)
def test_a_no_phrase_before_a_question_back_answers(language: str, text: str) -> None:
    assert outcome("digid_applied", text, language) == ("answer", "no")


@pytest.mark.parametrize(
    ("language", "question_id", "text", "wanted"),
    [
        # Names of a doubled syllable are names, not noise.
        ("nl", "member_name", "ze heet Lemlem", "Lemlem"),
        ("en", "member_name", "her name is Lemlem", "Lemlem"),
        ("ti", "member_name", "ለምለም", "ለምለም"),
        ("ar", "member_name", "اسمها لولو", "لولو"),
        # Tigrinya "ሽማ" (her name), as people say it.
        ("ti", "member_name", "ሽማ ሳባ እያ", "ሳባ"),
        # "… is my name" with a word of politeness after it.
        ("en", "full_name", "Hawa Abdi Nur is my name sir", "Hawa Abdi Nur"),
        ("en", "full_name", "Grace Okello is my name, thank you", "Grace Okello"),
        ("nl", "full_name", "Farid Rahimi is mijn naam alstublieft", "Farid Rahimi"),
    ],
)
def test_names(language: str, question_id: str, text: str, wanted: str) -> None:
    assert outcome(question_id, text, language) == ("answer", wanted)


@pytest.mark.parametrize(("language", "text"), [("en", "asdasd"), ("en", "hahaha"), ("ti", "ሀሀሀሀ"), ("ar", "هههههه")])
def test_noise_is_still_no_name(language: str, text: str) -> None:
    assert outcome("full_name", text, language)[0] == "refused"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # A first clause that is the request alone asks for it, whatever the reason holds.
        ("en", "pause, I have to get the kids from school"),
        ("fr", "pause, je dois aller chercher les enfants"),
        ("nl", "pauze, ik moet de kinderen ophalen"),
    ],
)
def test_a_request_first_and_its_reason(language: str, text: str) -> None:
    assert outcome("debts", text, language) == ("request", "pause")


def test_the_ethiopian_calendar_said_as_by_the_ethiopian() -> None:
    # ሓምለ 12 1984 by the Ethiopian (calendar) is 19 July 1992.
    assert outcome("date_of_birth", "ሓምለ 12 1984 ብናይ ኢትዮጵያ", "ti") == ("answer", "1992-07-19")
