"""Whole numbers inside a sentence: digits of any script or words, with their unit.

"9 years", "nine", "٩ سنوات", "ሓሙሽተ ዓመት", "twenty-five", "from 2010 to 2015" (5 years),
"half a year" (0 years), "650 euro", "2 no sorry 3" (3: the correction counts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from forms.lexicon import Lexicon, all_lexicons, lexicons_for, other_lexicons, words_of
from forms.readers.matching import find, find_in, merged
from forms.readers.reading import Reading, refused
from forms.schema import Question

_DIGITS = re.compile(r"^\d{1,7}(?:[.,]\d+)?$")
_YEAR_RANGE = re.compile(r"^((?:19|20)\d\d)\s*-\s*((?:19|20)\d\d)$")


@dataclass(frozen=True)
class Number:
    value: float
    start: int
    end: int
    unit: str | None = None


def _number_words(lex: Lexicon) -> dict[str, list[tuple[str, ...]]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for spelled, value in lex.numbers.items():
        table.setdefault(str(value), []).append(spelled)
    return table


def numbers_in(words: list[str], language: str) -> list[Number]:
    """The numbers in the words, in order; number words joined ("twenty five", "خمسة وعشرين")."""
    found: list[Number] = []
    for i, word in enumerate(words):
        if _DIGITS.match(word):
            found.append(Number(float(word.replace(",", ".")), i, i + 1))
        elif m := _YEAR_RANGE.match(word):
            found.append(Number(float(m.group(1)), i, i + 1))
            found.append(Number(float(m.group(2)), i, i + 1))
    joiners = {w for lex in all_lexicons() for p in lex.lists["number_joiners"] for w in p} | {"-", "و"}
    spelled = [Number(float(m.key), m.start, m.end) for m in find_in(words, language, _number_words)]
    # Join tens and units: "twenty five", "vingt et un", "five and twenty" (Arabic, Kurdish order).
    joined: list[Number] = []
    for number in spelled:
        if joined:
            last = joined[-1]
            between = words[last.end : number.start]
            adjacent = number.start == last.end or (all(w in joiners for w in between) and len(between) <= 1)
            tens_units = last.value % 10 == 0 and 20 <= last.value <= 90 and 0 < number.value < 10
            units_tens = number.value % 10 == 0 and 20 <= number.value <= 90 and 0 < last.value < 10
            if adjacent and (tens_units or units_tens):
                joined[-1] = Number(last.value + number.value, last.start, number.end)
                continue
            if adjacent and last.value < 10 and number.value == 100:
                joined[-1] = Number(last.value * 100, last.start, number.end)
                continue
        joined.append(number)
    return sorted(found + joined, key=lambda n: n.start)


def _unit_after(words: list[str], number: Number, units: dict[str, list[tuple[str, ...]]]) -> str | None:
    window = words[number.end : number.end + 2]
    before = words[max(0, number.start - 2) : number.start]
    for match in find(window, units):
        if match.start == 0:
            return match.key
    for match in find(before, units):
        if match.end == len(before) and match.key in ("euro", "grade"):
            return match.key  # "€650", "grade 9"
    return None


def _units(language: str) -> dict[str, list[tuple[str, ...]]]:
    return merged(*(lex.units for lex in (*lexicons_for(language), *other_lexicons(language))))


def _said_as(words: list[str], language: str, meaning: str) -> bool:
    return bool(find_in(words, language, lambda lex: {meaning: lex.lists[meaning]}))


def _correction_between(words: list[str], a: Number, b: Number, language: str) -> bool:
    between = words[a.end : b.start]
    return bool(find_in(between, language, lambda lex: {"c": lex.lists["corrections"] + lex.lists["no"]}))


def read_number(question: Question, text: str, language: str) -> Reading:
    """The number the question asks for. `question.unit`-like hints come from its validation:
    a maximum of 60 or less with "years" in the answer reads month counts and year ranges."""
    words = words_of(text)
    units = _units(language)
    numbers = [n for n in numbers_in(words, language)]
    numbers = [Number(n.value, n.start, n.end, _unit_after(words, n, units)) for n in numbers]
    years_question = (question.validation.max_value or 0) <= 60
    if not numbers:
        if years_question and (_said_as(words, language, "half") or _said_as(words, language, "less_than_one")):
            return _in_range(question, 0, 0.9)
        return refused("number")
    # "from 2010 to 2015": a number of years as two years.
    calendar_years = [n for n in numbers if 1940 <= n.value <= 2030 and n.value == int(n.value)]
    if years_question and len(calendar_years) == 2 and len(numbers) == 2:
        return _in_range(question, abs(int(calendar_years[1].value - calendar_years[0].value)), 0.7)
    if len(numbers) > 1:
        with_unit = [n for n in numbers if n.unit in ("year", "euro")]
        if _correction_between(words, numbers[-2], numbers[-1], language):
            chosen, certainty = numbers[-1], 0.9
        elif len(with_unit) == 1:
            chosen, certainty = with_unit[0], 0.8
        else:
            return refused("number")
    else:
        chosen, certainty = numbers[0], (1.0 if len(words) == 1 else 0.9)
    value = chosen.value
    if chosen.unit == "month":
        value = value / 12
    if value != int(value) and chosen.unit != "month":
        certainty = min(certainty, 0.7)
    return _in_range(question, int(value), certainty)


def _in_range(question: Question, value: int, certainty: float) -> Reading:
    rules = question.validation
    if (rules.min_value is not None and value < rules.min_value) or (
        rules.max_value is not None and value > rules.max_value
    ):
        return refused("number_range")
    return Reading(value=value, certainty=certainty)
