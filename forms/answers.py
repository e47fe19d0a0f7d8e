"""Turn what a person typed into a clean value for one question.

Every parser returns a `ParsedAnswer`: either a value or an error code. Error codes are
stable names; the dialogue maps them to translated explanations (`utter_invalid_<code>`).
Parsers accept any script's digits (Arabic-Indic, Persian, ...) and extra spaces.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from forms.schema import Question

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
)


@dataclass(frozen=True)
class ParsedAnswer:
    value: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def normalize_digits(text: str) -> str:
    """Replace every Unicode decimal digit (Arabic-Indic, Persian, ...) by its ASCII digit."""
    return "".join(str(unicodedata.decimal(ch)) if unicodedata.decimal(ch, None) is not None else ch for ch in text)


def fold(text: str) -> str:
    """Lower-case and strip accents, for comparing typed words with known words."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().strip())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_BSN_CANDIDATE = re.compile(r"(?<!\d)(\d[\s.\-]?){8}\d(?!\d)")


def looks_like_bsn(text: str) -> bool:
    """True when the text holds a 9-digit number that passes the BSN eleven-test.

    The chat must never receive a citizen service number (BSN); we refuse it before it
    is stored anywhere.
    """
    for match in _BSN_CANDIDATE.finditer(normalize_digits(text)):
        digits = [int(d) for d in re.sub(r"\D", "", match.group(0))]
        weights = [9, 8, 7, 6, 5, 4, 3, 2, -1]
        if sum(d * w for d, w in zip(digits, weights, strict=True)) % 11 == 0 and any(digits):
            return True
    return False


def parse_text(question: Question, raw: str) -> ParsedAnswer:
    text = " ".join(raw.split())
    rules = question.validation
    if looks_like_bsn(text):
        return ParsedAnswer(error="bsn")
    if rules.min_length is not None and len(text) < rules.min_length:
        return ParsedAnswer(error="too_short")
    if rules.max_length is not None and len(text) > rules.max_length:
        return ParsedAnswer(error="too_long")
    if not any(ch.isalpha() for ch in text):
        return ParsedAnswer(error="no_letters")
    return ParsedAnswer(value=text)


# Month names people type, folded (lower case, no accents). Dutch and English here; other
# languages' month names are added with their catalogs.
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        ("januari", "january", "jan"),
        ("februari", "february", "feb"),
        ("maart", "march", "mar", "mrt"),
        ("april", "apr"),
        ("mei", "may"),
        ("juni", "june", "jun"),
        ("juli", "july", "jul"),
        ("augustus", "august", "aug"),
        ("september", "sep", "sept"),
        ("oktober", "october", "okt", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ],
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _number

_NUMERIC_DMY = re.compile(r"^(\d{1,2})\s*[-/.\s]\s*(\d{1,2})\s*[-/.\s]\s*(\d{4})$")
_NUMERIC_YMD = re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$")
_WORD_MONTH = re.compile(r"^(\d{1,2})\s*[-.\s]?\s*([^\d\s.,-]+)\.?\s*[-,\s]?\s*(\d{4})$")


def _to_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def read_date(raw: str) -> date | None:
    """Read a calendar date written as day-month-year (Dutch order), year-month-day, or with a month name."""
    text = normalize_digits(raw).strip().rstrip(".")
    # Arabic comma and the Ethiopic word separator act as separators too.
    text = text.replace("،", " ").replace("፣", " ").replace("፡", " ")
    if m := _NUMERIC_DMY.match(text):
        return _to_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if m := _NUMERIC_YMD.match(text):
        return _to_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _WORD_MONTH.match(text):
        month = _MONTHS.get(fold(m.group(2)))
        if month is not None:
            return _to_date(int(m.group(3)), month, int(m.group(1)))
    return None


def _age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def parse_date(question: Question, raw: str, today: date | None = None) -> ParsedAnswer:
    today = today or date.today()
    parsed = read_date(raw)
    if parsed is None:
        return ParsedAnswer(error="date")
    if parsed > today:
        return ParsedAnswer(error="date_future")
    rules = question.validation
    age = _age_on(parsed, today)
    if (rules.min_age_years is not None and age < rules.min_age_years) or (
        rules.max_age_years is not None and age > rules.max_age_years
    ):
        return ParsedAnswer(error="date_age")
    return ParsedAnswer(value=parsed.isoformat())


