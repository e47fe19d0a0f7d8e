"""The words people use for their answers, one file per language: `locales/<code>/answers.yaml`.

This module loads those files into `Lexicon` objects and checks that each file has every key
(`check_lexicon`), so that a language lacking a word list fails a test instead of silently reading
less. Adding a language means adding one file (see README, "Adding a language").

Matching works on *normalised words* (`words_of`): lower case, no accents, every script's digits
as ASCII, and the letter variants people type interchangeably folded together (Arabic ي/ی/ى,
ك/ک, ة/ه, the hamza forms of alef; the Ethiopic laryngeals ሀ/ሐ/ኀ, አ/ዐ/ኣ and ሰ/ሠ, ጸ/ፀ).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from forms.schema import CHOICE_TYPES, load_schema

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
LEXICON_FILE = "answers.yaml"

Phrase = tuple[str, ...]


class _StringsLoader(yaml.SafeLoader):
    """YAML without its yes/no/on/off booleans: in these files "no" is a word, not False."""


_StringsLoader.yaml_implicit_resolvers = {
    key: [resolver for resolver in resolvers if resolver[0] != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# -- normalising what is typed ---------------------------------------------------------------------

_ARABIC_VARIANTS = str.maketrans(
    {
        **dict.fromkeys([*range(0x1F3FB, 0x1F400), 0xFE0F]),  # emoji skin tones and presentation selector
        "ي": "ی",
        "ى": "ی",
        "ئ": "ی",
        "ك": "ک",
        "ة": "ه",
        "ۀ": "ه",
        "ؤ": "و",
        "ـ": None,
        "\u200c": None,  # the zero-width non-joiner inside Persian words ("می‌کنم") joins
        "\u200f": None,
        "؟": "?",  # the Arabic question mark
        "ı": "i",  # Turkish dotless i: people type Turkish without its letters ("nasil" for "nasıl")
    }
)
# Ethiopic syllables come in rows of eight (the seven vowel orders and a labialised form). Rows
# people use for the same sound are folded onto one: ሐ and ኀ onto ሀ, ዐ onto አ, ሠ onto ሰ, ፀ onto ጸ;
# and Tigrinya's ኸ and ቐ (ከ and ቀ after a vowel) onto ከ and ቀ: "ማእኸላይ" is "ማእከላይ" (medium).
_ETHIOPIC_ROWS = {
    0x1210: 0x1200,
    0x1280: 0x1200,
    0x12D0: 0x12A0,
    0x1220: 0x1230,
    0x1340: 0x1338,
    0x12B8: 0x12A8,
    0x1250: 0x1240,
}


def _fold_ethiopic(char: str) -> str:
    code = ord(char)
    row, order = code & ~7, code & 7
    row = _ETHIOPIC_ROWS.get(row, row)
    # The first and fourth order of the laryngeals (ሀ/ሃ, አ/ኣ) are the same sound in writing practice.
    if row in (0x1200, 0x12A0) and order == 3:
        order = 0
    return chr(row + order)


def ascii_digits(text: str) -> str:
    """Every Unicode decimal digit (Arabic-Indic, Persian, ...) as its ASCII digit."""
    return "".join(str(unicodedata.decimal(ch)) if unicodedata.decimal(ch, None) is not None else ch for ch in text)


@cache
def cldr_locales() -> tuple[str, ...]:
    """The Babel locales of the conversation languages (locales/languages.yaml): where CLDR's
    month, weekday, country and language names are read from."""
    from locales import languages

    return tuple(lang.code for lang in languages())


def normalize(text: str) -> str:
    """Lower case, no accents or hamza, ASCII digits, folded letter variants, single spaces."""
    text = _ethiopic_numerals(ascii_digits(text))
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("’", "'").replace("‘", "'"))
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    text = unicodedata.normalize("NFC", text).translate(_ARABIC_VARIANTS)
    text = "".join(_fold_ethiopic(ch) if "\u1200" <= ch <= "\u137f" and ch not in _ETHIOPIC_PUNCTUATION else ch
                   for ch in text)  # fmt: skip
    return " ".join(text.split())


_ETHIOPIC_PUNCTUATION = set("፠፡።፣፤፥፦፧፨")
_ETHIOPIC_DIGITS = {chr(0x1369 + i): i + 1 for i in range(9)}
_ETHIOPIC_TENS = {chr(0x1372 + i): (i + 1) * 10 for i in range(9)}
_ETHIOPIC_NUMBER = re.compile("[\u1369-\u137c]+")


def _ethiopic_numeral_value(numeral: str) -> int:
    """Ethiopic numerals (፲፱፻፹፪ = 1982): units and tens, ፻ (100) and ፼ (10,000) multiply."""
    total, group, current = 0, 0, 0
    for ch in numeral:
        if ch in _ETHIOPIC_DIGITS:
            current += _ETHIOPIC_DIGITS[ch]
        elif ch in _ETHIOPIC_TENS:
            current += _ETHIOPIC_TENS[ch]
        elif ch == "፻":
            group += (current or 1) * 100
            current = 0
        elif ch == "፼":
            total += (group + current or 1) * 10000
            group, current = 0, 0
    return total + group + current


def _ethiopic_numerals(text: str) -> str:
    return _ETHIOPIC_NUMBER.sub(lambda m: f" {_ethiopic_numeral_value(m.group(0))} ", text)


# "9years", "grade9", "12ይ", "2018'de": a number and the word stuck to it are two words.
# A number and the letters stuck to it are two words ("15ka", "1den", "3rd"); not a single Arabizi
# digit between Latin letters, which is a letter there ("ya3ni", "ba3don", "jam3a": 3 is ع).
_DIGIT_LETTER = re.compile(r"(\d)'?([^\W\d_])")
_LETTER_DIGIT = re.compile(r"([^\W\d_])(\d)")
_ARABIZI_INSIDE = re.compile(r"(?<=[a-z])([235789])(?=[a-z])")
_STAND_IN = dict(zip("235789", "ϩϫϭϯϣϥ", strict=True))
# A single Arabizi digit at the start or the end of a Latin word ("3ndi", "3ashr", "mnee7",
# "3ira2"); not a number with its suffix ("3rd", "5th", "3aad", "8gna", "3ten", "5am").
_ARABIZI_EDGE = re.compile(r"(?<![\w])([2357])?([a-zϩϫϭϯϣϥ]{2,})([2357])?(?![\w])")
_NUMBER_SUFFIXES = frozenset(
    [
        "nd",
        "rd",
        "th",
        "st",
        "e",
        "er",
        "eme",
        "de",
        "ste",
        "te",
        "ten",
        "tan",
        "den",
        "dan",
        "aad",
        "gna",
        "nya",
        "yem",
        "an",
        "am",
        "pm",
        "ci",
        "inci",
        "nci",
        "ka",
        "ad",
        "uur",
        "jaar",
        "jr",
        "yr",
        "yrs",
        "km",
        "kg",
        "min",
        "eur",
        "euro",
        "ans",
        "sana",
        "sane",
        "sal",
        "saal",
        "kids",
        "ma",  # Pashto "3ma" (the third)
        "om",  # Persian "3om" (the third)
    ]
)


def _arabizi_edge(match: re.Match[str]) -> str:
    first, letters, last = match.groups()
    if (first and letters in _NUMBER_SUFFIXES) or not any(vowel in letters for vowel in "aeiou"):
        return match.group(0)  # "3rd", "JSS3" (a school year): a number with letters, no Arabizi
    return (_STAND_IN[first] if first else "") + letters + (_STAND_IN[last] if last else "")


_STAND_BACK = str.maketrans({letter: digit for digit, letter in _STAND_IN.items()})
_WORD = re.compile(r"[\w'@.+\-/€?$]+|[^\w\s]")


def words_of(text: str) -> list[str]:
    """The normalised words of a message; punctuation apart, except inside words and numbers."""
    words = []
    # The Arabizi digits stand in for letters (Coptic ones, never typed here) while words are split.
    kept = _ARABIZI_INSIDE.sub(lambda m: _STAND_IN[m.group(1)], normalize(text).replace("€", " € "))
    kept = _ARABIZI_EDGE.sub(_arabizi_edge, kept)
    spaced = _DIGIT_LETTER.sub(r"\1 \2", _LETTER_DIGIT.sub(r"\1 \2", kept)).translate(_STAND_BACK)
    for word in _WORD.findall(spaced):
        stripped = word.strip(".,'-/")
        if any(ch.isalnum() for ch in stripped) and stripped.endswith("?"):
            # "is er iemand?": the question mark is no part of the word.
            words += [stripped.rstrip("?").strip(".,'-/"), "?"]
        elif any(ch.isalnum() for ch in stripped):
            words.append(stripped)
        elif word.strip("?") == "":  # "?", "??": a question mark of its own
            words.append("?")
        elif word == "€" or unicodedata.category(word[0]) == "So":  # emoji: 👍 ✔ ❌
            words.append(word)
    return words


def phrase(text: str) -> Phrase:
    return tuple(words_of(text))


# -- the per-language files ------------------------------------------------------------------------

# The keys every file must have: meanings, then nested lists.
WORD_LISTS = ("yes", "no", "have", "have_not", "none", "dont_know", "decline", "corrections", "age_phrases",
              "number_joiners", "half", "less_than_one", "every_day", "except", "until", "name_introductions",
              "greetings", "sorry", "only", "talk_words", "person_words", "no_before_verb", "filler",
              "surname_labels", "others_know", "busy", "name_asides", "question_words", "after_time",
              "own_language", "not_words", "papers", "spelling_words", "titles", "because",
              "self_introductions", "age_since", "in_total", "next_one", "or_words", "surname_first")  # fmt: skip
# Lists a language may have none of, said as an empty list: Turkish and Amharic say "not" after
# the word, so no word of "not" stands before an option's words.
MAY_BE_EMPTY = frozenset({"not_words"})
REQUESTS = ("back", "help", "pause", "person", "skip", "language")
UNITS = ("year", "month", "euro", "grade")
EMAIL = ("at", "dot", "underscore", "dash")
DAY_PARTS = ("morning", "afternoon", "whole_day")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
CALENDAR_LISTS = ("ethiopian_marker", "solar_hijri_marker")
CALENDAR_MONTHS = ("ethiopian_months", "solar_hijri_months")
# Feasts a date is given by (forms/readers/feasts.py), and the words that put a date before,
# after or a day beside one.
FEASTS = ("newroz", "yalda", "christmas", "ethiopian_christmas", "timket", "meskel", "ethiopian_new_year", "easter",
          "orthodox_easter", "eid_al_fitr", "eid_al_adha", "ramadan")  # fmt: skip
AROUND_FEASTS = ("after", "before", "day_after", "day_before")
# Option lists and questions whose options come from elsewhere (municipalities.yaml, CLDR).
OPTIONS_FROM_ELSEWHERE = frozenset({"municipalities", "countries"})
# Questions read by weekday and part of day instead of by option descriptions.
WEEK_PARTS_QUESTIONS = frozenset({"availability"})


@dataclass(frozen=True)
class Lexicon:
    """One language's words, as normalised phrases."""

    code: str
    also: tuple[str, ...]
    lists: dict[str, tuple[Phrase, ...]]
    requests: dict[str, tuple[Phrase, ...]]
    fields: dict[str, tuple[Phrase, ...]]
    approximately_before: tuple[Phrase, ...]
    approximately_after: tuple[Phrase, ...]
    months: dict[int, tuple[Phrase, ...]]
    calendars: dict[str, Any]
    numbers: dict[Phrase, int]
    # Ordinal words ("seventh"), for dates only: as numbers they would make "secondary" a 2.
    ordinals: dict[Phrase, int]
    units: dict[str, tuple[Phrase, ...]]
    options: dict[str, dict[str, tuple[Phrase, ...]]]
    weekdays: dict[str, tuple[Phrase, ...]]
    day_parts: dict[str, tuple[Phrase, ...]]
    countries: dict[str, tuple[Phrase, ...]]
    name_introductions: tuple[Phrase, ...] = field(default=())
    name_endings: tuple[Phrase, ...] = field(default=())
    # How people spell "@" and "." of an e-mail address: {"at": ..., "dot": ...}.
    email_words: dict[str, tuple[Phrase, ...]] = field(default_factory=dict)
    # The forms of a negated verb, as (prefix, suffix) of one word: ("አል", "ም") for "አላመለከትኩም".
    negated_verbs: tuple[tuple[str, str], ...] = ()


