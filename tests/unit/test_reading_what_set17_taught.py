"""What set-16 left and the held-out set-17 taught, fixed in general (session 15).

Each cause is tested in at least three languages with our own sentences, not the set's wordings.
"""

from __future__ import annotations

from datetime import date

import pytest

from forms import load_schema
from forms.understanding import interpret
from tests.unit.test_reading_what_set13_taught import outcome


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # An address spelled out with the words for "_" and "-" (`email_words` in the word files).
        ("en", "its ahmed underscore ali 90 at hotmail dot com", "ahmed_ali90@hotmail.com"),
        ("nl", "ahmed liggend streepje ali at gmail.com", "ahmed_ali@gmail.com"),
        ("tr", "ahmet alt çizgi kaya et gmail nokta com", "ahmet_kaya@gmail.com"),
        ("fr", "sara tiret k arobase yahoo point fr", "sara-k@yahoo.fr"),
        # A known provider with the domain's end after a space.
        ("en", "ahmedali at gmail com", "ahmedali@gmail.com"),
        ("ku", "dilan.ali@hotmail com", "dilan.ali@hotmail.com"),
    ],
)
def test_an_address_spelled_out(language: str, text: str, wanted: str) -> None:
    assert outcome("email", text, language) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text"), [("en", "ahmed at gmail"), ("fr", "mariam arobase hotmail"), ("ar", "ahmad at yahoo")]
)
def test_an_address_without_its_ending_is_asked_again(language: str, text: str) -> None:
    assert outcome("email", text, language)[0] == "refused"


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # Days joined by "and", "to" or a comma share the part of the day said after the last.
        ("en", "monday and wednesday morning, also friday afternoon", ["mon_morning", "wed_morning", "fri_afternoon"]),
        ("ku", "sêşem û înê piştî nîvro", ["tue_afternoon", "fri_afternoon"]),
        ("tr", "pazartesi ve cuma sabah", ["mon_morning", "fri_morning"]),
        ("so", "talaado ilaa khamiis galabta", ["tue_afternoon", "wed_afternoon", "thu_afternoon"]),
        # A part before a day of another clause is the day's before it.
        ("fa_AF", "seshanbe sob, jumma bad az chasht", ["tue_morning", "fri_afternoon"]),
        ("tr", "salı sabah, cuma da bütün gün", ["tue_morning", "fri_morning", "fri_afternoon"]),
        # Hours from and to: the morning when they end by noon, the afternoon from noon on.
        ("en", "monday to wednesday from 8 to 11", ["mon_morning", "tue_morning", "wed_morning"]),
        ("nl", "donderdag van 13 tot 16 uur", ["thu_afternoon"]),
        (
            "ps",
            "هره ورځ له ۸ نه تر ۱۲ پورې",
            ["mon_morning", "tue_morning", "wed_morning", "thu_morning", "fri_morning"],
        ),
    ],
)
def test_days_and_parts_of_the_day_said_together(language: str, text: str, wanted: list[str]) -> None:
    kind, value = outcome("availability", text, language)
    assert kind == "answer" and sorted(value) == sorted(wanted)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("tr", "tam anlamadım, kira benim paramdan mı kesilecek?"),
        ("en", "i dont get it, is the rent taken from my money?"),
        ("nl", "snap ik niet, wordt de huur van mijn geld betaald?"),
    ],
)
def test_a_question_back_gets_the_help_text_whatever_the_classifier_says(language: str, text: str) -> None:
    # The classifier's "I don't know" would put "(I don't know)" in the intake and move on.
    result = interpret(
        load_schema().question("housing_situation"), text, language, "dont_know", 0.95, today=date(2026, 12, 7)
    )
    assert (result.kind, result.request) == ("request", "help")