def parse_choice(question: Question, raw: str) -> ParsedAnswer:
    """Match a button code, an option's label, or the option's number in the list."""
    typed = fold(normalize_digits(raw))
    for option in question.options:
        if typed in (fold(option.code), fold(option.label)):
            return ParsedAnswer(value=option.code)
    if typed.isdigit() and 1 <= int(typed) <= len(question.options):
        return ParsedAnswer(value=question.options[int(typed) - 1].code)
    return ParsedAnswer(error="choice")


# Number words people type instead of digits (0-20), folded. More languages come with their catalogs.
_NUMBER_WORDS: dict[str, int] = {}
for _language_words in (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty",
    "nul een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien zestien "
    "zeventien achttien negentien twintig",
    "صفر واحد اثنين ثلاثة اربعة خمسة ستة سبعة ثمانية تسعة عشرة",
    "ዜሮ ሓደ ክልተ ሰለስተ ኣርባዕተ ሓሙሽተ ሽዱሽተ ሸውዓተ ሸሞንተ ትሽዓተ ዓሰርተ",
):
    for _value, _word in enumerate(_language_words.split()):
        _NUMBER_WORDS[_word] = _value
# Common spelling variants.
_NUMBER_WORDS.update({"één": 1, "أربعة": 4, "اثنان": 2, "إثنين": 2, "ثلاث": 3, "خمس": 5, "عشر": 10})


def read_number(raw: str) -> int | None:
    """A whole number written with digits of any script, or as a word (0-20)."""
    text = normalize_digits(raw).strip().rstrip(".")
    if re.fullmatch(r"\d{1,6}", text):
        return int(text)
    word = fold(text)
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    return _NUMBER_WORDS.get(text)


def parse_number(question: Question, raw: str) -> ParsedAnswer:
    number = read_number(raw)
    if number is None:
        return ParsedAnswer(error="number")
    rules = question.validation
    if (rules.min_value is not None and number < rules.min_value) or (
        rules.max_value is not None and number > rules.max_value
    ):
        return ParsedAnswer(error="number_range")
    return ParsedAnswer(value=str(number))


def read_phone(raw: str) -> str | None:
    """A phone number in international form (+31612345678), from any usual way of writing it.

    Dutch numbers: 06-12345678, 06 1234 5678, (020) 123 4567, +31 6 12345678, 0031 6 12345678.
    Other countries only with their country code (+ or 00).
    """
    text = normalize_digits(raw).strip()
    if not re.fullmatch(r"[+\d(][\d\s().\-/]{6,24}", text):
        return None
    digits = re.sub(r"\D", "", text)
    if text.startswith("+"):
        international = digits
    elif digits.startswith("00"):
        international = digits[2:]
    elif digits.startswith("0") and len(digits) == 10:
        international = "31" + digits[1:]
    else:
        return None
    if international.startswith("31"):
        national = international[2:].removeprefix("0")  # +31 (0)6 ...
        if len(national) != 9 or national[0] == "0":
            return None
        return "+31" + national
    return "+" + international if 8 <= len(international) <= 15 else None


def parse_phone(question: Question, raw: str) -> ParsedAnswer:
    phone = read_phone(raw)
    return ParsedAnswer(value=phone) if phone else ParsedAnswer(error="phone")


def parse_answer(question: Question, raw: str, today: date | None = None) -> ParsedAnswer:
    if question.type == "date":
        return parse_date(question, raw, today)
    if question.type == "single_choice":
        return parse_choice(question, raw)
    if question.type == "number":
        return parse_number(question, raw)
    if question.type == "phone":
        return parse_phone(question, raw)
    return parse_text(question, raw)


def is_valid_stored_value(question: Question, value: object) -> bool:
    """Whether a value already parsed by the dialogue is well-formed for the question.

    The backend checks every value it receives, so a faulty or outdated client cannot
    store, say, an unknown municipality code or a malformed date.
    """
    if not isinstance(value, str) or not value:
        return False
    if question.type == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            return False
        return True
    if question.type == "single_choice":
        return question.option(value) is not None
    if question.type == "number":
        return parse_number(question, value).value == value
    if question.type == "phone":
        return read_phone(value) == value
    return parse_text(question, value).ok
