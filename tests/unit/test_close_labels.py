"""Options named with a typo (forms/readers/choices.py `_close_labels`): the bounded edit distance
answers as the full one does, and the cached names find what comparing every label finds."""

from __future__ import annotations

import random

import pytest

from forms import load_schema
from forms.lexicon import phrase as to_phrase
from forms.readers.choices import _close_labels, _edit_distance, _within_edits
from locales import translate


def test_the_bounded_distance_says_what_the_full_one_says() -> None:
    rng = random.Random(7)
    letters = "abcdeسوريا "
    for _ in range(5000):
        a = "".join(rng.choice(letters) for _ in range(rng.randint(0, 9)))
        b = "".join(rng.choice(letters) for _ in range(rng.randint(0, 9)))
        for limit in (0, 1, 2, 3):
            assert _within_edits(a, b, limit) == (_edit_distance(a, b) <= limit), (a, b, limit)


def _every_label_compared(question_id: str, words: list[str], language: str) -> list[str]:
    # The plain way: every option's names, as shown and translated, compared each time.
    question = load_schema().question(question_id)
    typed = " ".join(words)
    if len(typed) < 4 or typed.isdigit():
        return []
    allowed = 1 if len(typed) < 8 else 2
    close, partial = [], []
    for option in question.options:
        names = [option.label, *option.also_written]
        if option.translatable:
            names.append(translate(language, option.label))
        phrases = [p for p in (to_phrase(n) for n in names) if p]
        if any(_edit_distance(typed, " ".join(p)) <= allowed for p in phrases):
            close.append(option.code)
        elif all(len(w) >= 3 for w in words) and any(set(words) <= set(p) for p in phrases):
            partial.append(option.code)
    return close or partial


@pytest.mark.parametrize("language", ["ar", "nl", "en"])
@pytest.mark.parametrize(
    "words", [["horn"], ["stede", "broek"], ["stede"], ["مدمبلك"], ["syria"], ["sirya"], ["سوريا"], ["engels"]]
)
def test_close_labels_find_what_comparing_every_label_finds(language: str, words: list[str]) -> None:
    for question in load_schema().questions:
        if question.type in ("single_choice", "multiple_choice"):
            found = _close_labels(question, words, lambda text: translate(language, text))
            assert found == _every_label_compared(question.id, words, language), question.id
