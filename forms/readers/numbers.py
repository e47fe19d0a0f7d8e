"""Whole numbers inside a sentence: digits of any script or words, with their unit.

"9 years", "nine", "٩ سنوات", "ሓሙሽተ ዓመት", "twenty-five", "from 2010 to 2015" (5 years),
"half a year" (0 years), "650 euro", "2 no sorry 3" (3: the correction counts).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from forms.lexicon import all_lexicons, ascii_digits, lexicons_for, words_of
from forms.readers.matching import PhraseIndex, find, find_in, index_for
from forms.readers.reading import Reading, refused
from forms.readers.sounds import arabizi_word
from forms.schema import Question

_DIGITS = re.compile(r"^\d{1,7}(?:[.,]\d+)?$")
_YEAR_RANGE = re.compile(r"^((?:19|20)\d\d)\s*-\s*((?:19|20)\d\d)$")


@dataclass(frozen=True)
class Number:
    value: float
    start: int
    end: int
    unit: str | None = None


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
    digit_ends = {n.end for n in found}
    # A word stuck to digits is a suffix, not a number ("2003'ten": Turkish "from", not "ten").
    # Number words of other languages only in a short message ("iki" in the English chat): in a
    # sentence they are words of the person's own language ("on" is Turkish ten, French "one").
    named = find(words, index_for(language, "numbers"))
    if not named and len(words) <= 3:
        named = find(words, index_for(language, "numbers", others=True))
    # (A short or inexact word only: "2020, saddex sano" is 2020, then three years; "۱۵، هفته
    # پیش" is 15, then "last week".)
    spelled = [
        Number(float(m.key), m.start, m.end)
        for m in named
        if m.start not in digit_ends or (len(words[m.start]) > 3 and m.exact)
    ]
    # "zeshonderdtwintig" (620), "negentienhonderdnegentig": Dutch writes a number as one word.
    covered_words = {i for m in named for i in range(m.start, m.end)} | {n.start for n in found}
    for i, word in enumerate(words):
        if i not in covered_words and (value := _compound_number(word, language)) is not None:
            spelled.append(Number(value, i, i + 1))
    spelled.sort(key=lambda n: n.start)
    if language in _UNITS_BEFORE_TENS:
        spelled = _units_before_tens(spelled)
    # Join the words of one number: "twenty five", "vingt et un", "five and twenty" (Arabic,
    # Kurdish order), "mille neuf cent quatre-vingt-dix", "nineteen ninety three" (a year).
    joined: list[Number] = []
    for number in spelled:
        if joined:
            last = joined[-1]
            between = words[last.end : number.start]
            adjacent = number.start == last.end or (all(w in joiners for w in between) and len(between) <= 1)
            value = _joined(last.value, number.value, said_and=bool(between) or words[number.start].startswith("و"))
            if adjacent and value is not None:
                joined[-1] = Number(value, last.start, number.end)
                continue
        joined.append(number)
    return sorted(found + joined, key=lambda n: n.start)


# Pashto says the unit before the ten without "and": "پنځه نوي" (five ninety) is 95, "شپږ سوه
# پنځه نوي" 695.
_UNITS_BEFORE_TENS = frozenset({"ps"})


def _units_before_tens(spelled: list[Number]) -> list[Number]:
    merged: list[Number] = []
    for number in spelled:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.end == number.start
            and 1 <= last.value <= 9
            and number.value % 10 == 0
            and 20 <= number.value <= 90
        ):
            merged[-1] = Number(last.value + number.value, last.start, number.end)
            continue
        merged.append(number)
    return merged


def _compound_number(word: str, language: str) -> float | None:
    """The value of number words written together as one word ("zeshonderdtwintig": zes, honderd,
    twintig), when the whole word is made of the language's number words (and "en": "eenenzestig")."""
    if len(word) < 7 or not word.isalpha():
        return None
    table = _one_word_numbers(language)
    parts = _number_parts(word, tuple(table))
    if parts is None or len(parts) < 2:
        return None
    values = [table[p] for p in parts if p != "en"]
    total = float(values[0])
    for value in values[1:]:
        joined = _joined(total, float(value), said_and=False)
        if joined is None:
            return None
        total = joined
    return total


