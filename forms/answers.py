"""Answers as the rest of the system sees them: parsed values, error codes and stored-value checks.

Reading what a person typed is done by the answer readers (forms/readers/), with the words of each
language in locales/<code>/answers.yaml; this module holds no word lists. It gives:

  * `parse_answer`: a reader's result as a `ParsedAnswer` (a value or an error code);
  * the error codes the dialogue explains (`utter_invalid_<code>`);
  * checks on stored values (the backend refuses a malformed value from any client);
  * date arithmetic on stored partial dates ("1990", "1990-03", "~1990").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from forms.lexicon import ascii_digits
from forms.readers import Translator, looks_like_bsn, no_answer_in, read, read_phone_value, untranslated
from forms.readers.text import read_email
from forms.schema import NO, UNKNOWN, YES, Question

__all__ = ["looks_like_bsn"]

# Error codes a parser may give. Each has a response `utter_invalid_<code>` in the NLG texts.
ERROR_CODES = (
    "too_short",
    "too_long",
    "no_letters",
    "bsn",
    "date",
    "date_future",
    "date_age",
    "choice",
    "number",
    "number_range",
    "phone",
    "email",
    "yes_no",
)


@dataclass(frozen=True)
class ParsedAnswer:
    value: Any = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


normalize_digits = ascii_digits


# -- stored dates ------------------------------------------------------------------------------------

# A stored partial date: "1990", "1990-03", "1990-03-15", "~" in front when approximate.
_STORED_DATE = re.compile(r"^~?\d{4}(-\d{2}(-\d{2})?)?$")


def approximate_day(stored: str) -> date:
    """A day to compute with for a stored (partial) date: the middle of its year or month."""
    parts = stored.lstrip("~").split("-")
    if len(parts) == 3:
        return date.fromisoformat(stored.lstrip("~"))
    if len(parts) == 2:
        return date(int(parts[0]), int(parts[1]), 15)
    return date(int(parts[0]), 7, 1)


def age_in_years(stored: str, today: date) -> float:
    return (today - approximate_day(stored)).days / 365.25


def _age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def date_problem(question: Question, stored: str, today: date) -> str | None:
    """The error code for a stored date the question cannot take (future, age out of range)."""
    day = approximate_day(stored)
    if day.year > today.year or (len(stored.lstrip("~")) == 10 and day > today):
        return "date_future"
    age = _age_on(day, today)
    rules = question.validation
    if (rules.min_age_years is not None and age < rules.min_age_years) or (
        rules.max_age_years is not None and age > rules.max_age_years
    ):
        return "date_age"
    return None


# -- reading typed answers ---------------------------------------------------------------------------


def parse_answer(
    question: Question,
    raw: str,
    translate: Translator = untranslated,
    today: date | None = None,
    language: str = "en",
) -> ParsedAnswer:
    """Read what the person typed for `question` (see forms.readers for how)."""
    if question.type == "group":
        raise ValueError("a group is answered item by item, not parsed")
    reading = read(question, raw, language, translate, today)
    if not reading.ok or reading.value is None:
        return ParsedAnswer(error=reading.error or question_error(question))
    return ParsedAnswer(value=reading.value)


def question_error(question: Question) -> str:
    """The error code for an answer that holds nothing for this type of question."""
    return {
        "date": "date",
        "number": "number",
        "phone": "phone",
        "email": "email",
        "yes_no": "yes_no",
        "single_choice": "choice",
        "multiple_choice": "choice",
    }.get(question.type, "too_short")


def yes_or_no(raw: str, translate: Translator = untranslated, language: str = "en") -> str | None:
    """YES or NO for a typed yes or no (also inside a short sentence), else None."""
    from forms.readers.yes_no import read_yes_no

    reading = read_yes_no(raw, language, (translate("Yes"),), (translate("No"),))
    sure = reading.ok and not reading.needs_confirmation
    return reading.value if sure and reading.value in (YES, NO) else None


def says_none(raw: str, translate: Translator = untranslated, language: str = "en") -> bool:
    """Whether the person says they have none: "no", "I don't have an e-mail", "ندارم", "የብለይን"."""
    words = raw.strip().casefold()
    if words and words == translate("No").strip().casefold():
        return True
    return no_answer_in(raw, language) == "none"


def read_phone(raw: str) -> str | None:
    """A phone number in international form (+31612345678), from any usual way of writing it."""
    return read_phone_value(raw)


# -- stored values -------------------------------------------------------------------------------------


def is_valid_stored_value(question: Question, value: object) -> bool:
    """Whether a value already parsed by the dialogue is well-formed for the question.

    The backend checks every value it receives, so a faulty or outdated client cannot
    store, say, an unknown municipality code or a malformed date.
    """
    if question.type == "group":
        return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= question.max_items
    if question.type == "number":
        rules = question.validation
        return (
            isinstance(value, int)
            and not isinstance(value, bool)
            and (rules.min_value is None or value >= rules.min_value)
            and (rules.max_value is None or value <= rules.max_value)
        )
    if question.type == "multiple_choice":
        return (
            isinstance(value, list)
            and len(value) == len(set(value))
            and all(isinstance(v, str) and question.option(v) is not None for v in value)
        )
    if not isinstance(value, str) or not value:
        return False
    if question.type == "date":
        if not _STORED_DATE.match(value):
            return False
        try:
            approximate_day(value)
        except ValueError:
            return False
        return True
    if question.type == "single_choice":
        return question.option(value) is not None
    if question.type == "yes_no":
        return value in (YES, NO, UNKNOWN)
    if question.type == "phone":
        return read_phone(value) == value
    if question.type == "email":
        return bool(read_email(value).value == value)
    return _valid_text(question, value)


def _valid_text(question: Question, value: str) -> bool:
    rules = question.validation
    if looks_like_bsn(value) or not any(ch.isalpha() for ch in value):
        return False
    if rules.min_length is not None and len(value) < rules.min_length:
        return False
    return rules.max_length is None or len(value) <= rules.max_length
