"""Dates inside a sentence, in the calendars people know their dates in.

Stored as ISO: "1990-03-15", a month "1990-03" or a year "1990"; "~" in front when approximate.

  * numbers: 15-03-1990, 15/3/90, 1990-03-15, "15 03 1990" (day first, the Dutch order);
  * month names in every language's script: CLDR's names through Babel (wide and abbreviated,
    in all twelve locales) and the spoken forms of locales/<code>/answers.yaml;
  * the Ethiopian calendar (Amharic month names, or a date marked as Ethiopian: "ዓ.ም") and the
    Solar Hijri calendar (Afghan and Iranian month names, or years 1300-1420), converted with
    `convertdate`;
  * "around 1990", "1990 ገደማ" (approximate); "I am 34" (a year of birth, approximate);
  * the conversation language's own month names first: Eritreans write Gregorian months with the
    names Ethiopians use for Ethiopian months.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from babel import Locale

from forms.lexicon import Phrase, all_lexicons, cldr_locales, lexicons_for, phrase, words_of
from forms.readers.calendars import ETHIOPIAN, GREGORIAN, SOLAR_HIJRI, to_gregorian
from forms.readers.feasts import feast_date
from forms.readers.matching import Match, PhraseIndex, covered, find, find_in, index_for, merged
from forms.readers.numbers import Number, numbers_in
from forms.readers.reading import Reading, refused

# Solar Hijri years that are someone's birth or arrival year; as Gregorian years they would be
# 600 years ago, so they cannot be meant that way.
SOLAR_HIJRI_YEARS = range(1300, 1420)

_NUMERIC_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$")
_NUMERIC_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_NUMERIC_MY = re.compile(r"^(\d{1,2})[-/.](\d{4})$")
# A day or month number with a suffix after a hyphen: "15-ka" (Somali "the 15th"), "9-aad" ("9th").
_NUMBER_HYPHEN_SUFFIX = re.compile(r"^(\d{1,2})-([^\W\d_]+)$")


@dataclass(frozen=True)
class MonthName:
    month: int
    calendar: str
    rank: int  # lower is preferred: the conversation language's own names first


@cache
def _cldr_months(locale_code: str) -> dict[str, list[Phrase]]:
    locale = Locale.parse(locale_code)
    table: dict[str, list[Phrase]] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.months[context][width].items():
                if len(name.strip(".")) >= (3 if name.isascii() else 2):
                    table.setdefault(str(number), []).append(phrase(name))
    return table


@cache
def _month_tables(language: str) -> list[tuple[PhraseIndex, str, int]]:
    """(month names, calendar, rank) from the most to the least preferred; built once."""
    return [(PhraseIndex(table), calendar, rank) for table, calendar, rank in _month_phrases(language)]


def _month_phrases(language: str) -> list[tuple[dict[str, list[Phrase]], str, int]]:
    own = lexicons_for(language)[0] if lexicons_for(language) else None
    tables: list[tuple[dict[str, list[Phrase]], str, int]] = []
    if own is not None and own.code == language:
        tables.append(({str(k): list(v) for k, v in own.months.items()}, GREGORIAN, 0))
    locale = language if language in cldr_locales() else "en"
    tables.append((_cldr_months(locale), GREGORIAN, 1))
    ethiopian = merged(*({str(k): v for k, v in lex.calendars["ethiopian_months"].items()} for lex in all_lexicons()))
    hijri = merged(*({str(k): v for k, v in lex.calendars["solar_hijri_months"].items()} for lex in all_lexicons()))
    # The calendar the person's own word file names first: "tir" is a Persian month for Farsi
    # speakers, an Ethiopian one for Amharic speakers.
    hijri_first = (
        own is not None and bool(own.calendars["solar_hijri_months"]) and not own.calendars["ethiopian_months"]
    )
    calendars = [(hijri, SOLAR_HIJRI, 2), (ethiopian, ETHIOPIAN, 2)]
    tables.extend(calendars if hijri_first else reversed(calendars))
    others = merged(*(_cldr_months(code) for code in cldr_locales()))
    others = merged(others, *({str(k): v for k, v in lex.months.items()} for lex in all_lexicons()))
    tables.append((others, GREGORIAN, 3))
    return tables


def _month_names(words: list[str], language: str, prefer: str | None = None) -> list[tuple[Match, MonthName]]:
    """The month names in the words, each read in the most preferred table that has it; with
    `prefer` (a date marked as Ethiopian), that calendar's names first."""
    found: list[tuple[Match, MonthName]] = []
    taken: set[int] = set()
    tables = (
        sorted(_month_tables(language), key=lambda table: table[1] != prefer) if prefer else _month_tables(language)
    )
    for table, calendar, rank in tables:
        for match in find(words, table):
            span = set(range(match.start, match.end))
            if span & taken or not _month_name_stands(words, match):
                continue
            if rank == 3 and not _beside_a_number(words, match, language):
                continue  # another language's month name far from the date: "tiri" (Somali: said) is no ጥሪ
            taken |= span
            found.append((match, MonthName(int(match.key), calendar, rank)))
    return sorted(found, key=lambda item: item[0].start)