def _phrases(values: Any) -> tuple[Phrase, ...]:
    result = []
    for value in values or ():
        for spelling in str(value).split("/") if "/" in str(value) and len(str(value)) > 3 else [str(value)]:
            if p := phrase(spelling):
                result.append(p)
    return tuple(dict.fromkeys(result))


def _phrase_map(raw: Any) -> dict[str, tuple[Phrase, ...]]:
    return {str(key): _phrases(values) for key, values in (raw or {}).items()}


def _numbers(raw: dict[Any, Any]) -> dict[Phrase, int]:
    table: dict[Phrase, int] = {}
    for value, spellings in raw.items():
        for spelling in str(spellings).split("/"):
            if p := phrase(spelling):
                table.setdefault(p, int(value))
    return table


def lexicon_path(code: str) -> Path:
    return LOCALES_DIR / code / LEXICON_FILE


def read_lexicon_file(code: str) -> dict[str, Any]:
    # A SafeLoader subclass (only its boolean words removed): safe like yaml.safe_load.
    data: dict[str, Any] = yaml.load(lexicon_path(code).read_text(encoding="utf-8"), Loader=_StringsLoader)  # noqa: S506
    return data


@cache
def load_lexicon(code: str) -> Lexicon:
    raw = read_lexicon_file(code)
    calendars = raw.get("calendars") or {}
    return Lexicon(
        code=code,
        also=tuple(raw.get("also") or ()),
        lists={name: _phrases(raw.get(name)) for name in (*WORD_LISTS, "none")},
        requests=_phrase_map(raw.get("requests")),
        fields=_phrase_map(raw.get("fields")),
        approximately_before=_phrases((raw.get("approximately") or {}).get("before")),
        approximately_after=_phrases((raw.get("approximately") or {}).get("after")),
        months={int(k): _phrases(v) for k, v in (raw.get("months") or {}).items()},
        calendars={
            **{name: _phrases(calendars.get(name)) for name in CALENDAR_LISTS},
            **{name: {int(k): _phrases(v) for k, v in (calendars.get(name) or {}).items()} for name in CALENDAR_MONTHS},
            "feasts": _phrase_map(calendars.get("feasts")),
            "around_feasts": _phrase_map(calendars.get("around_feasts")),
        },
        numbers=_numbers(raw.get("numbers") or {}),
        ordinals=_numbers(raw.get("ordinals") or {}),
        units=_phrase_map(raw.get("units")),
        options={key: _phrase_map(codes) for key, codes in (raw.get("options") or {}).items()},
        weekdays=_phrase_map(raw.get("weekdays")),
        day_parts=_phrase_map(raw.get("day_parts")),
        countries=_phrase_map(raw.get("countries")),
        name_introductions=_phrases(raw.get("name_introductions")),
        name_endings=_phrases(raw.get("name_endings")),
        email_words=_phrase_map(raw.get("email_words")),
        negated_verbs=tuple(_affixes(raw.get("negated_verbs"))),
    )


