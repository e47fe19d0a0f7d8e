"""What the held-out set set-15 taught, fixed in general (session 14).

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
    ("language", "text", "wanted"),
    [
        # A language said with "not" before it, or with only a "no" after it, is not spoken.
        ("en", "french and arabic, not english", ["fr", "ar"]),
        ("fr", "l'arabe mais pas l'anglais", ["ar"]),
        ("nl", "arabisch, frans niet", ["ar"]),
        ("tr", "farsça biliyorum, arapça yok", ["fa"]),
        ("so", "carabi waan ku hadlaa, faransiis maya", ["ar"]),
        ("ti", "ዓረብ, እንግሊዝኛ ኣይፋል", ["ar"]),
    ],
)
def test_a_language_said_no_to_is_left_out(language: str, text: str, wanted: list[str]) -> None:
    kind, value = outcome("other_languages", text, language)
    assert kind == "answer" and sorted(value) == sorted(wanted)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # More than a "no" after it is how well, not a no: the language stays.
        ("en", "arabic, english not so good", ["ar", "en"]),
        ("nl", "arabisch en engels een beetje", ["ar", "en"]),
        # The "n" of Tigrinya is "and", no "no".
        ("ti", "amharigna n arabigna n", ["am", "ar"]),
    ],
)
def test_a_language_with_more_than_a_no_after_it_stays(language: str, text: str, wanted: list[str]) -> None:
    kind, value = outcome("other_languages", text, language)
    assert kind == "answer" and sorted(value) == sorted(wanted)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("language", "question_id", "text", "wanted"),
    [
        # "X, not Y" at a single choice: the "not" says no to Y; it puts nothing right.
        ("en", "interpreter_language", "somali please, not arabic", "so"),
        ("ku", "interpreter_language", "erebî, ne tirkî", "ar"),
        ("fa_AF", "first_language", "پشتو، نه دری", "ps"),
        ("fr", "country_of_origin", "je viens du Soudan, pas de l'Égypte", "SD"),
        # ... unless the option is named again after it: then the "no" puts it right.
        ("fa", "education_country", "در سوریه... نه عراق، در عراق بود", "IQ"),
        ("en", "education_country", "in syria... no iraq, it was in iraq", "IQ"),
    ],
)
def test_not_before_an_option_at_a_single_choice(language: str, question_id: str, text: str, wanted: str) -> None:
    assert outcome(question_id, text, language) == ("answer", wanted)