def month_name_words(words: list[str], language: str) -> set[int]:
    """The places of the words that name a month beside a number ("26 آبان", "March 1990"), in
    any calendar: no other word there ("آبان" is no "ابا", father)."""
    return {
        i
        for match, _ in _month_names(words, language)
        if _beside_a_number(words, match, language)
        for i in range(match.start, match.end)
    }


def month_words(words: list[str], language: str) -> set[int]:
    """The places of the words that are a month's name as written ("شهریور", "Mehr"), anywhere."""
    return {i for match, _ in _month_names(words, language) if match.exact for i in range(match.start, match.end)}


def _beside_a_number(words: list[str], match: Match, language: str) -> bool:
    """A number, in digits or words, one or two words before or after the month name."""
    near = set(range(max(0, match.start - 2), match.start)) | set(range(match.end, match.end + 2))
    return any(ch.isdigit() for i in near if i < len(words) for ch in words[i]) or any(
        n.start in near for n in numbers_in(words, language)
    )


def _month_name_stands(words: list[str], match: Match) -> bool:
    """A month name of one or two letters ("مه", "دی", "می") is also an everyday word: it counts
    only next to a number ("۱۵ دی ۱۳۶۵")."""
    name = "".join(words[match.start : match.end])
    if len(name) > 2 or any("\u1200" <= ch <= "\u137f" for ch in name):  # two Ethiopic syllables are a word
        return True
    before = words[match.start - 1] if match.start > 0 else ""
    after = words[match.end] if match.end < len(words) else ""
    then = words[match.end + 1] if match.end + 1 < len(words) else ""
    # A day before it ("۱۸ دی"), a year after it ("دی ۱۴۰۱") or a day and a year ("د مې ۵ ۱۹۸۲");
    # not "۱۳۷۰ دی" (Pashto: "is 1370").
    day_after = after.isdigit() and 1 <= int(after) <= 31 and then.isdigit() and len(then) == 4
    return (before.isdigit() and 1 <= int(before) <= 31) or (after.isdigit() and len(after) == 4) or day_after


def _beside(
    words: list[str], number: Number, month: Match, apart: int = 1, skipped: frozenset[int] = frozenset()
) -> bool:
    """A number word next to the month name, or one word apart ("وري په لومړۍ", Hamal the first);
    the `skipped` words (the word "month": "العشرين من شهر ايار") not counted."""
    span = range(number.end, month.start) if number.end <= month.start else range(month.end, number.start)
    between = [words[i] for i in span if i not in skipped]
    return len(between) <= apart and not any(ch.isdigit() for w in between for ch in w)


def _marked(words: list[str], language: str, marker: str) -> bool:
    """A calendar marker ("ዓ.ም", "shamsi") in the conversation language's own words or in English:
    not in those of a neighbouring language (Eritreans write ዓ.ም for Gregorian years)."""
    own = [lex for lex in lexicons_for(language) if lex.code in (language, "en")]
    return bool(find(words, merged(*({"m": lex.calendars[marker]} for lex in own))))