def _affixes(values: Any) -> list[tuple[str, str]]:
    """ "አል…ም" -> ("አል", "ም"), normalised like the words they are compared with."""
    pairs = []
    for value in values or ():
        prefix, _, suffix = str(value).partition("…")
        pairs.append((normalize(prefix).replace(" ", ""), normalize(suffix).replace(" ", "")))
    return pairs


def lexicon_languages() -> list[str]:
    return sorted(path.parent.name for path in LOCALES_DIR.glob(f"*/{LEXICON_FILE}"))


@cache
def lexicons_for(code: str) -> tuple[Lexicon, ...]:
    """The conversation language's lexicon first, then the ones its speakers mix in, then English."""
    order = [code, *read_lexicon_file(code).get("also", [])] if lexicon_path(code).exists() else []
    order.append("en")
    return tuple(load_lexicon(c) for c in dict.fromkeys(order) if lexicon_path(c).exists())


@cache
def all_lexicons() -> tuple[Lexicon, ...]:
    return tuple(load_lexicon(code) for code in lexicon_languages())


@cache
def other_lexicons(code: str) -> tuple[Lexicon, ...]:
    """The lexicons of every other language: read only when the person's own found nothing
    (an Arabic word in the English chat, a Dutch number in the Tigrinya one)."""
    own = {lex.code for lex in lexicons_for(code)}
    return tuple(lex for lex in all_lexicons() if lex.code not in own)