@cache
def _one_word_numbers(language: str) -> dict[str, int]:
    """The language's number words of one word, longest first."""
    table = {p[0]: value for lex in lexicons_for(language) for p, value in lex.numbers.items() if len(p) == 1}
    return dict(sorted(table.items(), key=lambda item: -len(item[0])))


def _number_parts(word: str, known: tuple[str, ...]) -> list[str] | None:
    """`word` as a sequence of `known` words (longest first, with "en" between), or None."""
    if not word:
        return []
    for part in (*known, "en"):
        if len(part) >= 2 and word.startswith(part) and (rest := _number_parts(word[len(part) :], known)) is not None:
            return [part, *rest]
    return None


def _joined(last: float, number: float, said_and: bool) -> float | None:
    """The value of two number words said one after the other as one number, or None when they
    are two numbers ("ስድስት ስድሳ", six sixty: a phone number's digits)."""
    small = last % 1000  # the part a "hundred" multiplies: 1000 + 9 hundred
    if number == 1000 and 0 < last < 1000:
        return last * 1000  # "two thousand", "iki bin"
    if number == 100 and 0 < small < 100 and (last < 100 or small < 10):
        return last - small + small * 100  # "six hundred", "negentien honderd", "kun sagaal boqol"
    if last >= 1000 and last % 1000 == 0 and 0 < number < 1000:
        return last + number  # "mille neuf cent", "two thousand and ten"
    if last >= 100 and last % 100 == 0 and 0 < number < 100:
        return last + number  # "ششصد و پنجاه", "six hundred and fifty", "1900 and 85"
    if last % 10 == 0 and last % 100 != 0 and 0 < number < 10:
        # Ten counts as tens too: "toban iyo siddeed" (Somali: ten and eight); "ninety three".
        return last + number
    if said_and and number % 10 == 0 and 10 <= number <= 90 and 0 < last % 100 < 10:
        # Units before tens only with "and" between: "خمسة وعشرين", "shan iyo labaatan".
        return last + number
    if not said_and and last in (19, 20) and 10 <= number <= 99:
        return last * 100 + number  # "nineteen ninety", "twenty twenty": a year said the short way
    return None


def _unit_after(words: list[str], number: Number, units: PhraseIndex) -> str | None:
    window = words[number.end : number.end + 2]
    before = words[max(0, number.start - 2) : number.start]
    for match in find(window, units):
        if match.start == 0:
            return match.key
    for match in find(before, units):
        if match.end == len(before) and match.key in ("euro", "grade"):
            return match.key  # "€650", "grade 9"
    return None


def _said_as(words: list[str], language: str, kind: str) -> bool:
    return bool(find_in(words, language, kind))


def _until_between(words: list[str], a: Number, b: Number, language: str) -> bool:
    between = words[a.end : b.start]
    return 1 <= len(between) <= 3 and bool(find(between, index_for(language, "until")))


def _or_between(words: list[str], a: Number, b: Number, language: str) -> bool:
    between = words[a.end : b.start]
    # The person's own words only: Arabic "او" (or) is Pashto "او" (and).
    return 1 <= len(between) <= 3 and bool(find(between, index_for(language, "or_words"), exact_only=True))


def _correction_between(words: list[str], a: Number, b: Number, language: str) -> bool:
    return bool(find_in(words[a.end : b.start], language, "number_corrections"))


def _denied_at_the_end(words: list[str], last: Number, language: str) -> bool:
    """ "… 20 years, 21 no", "74, 72 değil": a "no" or "not" after the last number (and its unit),
    ending the message, says that number is the wrong one (the person's own words only)."""
    after = words[last.end :]
    if after and last.unit is not None:
        after = after[1:]
    found = find(after, index_for(language, "number_corrections"), exact_only=True)
    return bool(after) and any(m.start == 0 and m.end == len(after) for m in found)