def _approximate(words: list[str], language: str) -> bool:
    """ "around 1990", "1990 ገደማ": a word of approximation; one said before a value only when a
    number follows it or it ends the message ("1 january 2001 like on my permit" is exact)."""
    before = {(m.start, m.end) for m in find_in(words, language, "approximately_before")}
    after = {(m.start, m.end) for m in find_in(words, language, "approximately_after")}
    # Another language's word only as typed and not of two letters: "حوالي 1990", "1990 ገደማ" in
    # the English chat are approximate.
    found = find(words, index_for(language, "approximately")) or [
        m
        for m in find(words, index_for(language, "approximately", others=True), exact_only=True)
        if len("".join(words[m.start : m.end])) >= 3
    ]
    # "2012 ongeveer, in het kamp geboren": a word said after a value, right after it, also where
    # a longer phrase of "before" ("ongeveer in") overlaps it.
    if any(m.start > 0 and words[m.start - 1].isdigit() for m in find_in(words, language, "approximately_after")):
        return True
    return any(
        (m.start, m.end) not in before
        # "1996 environ", "1985 ku dhawaad"; not a short word ending it ("..., c ça": "ca", circa)
        or (m.end == len(words) and len("".join(words[m.start : m.end])) >= 3)
        or any(ch.isdigit() for w in words[m.end : m.end + 3] for ch in w)
        # "1985 i think, I don't know the day": a word said after a value, right after it
        or ((m.start, m.end) in after and m.start > 0 and words[m.start - 1].isdigit())
        for m in found
    )


def _full_year(year: int, digits: int, today: date) -> int:
    """ "15-3-90" is 1990, "1-2-05" is 2005: two-digit years are the most recent such year."""
    if digits == 4:
        return year
    return 2000 + year if year <= today.year % 100 else 1900 + year


def _stored(calendar: str, year: int, month: int | None, day: int | None) -> tuple[str | None, bool]:
    """The stored form and whether the conversion made it approximate."""
    if day is not None and month is not None:
        converted = to_gregorian(calendar, year, month, day)
        return (converted.isoformat() if converted else None), False
    if month is not None:
        if not 1 <= month <= (13 if calendar == ETHIOPIAN else 12):
            return None, False
        if calendar == GREGORIAN:
            return f"{year}-{month:02d}", False
        middle = to_gregorian(calendar, year, month, 5 if month == 13 else 15)
        return (f"{middle.year}-{middle.month:02d}" if middle else None), False
    if calendar == GREGORIAN:
        return str(year), False
    # A year of another calendar spans two Gregorian years: the one with most of it, approximate.
    return str(year + (8 if calendar == ETHIOPIAN else 621)), True


def _calendar_for(year: int, month_name: MonthName | None, words: list[str], language: str) -> str:
    if month_name is not None and month_name.calendar != GREGORIAN:
        return month_name.calendar
    if _marked(words, language, "ethiopian_marker"):
        return ETHIOPIAN
    if _marked(words, language, "solar_hijri_marker") or year in SOLAR_HIJRI_YEARS:
        return SOLAR_HIJRI
    return GREGORIAN


def marked_ethiopian(text: str, language: str) -> bool:
    """Whether the message says its date is in the Ethiopian calendar ("ብግእዝ", "E.C.")."""
    return _marked(words_of(text), language, "ethiopian_marker")


def _as_marked(words: list[str], language: str) -> list[str]:
    """The words with the Ethiopian marker of the person's language added, when they name an
    Ethiopian month (a person who gave one date in that calendar gives the next one so too)."""
    names = _month_names(words, language, ETHIOPIAN)
    ethiopian = [
        m for m, name in names if name.calendar == ETHIOPIAN or tuple(words[m.start : m.end]) in _eritrean_names()
    ]
    if not ethiopian or _marked(words, language, "ethiopian_marker"):
        return words
    own = [lex for lex in lexicons_for(language) if lex.code in (language, "en")]
    marker = next((p for lex in own for p in lex.calendars["ethiopian_marker"]), ())
    return [*words, *marker]


