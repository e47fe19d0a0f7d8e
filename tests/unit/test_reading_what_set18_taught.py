"""What set-17 left, and what the held-out set-18 taught, fixed in general (session 16).

Each cause is tested in at least three languages with our own sentences, not the sets' wordings.
"""

from __future__ import annotations

import pytest

from tests.unit.test_reading_what_set13_taught import outcome


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        # The person's own word for how well they speak wins over a CEFR level beside it.
        ("nl", "goed hoor, vorig jaar B1 gehaald", "good"),
        ("en", "not bad, i did the A2 exam", "reasonable"),
        ("tr", "biraz biliyorum ama B1 sertifikam var", "a_little"),
        ("fr", "couramment, j'ai le C1", "good"),
        # A CEFR level alone is read by its level (`cefr` in forms/intake.yaml), in every language.
        ("ar", "عندي A2", "a_little"),
        ("ti", "B1 ሓሊፈ", "reasonable"),
        ("so", "waxaan haystaa B2", "good"),
    ],
)
def test_the_own_word_for_a_level_wins_over_a_cefr_level(language: str, text: str, wanted: str) -> None:
    assert outcome("dutch_level", text, language) == ("answer", wanted)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "three guys from Eritrea in Hoorn, that's it"),
        ("nl", "ik ken er 2 uit de moskee"),
        ("ar", "بعرف ٤ عائلات سوريين هون"),
        ("tr", "iki tane Türk aile var"),
    ],
)
def test_a_few_people_counted_is_a_few(language: str, text: str) -> None:
    assert outcome("social_contacts", text, language) == ("answer", "few")


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "I came here 2 years ago"), ("nl", "niemand, ik woon hier pas 3 maanden"), ("ar", "لا حدا")],
)
def test_a_time_or_nobody_is_no_count_of_people(language: str, text: str) -> None:
    assert outcome("social_contacts", text, language) != ("answer", "few")


@pytest.mark.parametrize(
    ("language", "question_id", "text", "wanted"),
    [
        # At an e-mail or phone question, "I don't know" or "none" anywhere in a sentence says it:
        # a sentence without an address or a number cannot be one.
        ("en", "email", "my daughter made me one last year but i forgot what it is", "dont_know"),
        ("nl", "email", "heb er een gehad bij het azc maar ik weet niet meer welke", "dont_know"),
        ("fr", "phone", "c'est une nouvelle carte sim, je ne sais pas encore mon numéro", "dont_know"),
        ("ar", "email", "ما عندي ايميل، كل شي بيعملو ابني عالتلفون", "none"),
    ],
)
def test_no_value_said_in_a_sentence_at_email_or_phone(language: str, question_id: str, text: str, wanted: str) -> None:
    assert outcome(question_id, text, language) == ("no_answer", wanted)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "zero six four four... i forgot the rest"),
        ("nl", "06 12 en de rest weet ik niet meer"),
        ("fr", "06 45 et le reste j'ai oublié"),
    ],
)
def test_a_number_said_in_part_is_asked_again(language: str, text: str) -> None:
    assert outcome("phone", text, language)[0] == "refused"


@pytest.mark.parametrize(
    ("text", "wanted"),
    [("3 çile 1988", "1988-01-03"), ("roja 14ê çileyê sala 1979", "1979-01-14"), ("cile 2003", "2003-01")],
)
def test_kurmanji_cile_is_january(text: str, wanted: str) -> None:
    assert outcome("date_of_birth", text, "ku") == ("answer", wanted)