def _not_before(words: list[str], last: Number, language: str) -> bool:
    """ "5 years, not 6", "60 niet 61", "٢٠١٧ مو ٢٠١٦": a word of "not" (`no_before_verb`, not
    "no": "2, no, 3" puts it right) right before the last number."""
    found = find(words[: last.start], index_for(language, "no_before_verb"), exact_only=True)
    return any(m.end == last.start for m in found)


def read_number(question: Question, text: str, language: str, born: int | None = None) -> Reading:
    """The number the question asks for. A question with a maximum of 60 or less counts years:
    there "half a year" and "less than one year" are 0, months are counted in whole years, two
    calendar years are the years between them, and several periods add up ("6 years primary
    and 3 years preparatory" is 9; "... so 9" says the total itself)."""
    if language == "ar":
        # "la 7ad" (until): no 7 in it; "3ashrin" (twenty) is a number word as typed.
        number_words = index_for(language, "numbers")
        text = " ".join(
            word if find(list(words_of(word)), number_words) else arabizi_word(word) for word in text.split()
        )
    words = words_of(text)
    units = index_for(language, "units")
    numbers = [Number(n.value, n.start, n.end, _unit_after(words, n, units)) for n in numbers_in(words, language)]
    years_question = (question.validation.max_value or 0) <= 60
    # "two years and some months" is two; the "one year" of "less than one year" is no whole year.
    below_one = {i for m in find_in(words, language, "less_than_one") for i in range(m.start, m.end)}
    whole_years = [n for n in numbers if n.unit == "year" and n.value >= 1 and n.start not in below_one]
    if (
        years_question
        and not whole_years  # "two years and some months" is two
        and (_said_as(words, language, "less_than_one") or (not numbers and _said_as(words, language, "half")))
    ):
        return _in_range(question, 0, 0.9)
    if not numbers:
        return refused("number")
    if (
        len(numbers) == 2
        and numbers[0].value != numbers[1].value
        and _or_between(words, numbers[0], numbers[1], language)
    ):
        # "2 ou 3 ans", "iki yıl mı üç yıl mı": not sure which, never the two added up. With "I
        # don't remember" no number (the person's words are kept); else the last, checked.
        if any(m.key == "dont_know" for m in find_in(words, language, "no_answers", exact_only=True)):
            return Reading(no_answer="dont_know", certainty=0.9)
        return _in_range(question, int(numbers[1].value), 0.7)
    calendar_years = [
        n for n in numbers if n.value == int(n.value) and (1940 <= n.value <= 2030 or 1300 <= n.value <= 1420)
    ]
    counted = [n for n in whole_years if n not in calendar_years]
    if (
        (question.validation.max_value or 0) in range(100, 131)  # an age
        and len(numbers) == 2
        and len(calendar_years) == 1
        and (age := next(n for n in numbers if n not in calendar_years)).value == int(age.value)
        and abs(date.today().year - calendar_years[0].value - age.value) <= 1
    ):
        # "born in 1958, so 68", "2009 doğumlu, 17": the year of birth, and the age it gives.
        return _in_range(question, int(age.value), 0.9)
    if years_question and len(counted) == 1 and len(calendar_years) == 2 and len(numbers) == 3:
        # "two years, from 2019 to 2021", "۱۴ سال از ۱۳۸۸ تا ۱۴۰۲": the years counted, and when;
        # checked with the person when the two do not agree.
        between = abs(int(calendar_years[1].value - calendar_years[0].value))
        return _whole(question, counted[0], 0.9 if abs(between - counted[0].value) <= 1 else 0.7)
    if years_question and len(calendar_years) == 2 and len(numbers) == 2:
        return _in_range(question, abs(int(calendar_years[1].value - calendar_years[0].value)), 0.7)
    if years_question and len(numbers) == 2 and find_in(words, language, "age_since"):
        # "depuis mes 14 ans jusqu'à 17 ans", "la 14 kalanay na tar 23 kalanay": from one age to
        # another; "14 jir ayaan ka bilaabay ilaa 2016" (from 14 years old until 2016) with the
        # year of birth the person gave. Checked with the person.
        ages = [n for n in numbers if n not in calendar_years and n.value == int(n.value) and 5 <= n.value <= 70]
        if len(ages) == 2 and _until_between(words, numbers[0], numbers[1], language):
            return _in_range(question, int(ages[1].value - ages[0].value), 0.7)
        if len(ages) == 1 and len(calendar_years) == 1 and born is not None and calendar_years[0].value >= 1900:
            return _in_range(question, int(calendar_years[0].value) - (born + int(ages[0].value)), 0.7)
    if (
        years_question
        and len(calendar_years) == 1
        and len(numbers) == 2
        and _until_between(words, numbers[0], numbers[1], language)
    ):
        # "از مهر ۸۸ تا ۱۴۰۰" (from Mehr 88 until 1400), "from 98 until 2005": a year written with
        # two digits beside one written whole is of the same century (or the one before).
        short = next(n for n in numbers if n not in calendar_years)
        whole = int(calendar_years[0].value)
        if short.value == int(short.value) and 0 <= short.value < 100:
            year = whole // 100 * 100 + int(short.value)
            if (year > whole) == (short.start < calendar_years[0].start):
                year += -100 if year > whole else 100
            return _in_range(question, abs(whole - year), 0.7)
    if years_question and (total := _total_said_last(words, numbers, language)) is not None:
        # "van 2005 tot 2020, 15 jaar, met een pauze van een jaar, zeg maar 14", "2014'ten 2022'ye
        # kadar, arada 2 yıl işsiz, toplam 6": the total the person settles on. Checked.
        return _whole(question, total, 0.7)
    if years_question and (count := _count_beside_a_span(words, numbers, calendar_years, language)) is not None:
        # "markii aan 14 jiray ilaa 2020, saddex sano" (from 14 years old until 2020, three
        # years), "14 yaşımdan savaşa kadar, 2 yıl": the years counted, beside when.
        return _whole(question, count, 0.8)
    if (
        years_question
        and len(numbers) == 2
        and not calendar_years
        and _until_between(words, numbers[0], numbers[1], language)
    ):
        # "from grade 1 to grade 9", "ካብ 1ይ ክሳብ 12 ክፍሊ": the years from the first to the last.
        first, last = sorted(int(n.value) for n in numbers)
        if any(m.key == "grade" for m in find(words, units)):
            return _in_range(question, last - first + 1 if first >= 1 else last - first, 0.7)
        return _in_range(question, last, 0.6)  # "2 to 3 years": the most, checked with the person
    if len(numbers) == 1:
        chosen, certainty = numbers[0], (1.0 if len(words) == 1 else 0.9)
        return _whole(question, chosen, certainty)
    if len(numbers) == 2 and (
        _denied_at_the_end(words, numbers[-1], language) or _not_before(words, numbers[-1], language)
    ):
        # "shil kala de, yaw wisht na" (20 years, 21 no), "5 years, not 6": the last one is wrong.
        return _whole(question, numbers[0], 0.9)
    if _correction_between(words, numbers[-2], numbers[-1], language):
        return _whole(question, numbers[-1], 0.9)  # "2 no sorry 3"
    if question.validation.adds_up and _each_with_its_school(words, numbers, language):
        # "5 ilkokul 3 ortaokul 3 lise", "6 primaire + 6 secondaire": the total.
        return _in_range(question, int(sum(n.value for n in numbers)), 0.9)
    if numbers[-1].value == sum(n.value for n in numbers[:-1]):
        return _whole(question, numbers[-1], 0.9)  # "6 primary, 6 secondary, 2 institute: 14"
    if len(numbers) >= 3 and numbers[0].value == sum(n.value for n in numbers[1:]):
        return _whole(question, numbers[0], 0.9)  # "12 years, 6 primary and 6 secondary"
    if question.validation.adds_up and _added(text, words, numbers, language):
        # "12 ዓመት ቤት ትምህርቲ + 4 ዩኒቨርሲቲ", "12 sano iskuul iyo 4 jaamacad": the total.
        return _in_range(question, int(sum(n.value for n in numbers)), 0.7)
    if _settles_on_last(words, numbers, language):
        return _whole(question, numbers[-1], 0.7)  # "2 or 3, I think 3", "more than 20, about 25"
    periods = [n for n in numbers if n.unit in ("year", "month")]
    if years_question and len(periods) >= 2:
        years = [n.value / 12 if n.unit == "month" else n.value for n in periods]
        if len(numbers) > len(periods) and numbers[-1].unit is None and numbers[-1].value == sum(years):
            return _in_range(question, int(numbers[-1].value), 0.9)  # "..., so 9"
        return _in_range(question, int(sum(years)), 0.7)
    with_unit = [n for n in numbers if n.unit in ("year", "euro")]
    if len(with_unit) == 1:
        return _whole(question, with_unit[0], 0.8)
    digits = [n for n in numbers if words[n.start].replace(".", "").replace(",", "").isdigit()]
    if len(digits) == 1:
        return _whole(question, digits[0], 0.8)  # "een", "bir", "un" are also "a"
    return refused("number")