def read_date_value(
    text: str, language: str, today: date, allow_partial: bool = True, calendar: str | None = None
) -> str | None:
    """The stored form of the date in the text, or None. After a correction ("12-7-1992 no sorry
    13-7-1992", "10 تیر ۱۳۷۵ نه ببخشید ۱۱ تیر") the corrected date counts, completed from the first.
    `calendar`: the one the person gave an earlier date in (Ethiopian: a month name is read so)."""
    words = _without_the_number_said_wrong(_day_joined(_suffixes_apart(words_of(text)), language), language)
    if calendar == ETHIOPIAN:
        words = _as_marked(words, language)
    # Exact words only: a typo rule would take a month name ("اسفند") for a correction; and in the
    # person's own languages only ("May" is a Somali "no").
    corrections = find(words, index_for(language, "number_corrections"), exact_only=True)
    has_digits = any(ch.isdigit() for w in words[: corrections[-1].start] for ch in w) if corrections else False
    if corrections and corrections[-1].end < len(words) and has_digits:
        before, after = words[: corrections[-1].start], words[corrections[-1].end :]
        first = _read(before, language, today, allow_partial)[0]
        second = _read(after, language, today, allow_partial)[0]
        years = [w for w in before if len(w) == 4 and w.isdigit()]
        if first is not None and len(years) == 1 and not any(len(w) == 4 and w.isdigit() for w in after):
            # "20 Nofeembar 2019 maya 20 Diseembar": the day and month put right, the year said before.
            with_year = _read([*after, years[0]], language, today, allow_partial)[0]
            if with_year is not None and len(with_year.lstrip("~")) >= len(first.lstrip("~")):
                second = with_year
        if second is not None and (first is None or len(second.lstrip("~")) >= len(first.lstrip("~"))):
            return _with_approximation(second, False, words, language)
        if first is not None and (corrected := _corrected(before, after)) is not None:
            # "21-09-1985 no sorry 1986", "۱۰ تیر ۱۳۷۵ نه ببخشید ۱۱ تیر": the first date with the
            # year or day put right, read again in its own calendar.
            stored, converted = _read(corrected, language, today, allow_partial)
            # Not when the date put right lost its day or month ("۱۰ اسفند ۱۳۵۴ یعنی ۱۹۷۶": the
            # same date said in the other calendar, no correction).
            if stored is not None and len(stored.lstrip("~")) >= len(first.lstrip("~")):
                return _with_approximation(stored, converted, words, language)
    stored, converted = _read(words, language, today, allow_partial)
    if stored is None:
        return None
    return _with_approximation(stored, converted, words, language)


def _without_the_number_said_wrong(words: list[str], language: str) -> list[str]:
    """ "11 نيسان مو 10" (11 April, not 10), "1992 ነው እንጂ 1991 አይደለም" (it is 1992, 1991 it is not):
    the last number with a "not" right before it and nothing after it, or with a "no" or "not"
    after it that ends the message, is the one said wrong; it and its "not" are left out when
    another number remains. Not "۵ ثور نه ۶ ثور" (no, 6 Sawr) nor "2015 no 2016 sorry": there the
    last is the one put right."""
    digits = [i for i, w in enumerate(words) if any(ch.isdigit() for ch in w)]
    if len(digits) < 2:
        return words
    last = digits[-1]
    before = find(words, index_for(language, "not_words"), exact_only=True) + find(
        words, index_for(language, "no_before_verb"), exact_only=True
    )
    if last == len(words) - 1 and (denial := next((n for n in before if n.end == last), None)):
        return words[: denial.start]
    after = find(words[last + 1 :], index_for(language, "negations"), exact_only=True)
    if any(m.start == 0 and m.end == len(words) - last - 1 for m in after):
        return words[:last]
    return words


def _suffixes_apart(words: list[str]) -> list[str]:
    """ "15-ka bishii 9-aad": the number and its suffix as two words, like "15ka" already is."""
    apart: list[str] = []
    for word in words:
        m = _NUMBER_HYPHEN_SUFFIX.match(word)
        apart.extend(m.groups() if m else (word,))
    return apart


def _day_joined(words: list[str], language: str) -> list[str]:
    """ "2 du 7 1990", "3ye Gulane 1979", "3üncü Mayıs 1979": a short word between the day and
    the month (an "of"), or an ordinal ending typed onto the day, is left out when a year follows."""
    months = {m.start for m, _ in _month_names(words, language)}
    # Not a word for "month" or "years": "9. ayın 1'i 2020" (the 1st of the 9th month), "5 sano,
    # Maarso 2021" (5 years old, March 2021).
    units = covered(words, find(words, index_for(language, "units")))
    kept: list[str] = []
    for i, word in enumerate(words):
        nxt = i + 1
        month_next = nxt in months or (nxt < len(words) and words[nxt].isdigit() and len(words[nxt]) <= 2)
        year_after = any(len(w) == 4 and w.isdigit() for w in words[nxt : nxt + 3])
        glued = re.fullmatch(r"(\d{1,2})([^\W\d]{1,4})", word)
        if glued and month_next and year_after:
            kept.append(glued.group(1))
            continue
        short = word.isalpha() and word.isascii() and len(word) <= 4
        after_day = i > 0 and words[i - 1].isdigit() and len(words[i - 1]) <= 2
        if short and after_day and month_next and year_after and i not in months and i not in units:
            continue
        kept.append(word)
    return kept


