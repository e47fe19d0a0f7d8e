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