_PLUS = re.compile(r"\d\s*\+\s*\d|\+\s*\d")


def _added(text: str, words: list[str], numbers: list[Number], language: str) -> bool:
    """Whether the numbers (two to four, none a calendar year) are said as parts of one total:
    a "+" between them, or "plus" or "and" (`number_joiners`) among the words between each two."""
    if not 2 <= len(numbers) <= 4 or any(n.value > 30 or n.value != int(n.value) for n in numbers):
        return False
    if any(n.value == 1 and not words[n.start].isdigit() for n in numbers):
        return False  # "un", "a", "one" are also "a" ("primaire et un peu collège")
    if _PLUS.search(ascii_digits(text)):
        return True
    joiners = index_for(language, "number_joiners")
    for before, after in itertools.pairwise(numbers):
        between = words[before.end : after.start]
        if not between or len(between) > 4 or not ("plus" in between or find(between, joiners, exact_only=True)):
            return False
    return True


def _each_with_its_school(words: list[str], numbers: list[Number], language: str) -> bool:
    """Whether each of two to four small numbers is followed by the school it counts ("6 seretayî
    3 navîn 3 amadeyî"): the words that describe the levels of education in the word files."""
    if not 2 <= len(numbers) <= 4 or any(n.value > 20 for n in numbers):
        return False
    schools = find(words, _school_words(language))
    return all(any(0 <= m.start - n.end <= 1 for m in schools) for n in numbers)