def _with_ordinals(words: list[str], numbers: list[Number], language: str) -> list[Number]:
    """The numbers and the ordinal words ("التاني", "seventh") of a date said with the word for
    "month" ("the second day of the seventh month") or a month name ("the tenth of June"), in
    order. An ordinal written exactly wins over a number word it looks like ("heftemîn", seventh,
    is no "heftê", seventy)."""
    ordinals = [
        Number(float(m.key), m.start, m.end) for m in find(words, index_for(language, "ordinals"), exact_only=True)
    ]
    # A number word longer than the ordinal in it stays: "بیست و یکم" (twenty-first) is no "یکم" (first).
    ordinals = [
        o
        for o in ordinals
        if not any(n.start <= o.start and o.end <= n.end and n.end - n.start > o.end - o.start for n in numbers)
    ]
    spans = {i for o in ordinals for i in range(o.start, o.end)}
    kept = [n for n in numbers if words[n.start].isdigit() or not spans & set(range(n.start, n.end))]
    taken = {i for n in kept for i in range(n.start, n.end)}
    return sorted([*kept, *(o for o in ordinals if not taken & set(range(o.start, o.end)))], key=lambda n: n.start)


def _month_by_number(words: list[str], numbers: list[Number], year: Number, language: str) -> int | None:
    """A month written as a number beside the word "month" ("month 6", "ماه ۷")."""
    month_words = [m for m in find_in(words, language, "units") if m.key == "month"]
    beside = [
        (number, m)
        for number in numbers
        for m in month_words
        if number is not year and 1 <= number.value <= 12 and _next_to(words, number, m)
    ]
    # "روز سوم ماه پنجم" (day three, month five): where the number follows the word "month", a
    # number before it is the day's; elsewhere the number before it is the month's ("the 3rd of
    # the 5th month", "5. ayın 3'ü").
    after_first = language in _NUMBER_AFTER_MONTH_WORD
    beside.sort(key=lambda pair: (pair[0].start > pair[1].start) != after_first)
    return int(beside[0][0].value) if beside else None


# Languages that say the month's number after the word "month": "ماه پنجم", "bisha 7aad", "meha 6an".
_NUMBER_AFTER_MONTH_WORD = ("ar", "fa", "fa_AF", "ku", "so")


def _next_to(words: list[str], number: Number, month_word: Match) -> bool:
    """Next to the word "month", or apart from it by an ordinal's ending or a small word: "the 5th
    month", "de 5e maand", "5. ayın", "el shahr el sades", "bisha 7aad"."""
    if number.end <= month_word.start:
        between = words[number.end : month_word.start]
    else:
        between = words[month_word.end : number.start]
    return len(between) <= 2 and all(len(w) <= 3 and not w.isdigit() for w in between)


def _corrected(before: list[str], after: list[str]) -> list[str] | None:
    """The words of the first date with the one number of the correction put in: a year for the
    year, a day (1-31) for the day."""
    numbers = [w for w in after if w.isdigit()]
    if len(numbers) != 1:
        return None
    new = numbers[0]
    is_year = len(new) == 4
    if not is_year and not 1 <= int(new) <= 31:
        return None
    result = list(before)
    for i, word in enumerate(result):
        if m := _NUMERIC_DMY.match(word):
            parts = [m.group(1), m.group(2), m.group(3)]
            parts[2 if is_year else 0] = new
            result[i] = "-".join(parts)
            return result
        if word.isdigit() and (len(word) == 4) == is_year and (is_year or 1 <= int(word) <= 31):
            result[i] = new
            return result
    return None