@cache
def option_keys() -> dict[str, tuple[str, ...]]:
    """Every option list or question whose options a lexicon must describe, with its codes."""
    schema = load_schema()
    keys: dict[str, tuple[str, ...]] = {}
    data = yaml.safe_load((Path(__file__).parent / "intake.yaml").read_text(encoding="utf-8"))
    list_of = {}
    for section in data["sections"]:
        for raw in section["questions"]:
            for q in [raw, *raw.get("questions", [])]:
                if "options_from" in q:
                    list_of[q["id"]] = q["options_from"]
    for question in schema.questions:
        if question.type not in CHOICE_TYPES or question.id in WEEK_PARTS_QUESTIONS:
            continue
        source = list_of.get(question.id)
        if source in OPTIONS_FROM_ELSEWHERE:
            continue
        keys[source or question.id] = tuple(o.code for o in question.options)
    return keys


def check_lexicon(code: str) -> list[str]:
    """What the language's file lacks: an empty list when it is complete."""
    raw = read_lexicon_file(code)
    problems = []
    if raw.get("language") != code:
        problems.append(f"language: should be {code!r}")
    for name in (*WORD_LISTS, "none"):
        if name in MAY_BE_EMPTY and name in raw:
            continue
        if not raw.get(name):
            problems.append(f"{name}: no words")
    for name, keys in (("requests", REQUESTS), ("units", UNITS), ("day_parts", DAY_PARTS), ("email_words", EMAIL)):
        for key in keys:
            if not (raw.get(name) or {}).get(key):
                problems.append(f"{name}.{key}: no words")
    calendars = raw.get("calendars") or {}
    feast_lists: tuple[tuple[str, tuple[str, ...]], ...] = (("feasts", FEASTS), ("around_feasts", AROUND_FEASTS))
    for name, wanted in feast_lists:
        present = calendars.get(name) or {}
        problems += [f"calendars.{name}.{code}: no words" for code in wanted if not present.get(code)]
    if not (raw.get("approximately") or {}).get("before"):
        problems.append("approximately.before: no words")
    numbers = {int(k) for k in (raw.get("numbers") or {})}
    problems += [f"numbers.{n}: missing" for n in [*range(21), 30, 40, 50, 60, 70, 80, 90] if n not in numbers]
    ordinals = {int(k) for k in (raw.get("ordinals") or {})}
    problems += [f"ordinals.{n}: missing" for n in range(1, 13) if n not in ordinals]
    for key, codes in option_keys().items():
        described = (raw.get("options") or {}).get(key) or {}
        problems += [f"options.{key}.{c}: no words" for c in codes if not described.get(c)]
    for name in ("fields", "weekdays", "countries", "months", "calendars", "negated_verbs"):
        if name not in raw:
            problems.append(f"{name}: missing (may be empty)")
    return problems