@cache
def _school_words(language: str) -> PhraseIndex:
    """The words that describe a level of education (`options: education_level`), as one index."""
    phrases = [
        p
        for lex in lexicons_for(language)
        for options in [lex.options.get("education_level", {})]
        for described in options.values()
        for p in described
    ]
    return PhraseIndex({"school": phrases})


def _total_said_last(words: list[str], numbers: list[Number], language: str) -> Number | None:
    """The last number, said right after a word of "in total" / "let's say" at the end."""
    last = numbers[-1]
    if last.end < len(words) - 2 or last.value != int(last.value) or 1900 <= last.value <= 2100:
        return None
    totals = find_in(words, language, "in_total", exact_only=True)
    return last if any(m.end in (last.start, last.start - 1) for m in totals) else None


def _count_beside_a_span(
    words: list[str], numbers: list[Number], calendar_years: list[Number], language: str
) -> Number | None:
    """The one number of years said with its unit beside the years or ages that say when."""
    ages = find_in(words, language, "age_since")
    # An age word after its number ("ده سالگی") or before it ("from the age of 12"); one after a
    # number is that number's, not the next one's ("… چهل سالگی، سی سال": thirty years).
    owned = {m.start for m in ages if any(o.end == m.start for o in numbers)}
    aged = [n for n in numbers if any(m.start == n.end or (m.end == n.start and m.start not in owned) for m in ages)]
    when = [n for n in numbers if n in calendar_years or n in aged]
    counted = [n for n in numbers if n not in when and n.unit == "year"]
    # The others say when: calendar years, or ages (said with their words, or bare beside them).
    others_bare = all(n in when or n.unit is None for n in numbers if n not in counted)
    if when and len(counted) == 1 and others_bare:
        return counted[0]
    return None