def _with_approximation(stored: str, converted: bool, words: list[str], language: str) -> str:
    return "~" + stored.lstrip("~") if converted or _approximate(words, language) else stored


def _numeric_date(words: list[str], language: str, today: date, allow_partial: bool) -> tuple[str | None, bool] | None:
    """A date written with numbers in one word: 15-03-1990, 1990/03/15, 03-1990."""
    for word in words:
        if m := _NUMERIC_DMY.match(word):
            day, month = int(m.group(1)), int(m.group(2))
            year = _full_year(int(m.group(3)), len(m.group(3)), today)
            return _stored(_calendar_for(year, None, words, language), year, month, day)
        if m := _NUMERIC_YMD.match(word):
            year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
            return _stored(_calendar_for(year, None, words, language), year, month, day)
        if (
            allow_partial
            and (m := _NUMERIC_MY.match(word))
            and 1 <= int(m.group(1)) <= 12
            and not _month_names(words, language)  # "መጋቢት 12/1990": the 12th of the month named
        ):
            year, month = int(m.group(2)), int(m.group(1))
            return _stored(_calendar_for(year, None, words, language), year, month, None)
    return None


def _day_and_year_apart(words: list[str]) -> list[str]:
    """ "ጥቅምት 17/1992", "መጋቢት 12/1990": the day and the year beside a month name, as two words."""
    apart: list[str] = []
    for word in words:
        m = _NUMERIC_MY.match(word)
        apart.extend((m.group(1), m.group(2)) if m and 1 <= int(m.group(1)) <= 31 else (word,))
    return apart


def _two_digit_year(value: int, calendar: str, today: date) -> int:
    """ "۳۰ آذر ۶۵" is 1365, "اول جوزا ۰۲" 1402, "12 ekim 88" 1988: the most recent such year."""
    if calendar == SOLAR_HIJRI:
        current = today.year - 621
        return 1400 + value if 1400 + value <= current else 1300 + value
    if calendar == ETHIOPIAN:
        current = today.year - 7
        return 2000 + value if 2000 + value <= current else 1900 + value
    return _full_year(value, 2, today)


@cache
def _eritrean_names() -> frozenset[Phrase]:
    """Tigrinya month names as Eritrea uses them for the Gregorian calendar (CLDR "ti"). They
    are the Ethiopian months' names, four months on: ጥሪ is January, and Tir (5) in a date marked
    Ethiopian ("ጥሪ 12 1982 ብግእዝ"); with the spoken forms of the Tigrinya word file ("tiri")."""
    spoken = [p for lex in all_lexicons() if lex.code == "ti" for phrases in lex.months.values() for p in phrases]
    return frozenset([*(p for phrases in _cldr_months("ti").values() for p in phrases), *spoken])


def _read(words: list[str], language: str, today: date, allow_partial: bool) -> tuple[str | None, bool]:
    if (numeric := _numeric_date(words, language, today, allow_partial)) is not None:
        return numeric
    # "17 meskerem 1975 (Ethiopian calendar)": the month counts as an Ethiopian month then, also
    # where the same name is a Gregorian month (Eritrean Tigrinya).
    ethiopian = _marked(words, language, "ethiopian_marker")
    months = _month_names(words, language, ETHIOPIAN if ethiopian else None)
    if months:
        words = _day_and_year_apart(words)
        months = _month_names(words, language, ETHIOPIAN if ethiopian else None)
    # Not a digit inside a word of approximation typed in Arabizi ("ta2riban": about).
    approximation = {i for m in find_in(words, language, "approximately") for i in range(m.start, m.end)}
    numbers = [n for n in numbers_in(words, language) if n.value == int(n.value) and n.start not in approximation]
    # Years a little in the future are read too, so that the person hears why they cannot be.
    years = [n for n in numbers if 1900 <= n.value <= today.year + 10 or int(n.value) in SOLAR_HIJRI_YEARS]
    if not years and ethiopian:
        years = [n for n in numbers if 1890 <= n.value <= today.year - 7]
    two_digit: int | None = None
    if not years and months:
        # "۳۰ آذر ۶۵", "12 ekim 88": two digits after the month name, or more than a day can be.
        after = months[-1][0].end
        # Also as words after the month name, where they cannot be a day ("هفدهم شهریور شصت و
        # شش": the 17th of Shahrivar, sixty-six).
        short = [
            n
            for n in numbers
            if (words[n.start].isdigit() and len(words[n.start]) == 2)
            or (not words[n.start].isdigit() and 31 < n.value <= 99 and n.start >= after)
        ]
        short = [n for n in short if n.value > 31 or n.start >= after]
        if short and (len(short) < len(numbers) or short[-1].value > 31):
            years = [short[-1]]
            two_digit = int(short[-1].value)
    if not years:
        return None, False
    year_number = years[-1]  # "1989 no sorry 1990": the last one counts
    year = int(year_number.value)
    month_name: MonthName | None = None
    month: int | None = None
    day: int | None = None
    if months:
        # The month name nearest to the year.
        month_match, month_name = min(months, key=lambda mm: (mm[1].rank, abs(mm[0].start - year_number.start)))
        month = month_name.month
        named = tuple(words[month_match.start : month_match.end])
        if ethiopian and month_name.calendar == GREGORIAN and named in _eritrean_names():
            month_name = MonthName(month + 4 if month <= 8 else month - 8, ETHIOPIAN, month_name.rank)
            month = month_name.month
        # The day also as an ordinal word: "the tenth of June", "nisan ayının yedinci günü"; not
        # one beside a word for a child ("ikinci çocuk ağustos 2020": the second child), nor in
        # Somali, which says the day in digits ("2da Abriil") and counts children with ordinals
        # ("tan labaad abriil 2021": the second one).
        plain = numbers
        if language != "so":
            # "جدی" (Jadi, a month) is no "جد" (grandfather).
            month_words = {i for m, _ in months for i in range(m.start, m.end)}
            family = {i for m in find_in(words, language, "family") for i in range(m.start, m.end)} - month_words
            numbers = [
                n
                for n in _with_ordinals(words, numbers, language)
                if any(n is kept for kept in numbers)
                or not family & {n.start - 1, n.end}
                or month_words & {n.start - 1, n.end}  # "پسرم اول آبان": my son, the first of Aban
            ]
        month_unit_words = frozenset(
            i for m in find_in(words, language, "units") if m.key == "month" for i in range(m.start, m.end)
        )
        # An ordinal day may stand two words from the month name ("the 23rd day of May").
        ordinal_days = [n for n in numbers if not any(n is p for p in plain)]
        # Not the month name itself read as a number ("sept" is also French for seven).
        others = [
            n
            for n in numbers
            if n is not year_number
            and 1 <= n.value <= 31
            and n.start != year_number.start
            and not (n.start < month_match.end and n.end > month_match.start)
        ]
        # Not an age ("3 years old, March 2023", "ابني عمره ٧ ... كانون الاول ٢٠١٨": his age is 7),
        # nor a number word away from the month name (Dari "ده", in, is Persian ten: "سپتمبر ۲۰۲۳
        # اینجه ده هالند").
        ages = find_in(words, language, "age")
        # Before the number only a word of age of its own ("عمره", his age), not a short word
        # ("is", "من") nor a unit ("کال", year: "2001 کال، 20 جون").
        units = covered(words, find_in(words, language, "units"))
        # Nor one that goes with the number before it ("34 yaşındayım, 30 kasım 1992": 34 is the age).
        number_ends = {n.end for n in numbers}
        ages_before = [
            m
            for m in ages
            if len("".join(words[m.start : m.end])) >= 4 and m.start not in units and m.start not in number_ends
        ]
        others = [
            n
            for n in others
            if not any(m.start == n.end and len("".join(words[m.start : m.end])) >= 3 for m in ages)
            and not any(m.end == n.start for m in ages_before)
            and (
                words[n.start].isdigit()
                or _beside(words, n, month_match, apart=2 if n in ordinal_days else 1, skipped=month_unit_words)
            )
        ]
        near = sorted(others, key=lambda n: abs(n.start - month_match.start))
        # "كانون الاول 1993، اليوم 30", "Çiriya Pêşîn 1985, roj 14": the month and the year, then
        # the day with a word or two ("day", "ورځ یې") before it.
        after_year = (
            len(near) == 1 and year_number.start == month_match.end and 0 <= near[0].start - year_number.end <= 2
        )
        if near and (abs(near[0].start - month_match.start) <= 3 or after_year):
            day = int(near[0].value)
    elif (
        numbered := _month_by_number(words, numbers := _with_ordinals(words, numbers, language), year_number, language)
    ) is not None:
        month = numbered  # "شهر ٦ سنة ٢٠٠١", "1999 b shahr 10": a month given as a number
        # "the 3rd of the 5th month 1992", "روز سوم ماه پنجم ۱۹۹۴": one other number is the day.
        # Not a number with the year between it and the month ("the third one: 2019, month 8").
        month_numbers = [n for n in numbers if n.value == numbered and n is not year_number]
        days = [
            n
            for n in numbers
            if n is not year_number
            and 1 <= n.value <= 31
            and n.value != numbered
            and month_numbers
            and not min(n.start, month_numbers[0].start) < year_number.start < max(n.start, month_numbers[0].start)
        ]
        if len({n.start for n in days}) == 1 and len(month_numbers) == 1:
            day = int(days[0].value)  # ("1er" is read as "1" and as "1 er": one number)
    else:
        small = [n for n in numbers if n is not year_number and 1 <= n.value <= 31 and n.end <= year_number.start]
        if len(small) >= 2 and small[-1].end == year_number.start and small[-2].end == small[-1].start:
            day, month = int(small[-2].value), int(small[-1].value)  # "15 03 1990"
    if not allow_partial and day is None:
        return None, False
    calendar = _calendar_for(year, month_name, words, language)
    if two_digit is not None:
        year = _two_digit_year(two_digit, calendar, today)
    elif calendar == SOLAR_HIJRI and month_name is not None and year not in SOLAR_HIJRI_YEARS:
        hijri_years = [int(n.value) for n in years if int(n.value) in SOLAR_HIJRI_YEARS]
        if hijri_years:
            # "۱۰ اسفند ۱۳۵۴ یعنی ۱۹۷۶": the date in its own calendar, the Gregorian year beside it.
            year = hijri_years[-1]
        else:
            # A Solar Hijri month name beside a Gregorian year ("3 june 1992, 13 khordad"; "kab
            # 1993": Latin-typed Pashto "کب", also Tigrinya "from"): the date without that name.
            hijri_words = {i for m, name in months if name.calendar == SOLAR_HIJRI for i in range(m.start, m.end)}
            return _read([w for i, w in enumerate(words) if i not in hijri_words], language, today, allow_partial)
    if month is None and day is None and (feast := feast_date(words, language, year, calendar)) is not None:
        return feast  # "roja Newrozê 1992", "Meskel 2010 E.C.": the feast's day in that year
    if calendar == ETHIOPIAN and not ethiopian and month is not None:
        # "በ2022 ግንቦት 3 እዚህ ሆላንድ": an Ethiopian month name with a date still to come in that
        # calendar is a Gregorian date, the month named as people abroad do (Ginbot is May).
        converted = to_gregorian(ETHIOPIAN, year, month, day or 1)
        if converted is None or converted > today:
            calendar, month = GREGORIAN, (month + 7) % 12 + 1
    return _stored(calendar, year, month, day)


def read_age_as_year(text: str, language: str, today: date) -> str | None:
    """ "I am 34", "34 years old", "عمري ٣٤ سنة": an approximate year of birth."""
    words = words_of(text)
    numbers = [n for n in numbers_in(words, language) if n.value == int(n.value) and 0 <= n.value <= 110]
    if len(numbers) != 1:
        return None
    number = numbers[0]
    ages = find_in(words, language, "age")
    said_as_age = any(0 <= number.start - m.end <= 2 or 0 <= m.start - number.end <= 2 for m in ages)
    if not said_as_age:
        return None
    return f"~{today.year - int(number.value)}"


def read_date(
    text: str, language: str, today: date | None = None, allow_partial: bool = True, calendar: str | None = None
) -> Reading:
    today = today or date.today()
    stored = read_date_value(text, language, today, allow_partial, calendar)
    certainty = 0.9
    if stored is None and allow_partial:
        stored = read_age_as_year(text, language, today)
        certainty = 0.8
    if stored is None:
        return refused("date")
    if len(words_of(text)) <= 4:
        certainty = 1.0
    return Reading(value=stored, certainty=certainty)