def _settles_on_last(words: list[str], numbers: list[Number], language: str) -> bool:
    """Whether a message weighs numbers and settles on the last: it repeats one said before ("2
    or 3 ... 3"), says "about" / "I think" right beside it ("more than 20, about 25"), or beside
    the first of two ("about 700, exactly 689")."""
    last = numbers[-1]
    if len(numbers) > 3 or any(n.unit == "month" for n in numbers):
        return False
    if last.value in {n.value for n in numbers[:-1]}:
        return True
    approximately = find_in(words, language, "approximately")
    typed = all(words[n.start].isdigit() for n in numbers)  # not "یه" (one), "ده" (Pashto "is")
    if (
        len(numbers) == 2
        and typed
        and any(m.end == numbers[0].start or m.start == numbers[0].end for m in approximately)
    ):
        return True  # "environ 700, exactement 689", "nêzî 700, rast 694": about, then exactly
    return any(m.end == last.start or m.start == last.end for m in approximately)


def periods_said(text: str, language: str) -> list[int]:
    """The whole years of each duration said with its unit ("for 4 years", "۶ سال", "8 months" is
    0): "4 children" or "in 2015" is no duration."""
    words = words_of(text)
    units = index_for(language, "units")
    return [
        int(n.value / 12) if _unit_after(words, n, units) == "month" else int(n.value)
        for n in numbers_in(words, language)
        if _unit_after(words, n, units) in ("year", "month") and not _age_word_after(words, n, language)
    ]


def years_said(text: str, language: str) -> int | None:
    """The whole years of the one duration said with its unit, or None (none, or several)."""
    periods = periods_said(text, language)
    return periods[0] if len(periods) == 1 else None


def _age_word_after(words: list[str], number: Number, language: str) -> bool:
    """ "از ۱۲ سالگی" (since the age of 12): the word after the number is one of age as written,
    and no unit as written (only a unit with an ending: "سال" + "گی")."""
    after = words[number.end : number.end + 1]
    return bool(find(after, index_for(language, "age"), exact_only=True)) and not find(
        after, index_for(language, "units"), exact_only=True
    )


# Pashto says "from" around the word: "له ۲۰۰۹ نه" (from 2009), "la 14 kalanay na" (from age 14);
# that "نه" is no "no".
_PASHTO_FROM = ({"له", "la", "le"}, {"نه", "na"})


def from_postposition(words: list[str], at: int, language: str) -> bool:
    """Whether the word at `at` closes a Pashto "from …" ("له X نه"), two or three words on."""
    before, after = _PASHTO_FROM
    return language == "ps" and words[at] in after and any(w in before for w in words[max(0, at - 3) : at - 1])


def age_said(text: str, language: str) -> int | None:
    """The age in a message that says one number with words of age ("she is 60 years old",
    "عمرها ٦٠", "60 yaşında"), or None."""
    words = words_of(text)
    numbers = numbers_in(words, language)
    if len(numbers) != 1 or not find_in(words, language, "age"):
        return None
    return int(numbers[0].value)


def few_counted(text: str, language: str) -> bool:
    """Whether the message counts a few of something, without a unit of time or money: "two
    Sudanese in Hoorn, that's all", "٣ بس", "deux ou trois Guinéens" (but not "2 years", "in
    2022", "twenty", or "one": it is also "a", and "not even one")."""
    words = words_of(text)
    numbers = numbers_in(words, language)
    units = index_for(language, "units")
    return 1 <= len(numbers) <= 2 and all(
        2 <= n.value <= 9 and n.value == int(n.value) and _unit_after(words, n, units) is None for n in numbers
    )


def _whole(question: Question, chosen: Number, certainty: float) -> Reading:
    # Months count as part of a year where years are asked; "490 a month" (rent) is 490.
    years_question = (question.validation.max_value or 0) <= 60
    value = chosen.value / 12 if chosen.unit == "month" and years_question else chosen.value
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
