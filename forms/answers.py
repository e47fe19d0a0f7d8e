"""Turn what a person typed into a clean value for one question.

Every parser returns a `ParsedAnswer`: either a value or an error code. Error codes are
stable names; the dialogue maps them to translated explanations (`utter_invalid_<code>`).
Parsers accept any script's digits (Arabic-Indic, Persian, ...) and extra spaces.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from forms.schema import NO, UNKNOWN, YES, Question

# Option labels are matched in the person's language too: `translate(language, label)`.
Translator = Callable[[str], str]


def _untranslated(message: str) -> str:
    return message


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


def normalize_digits(text: str) -> str:
    """Replace every Unicode decimal digit (Arabic-Indic, Persian, ...) by its ASCII digit."""
    return "".join(str(unicodedata.decimal(ch)) if unicodedata.decimal(ch, None) is not None else ch for ch in text)


def fold(text: str) -> str:
    """Lower-case and strip accents, for comparing typed words with known words."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().strip())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Arabic-keyboard letters in Persian and Pashto words: ي for ی, ك for ک.
_ARABIC_KEYBOARD = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی"})


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


# How people introduce their name ("my name is ..."), per language, folded; left out of a name.
_NAME_INTRODUCTIONS = (
    "my name is", "my name", "name", "i am", "i'm", "im", "it is", "its",
    "mijn naam is", "ik heet", "ik ben", "naam",
    "je m'appelle", "je m appelle", "jm'appelle", "mon nom est", "mon nom c'est", "moi c'est",
    "benim adım", "benim adim", "adım", "adim", "ismim", "benim ismim",
    "magacaygu waa", "magacayga waa", "magacaygu", "waxaan ahay", "magac",
    "navê min", "nave min", "navê min ev e",  # not "ez" (I): names like "Ez Aldin" start with it
    "اسمي", "إسمي", "انا اسمي", "أنا اسمي", "انا", "أنا", "الاسم", "اسم",
    "نام من", "اسم من", "من", "نامم", "زما نوم", "زه",
    "ስመይ", "ስመይ እዩ", "ኣነ", "ስሜ", "እኔ", "ስሜ ነው",
)  # fmt: skip
_NAME_INTRODUCTION = re.compile(
    r"^(?:" + "|".join(re.escape(fold(w)) for w in sorted(_NAME_INTRODUCTIONS, key=len, reverse=True)) + r")"
    r"(?:\s*[:,.\-]\s*|\s+)"
)
# ... and what may follow the name ("... is my name", Tigrinya/Amharic "... እዩ/ነው").
_NAME_ENDINGS = re.compile(r"\s+(?:is my name|እዩ|ነው|ይበሃል|ይባላል|است|دی|e)$")


def _without_introduction(text: str) -> str:
    """ "My name is Fatima Ali" -> "Fatima Ali", in every language; the name itself as typed."""
    folded = fold(text)
    if (match := _NAME_INTRODUCTION.match(folded)) and len(folded) > match.end():
        # Folding keeps the length of most scripts but not of every accented letter: cut by words.
        words_in_intro = len(folded[: match.end()].split())
        text = " ".join(text.split()[words_in_intro:]).lstrip(":,.- ")
    if (ending := _NAME_ENDINGS.search(text)) and ending.start() > 0:
        text = text[: ending.start()]
    return text.strip()


def parse_text(question: Question, raw: str) -> ParsedAnswer:
    text = " ".join(raw.split())
    rules = question.validation
    if rules.person_name:
        text = _without_introduction(text)
    if looks_like_bsn(text):
        return ParsedAnswer(error="bsn")
    if rules.min_length is not None and len(text) < rules.min_length:
        return ParsedAnswer(error="too_short")
    if rules.max_length is not None and len(text) > rules.max_length:
        return ParsedAnswer(error="too_long")
    if not any(ch.isalpha() for ch in text):
        return ParsedAnswer(error="no_letters")
    return ParsedAnswer(value=text)


# Month names people type, per language, "/" between spellings; folded when compared (lower
# case, no accents or hamza). Gregorian months, January first.
_GREGORIAN_MONTHS = {
    "nl": "januari/jan, februari/feb, maart/mrt, april, mei, juni, juli, augustus/aug, september, oktober/okt, "
    "november, december",
    "en": "january/jan, february/feb, march/mar, april/apr, may, june/jun, july/jul, august/aug, september/sep/sept, "
    "october/oct, november/nov, december/dec",
    "fr": "janvier, fevrier/février/fev, mars, avril, mai, juin, juillet, aout/août, septembre, octobre, novembre, "
    "decembre/décembre",
    "tr": "ocak, şubat/subat, mart, nisan, mayıs/mayis, haziran, temmuz, ağustos/agustos, eylül/eylul, ekim, "
    "kasım/kasim, aralık/aralik",
    "so": "janaayo/jannaayo, febraayo/feberaayo, maarso, abriil/april, maajo/may, juun/juun, luuliyo/luulyo, "
    "agoosto/ogost, sebtembar/sibtember, oktoobar/oktoober, nofeembar/nofember, diseembar/disember",
    "ku": "kanûna paşîn/kanuna pasin/rêbendan/rebendan, sibat/reşemeh, adar, nîsan/nisan, gulan, hezîran/heziran, "
    "tîrmeh/tirmeh, tebax, îlon/ilon/rezber, çiriya pêşîn/ciriya pesin/kewçêr, çiriya paşîn/ciriya pasin/sermawez, "
    "kanûna pêşîn/kanuna pesin/berfanbar",
    # Levantine and Iraqi names, then the Egyptian and Gulf ones.
    "ar": "كانون الثاني/كانون ثاني/يناير, شباط/فبراير, آذار/مارس, نيسان/أبريل/ابريل/إبريل, أيار/مايو, "
    "حزيران/يونيو/يونيه, تموز/يوليو/يوليه, آب/أغسطس/اغسطس/اغسطوس, أيلول/سبتمبر, تشرين الأول/تشرين اول/أكتوبر/اكتوبر, "
    "تشرين الثاني/تشرين ثاني/نوفمبر, كانون الأول/كانون اول/ديسمبر",
    "fa": "ژانویه/ژانویه‌, فوریه, مارس, آوریل, مه/می, ژوئن, ژوئیه/جولای, اوت/آگوست, سپتامبر, اکتبر, نوامبر, دسامبر",
    "ps": "جنوري, فبروري, مارچ, اپریل, مۍ, جون, جولای, اګست/اگست, سپتمبر, اکتوبر, نومبر, دسمبر",
    # Eritrea counts Gregorian months with these Tigrinya names; Amharic writes the English ones.
    "ti": "ጥሪ, ለካቲት, መጋቢት, ሚያዝያ, ግንቦት, ሰነ, ሓምለ, ነሓሰ, መስከረም, ጥቅምቲ, ሕዳር, ታሕሳስ",
    "am": "ጃንዋሪ/ጃንዩወሪ, ፌብሩዋሪ, ማርች, ኤፕሪል, ሜይ, ጁን, ጁላይ, ኦገስት, ሴፕቴምበር, ኦክቶበር, ኖቬምበር, ዲሴምበር",
}
# Afghans and Iranians often know their birth date in the Solar Hijri calendar (year 1369 is
# 1990): Afghan (Dari, Pashto) and Iranian month names, Hamal/Farvardin first.
_SOLAR_HIJRI_MONTHS = (
    "حمل/فروردین, ثور/اردیبهشت, جوزا/خرداد, سرطان/تیر, اسد/مرداد, سنبله/شهریور, میزان/مهر, عقرب/آبان, قوس/آذر, "
    "جدی/دی, دلو/بهمن, حوت/اسفند"
)
# Solar Hijri years that are someone's birth or arrival year; as Gregorian years they would be
# 600 years ago, so they cannot be meant that way.
_SOLAR_HIJRI_YEARS = range(1300, 1420)


def _month_table(*lists: str) -> dict[str, int]:
    table: dict[str, int] = {}
    for months in lists:
        for number, spellings in enumerate(months.split(","), start=1):
            for spelling in spellings.split("/"):
                table.setdefault(" ".join(fold(spelling).split()), number)
    return table


_MONTHS = _month_table(*_GREGORIAN_MONTHS.values())
_HIJRI_MONTHS = _month_table(_SOLAR_HIJRI_MONTHS)

_NUMERIC_DMY = re.compile(r"^(\d{1,2})\s*[-/.\s]\s*(\d{1,2})\s*[-/.\s]\s*(\d{4}|\d{2})$")
_NUMERIC_YMD = re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|e|er|ème|\.)?\s*[-.\s]?\s*(\D+?)\s*[-.,\s]?\s*(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^(\D+?)\s*[-.\s]?\s*(\d{1,2})(?:st|nd|rd|th)?\s*[-.,\s]\s*(\d{4})$")


def _month_number(name: str) -> tuple[int, bool] | None:
    """(month, is Solar Hijri) for a typed month name."""
    key = " ".join(fold(name).strip(" .,-").split()).removeprefix("of ").removeprefix("de ")
    for spelling in (key, key.translate(_ARABIC_KEYBOARD)):  # Persian typed on an Arabic keyboard
        if spelling in _MONTHS:
            return _MONTHS[spelling], False
        if spelling in _HIJRI_MONTHS:
            return _HIJRI_MONTHS[spelling], True
    return None


def solar_hijri_to_gregorian(year: int, month: int, day: int) -> date | None:
    """A Solar Hijri (Jalali) date as a Gregorian date: the arithmetic of the widely used
    jalali-to-gregorian conversion (33-year leap cycle), valid for the years people are born in."""
    if not (1 <= month <= 12 and 1 <= day <= (31 if month <= 6 else 30)):
        return None
    jy = year + 1595
    days = -355668 + 365 * jy + (jy // 33) * 8 + ((jy % 33) + 3) // 4 + day
    days += (month - 1) * 31 if month < 7 else (month - 7) * 30 + 186
    gy = 400 * (days // 146097)
    days %= 146097
    if days > 36524:
        days -= 1
        gy += 100 * (days // 36524)
        days %= 36524
        if days >= 365:
            days += 1
    gy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        gy += (days - 1) // 365
        days = (days - 1) % 365
    gd = days + 1
    leap = (gy % 4 == 0 and gy % 100 != 0) or gy % 400 == 0
    for gm, length in enumerate((31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31), start=1):
        if gd <= length:
            return _to_date(gy, gm, gd)
        gd -= length
    return None


def _to_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _full_year(year: int, digits: int) -> int:
    """ "15-3-90" is 1990, "1-2-05" is 2005: two-digit years are the most recent such year."""
    if digits == 4:
        return year
    this_year = date.today().year % 100
    return 2000 + year if year <= this_year else 1900 + year


def _calendar_date(year: int, month: int, day: int, solar_hijri: bool = False) -> date | None:
    if solar_hijri or year in _SOLAR_HIJRI_YEARS:
        return solar_hijri_to_gregorian(year, month, day)
    return _to_date(year, month, day)


def _clean_date_text(raw: str) -> str:
    text = normalize_digits(raw).strip().rstrip(".")
    # Arabic comma and the Ethiopic word separators act as separators too.
    return " ".join(text.replace("،", " ").replace("፣", " ").replace("፡", " ").replace("።", " ").split())


def read_date(raw: str) -> date | None:
    """Read a calendar date: day-month-year (Dutch order), year-month-day, or with a month name in
    any of the languages (also month first: "March 15, 1990", "መጋቢት 15 1990"). Solar Hijri
    dates ("15 حمل 1369", "15-1-1369") are converted to the Gregorian calendar."""
    text = _clean_date_text(raw)
    if m := _NUMERIC_DMY.match(text):
        year = _full_year(int(m.group(3)), len(m.group(3)))
        return _calendar_date(year, int(m.group(2)), int(m.group(1)))
    if m := _NUMERIC_YMD.match(text):
        return _calendar_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for pattern, day_group, month_group in ((_DAY_MONTH_YEAR, 1, 2), (_MONTH_DAY_YEAR, 2, 1)):
        if (m := pattern.match(text)) and (month := _month_number(m.group(month_group))):
            return _calendar_date(int(m.group(3)), month[0], int(m.group(day_group)), solar_hijri=month[1])
    return None


def _age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


# Words that make a date approximate ("around 1990", "1990 ገደማ"), per language, as people type
# them: before the date, or after it.
_APPROXIMATE_BEFORE = (
    "around", "about", "approximately", "approx", "circa", "ca", "roughly", "maybe",
    "ongeveer", "rond", "rondom", "omstreeks", "zo'n", "ongeveer in",
    "vers", "environ", "autour de", "a peu pres",
    "yaklasik", "yaklaşık", "takriben", "tahminen",
    "takriban", "qiyaastii", "taqriiban", "ku dhawaad",
    "nêzîkî", "nezik", "texmînen", "texminen", "derdora",
    "حوالي", "حوالى", "تقريبا", "تقريباً", "نحو", "في حدود", "بحدود",
    "حدود", "حدودا", "حدوداً", "تقریبا", "تقریباً", "شاوخوا", "نږدې", "نږدې په",
    "ብግምት", "ኣስታት", "ከባቢ", "ወደ", "በግምት",
)  # fmt: skip
_APPROXIMATE_AFTER = (
    "or so", "ongeveer", "ofzo", "environ", "gibi", "civarı", "civari", "qiyaas ahaan", "nêzîkî",
    "تقريبا", "تقريباً", "تقریبا", "حدود", "شاوخوا",
    "ዳርጋ", "ኣቢሉ", "ገደማ", "አካባቢ", "ኣቢሉ ዝኸውን", "ከባቢ",
)  # fmt: skip
_APPROXIMATE = re.compile(
    r"^(?:" + "|".join(re.escape(fold(w)) for w in sorted(_APPROXIMATE_BEFORE, key=len, reverse=True)) + r")[\s.:]*"
)
_APPROXIMATE_END = re.compile(
    r"[\s,]*(?:" + "|".join(re.escape(fold(w)) for w in sorted(_APPROXIMATE_AFTER, key=len, reverse=True)) + r")$"
)
_YEAR = re.compile(r"^(\d{4})$")
_MONTH_YEAR_NUMERIC = re.compile(r"^(\d{1,2})\s*[-/.\s]\s*(\d{4})$")
_MONTH_YEAR_WORD = re.compile(r"^(\D+?)\.?\s*[-,\s]?\s*(\d{4})$")
# A stored partial date: "1990", "1990-03", "1990-03-15", "~" in front when approximate.
_STORED_DATE = re.compile(r"^~?\d{4}(-\d{2}(-\d{2})?)?$")


def _partial(year: int, month: int | None, solar_hijri: bool) -> tuple[str, bool]:
    """A stored year or month, and whether the calendar conversion made it approximate."""
    if not (solar_hijri or year in _SOLAR_HIJRI_YEARS):
        return (f"{year}-{month:02d}" if month else str(year)), False
    # A Solar Hijri month lies within one Gregorian month's reach: take its middle day's month.
    # A Solar Hijri year spans two Gregorian years: the one with most of it, marked approximate.
    if month:
        middle = solar_hijri_to_gregorian(year, month, 15)
        return (f"{middle.year}-{middle.month:02d}" if middle else str(year + 621)), False
    return str(year + 621), True


def read_partial_date(raw: str) -> str | None:
    """A full date ("1990-03-15"), a month ("1990-03") or a year ("1990"); "~" in front when the
    person said it is approximate ("around 1990"). None when it is not a date at all."""
    text = fold(_clean_date_text(raw)).strip().rstrip(".!")
    approximate = False
    if match := _APPROXIMATE.match(text):
        approximate = True
        text = text[match.end() :].strip()
    if match := _APPROXIMATE_END.search(text):
        approximate = True
        text = text[: match.start()].strip()
    stored: str | None = None
    if full := read_date(text):
        stored = full.isoformat()
    elif m := _YEAR.match(text):
        stored, converted = _partial(int(m.group(1)), None, False)
        approximate = approximate or converted
    elif m := _MONTH_YEAR_NUMERIC.match(text):
        month_number = int(m.group(1))
        if 1 <= month_number <= 12:
            stored, converted = _partial(int(m.group(2)), month_number, False)
    elif (m := _MONTH_YEAR_WORD.match(text)) and (month := _month_number(m.group(1))):
        stored, converted = _partial(int(m.group(2)), month[0], month[1])
    if stored is None:
        return None
    return ("~" if approximate else "") + stored


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


def parse_date(question: Question, raw: str, today: date | None = None) -> ParsedAnswer:
    today = today or date.today()
    rules = question.validation
    stored = read_partial_date(raw) if rules.allow_partial else None
    if stored is None:
        exact = read_date(raw)
        if exact is None:
            return ParsedAnswer(error="date")
        stored = exact.isoformat()
    day = approximate_day(stored)
    if day.year > today.year or (len(stored.lstrip("~")) == 10 and day > today):
        return ParsedAnswer(error="date_future")
    age = _age_on(day, today)
    if (rules.min_age_years is not None and age < rules.min_age_years) or (
        rules.max_age_years is not None and age > rules.max_age_years
    ):
        return ParsedAnswer(error="date_age")
    return ParsedAnswer(value=stored)


def _comparable(text: str) -> str:
    """Folded, with Persian letters for their Arabic-keyboard twins: how names are compared."""
    return fold(text).translate(_ARABIC_KEYBOARD)


def _option_labels(question: Question, translate: Translator) -> list[tuple[str, set[str]]]:
    """Each option's code with the ways to write its name: English label, translated label,
    and the spellings in other scripts (`also_written`)."""
    names = []
    for option in question.options:
        labels = {_comparable(option.label), *(_comparable(spelling) for spelling in option.also_written)}
        if option.translatable:
            labels.add(_comparable(translate(option.label)))
        names.append((option.code, labels))
    return names


def _option_names(question: Question, translate: Translator) -> list[tuple[str, set[str]]]:
    """Each option's code with every way to name it: its code and its labels."""
    return [(code, {fold(code), *labels}) for code, labels in _option_labels(question, translate)]


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions), for short names."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def _options_close_to(question: Question, typed: str, translate: Translator) -> list[str]:
    """Options with a name a small typo away from what was typed ("horn", "medemblick",
    "هوورن"): one letter in a short name, two in a long one. Codes are never guessed."""
    if len(typed) < 4 or typed.isdigit():
        return []
    allowed = 1 if len(typed) < 8 else 2
    return [
        code
        for code, labels in _option_labels(question, translate)
        if any(abs(len(label) - len(typed)) <= allowed and _edit_distance(typed, label) <= allowed for label in labels)
    ]


def _options_with_words(question: Question, typed: str, translate: Translator) -> list[str]:
    """Options whose name holds every word typed ("kurmanji" -> "Kurdish (Kurmanji)")."""
    words = set(re.findall(r"\w+", typed))
    if not words or any(len(word) < 3 for word in words):
        return []
    return [
        code
        for code, labels in _option_names(question, translate)
        if any(words <= set(re.findall(r"\w+", label)) for label in labels)
    ]


def parse_choice(question: Question, raw: str, translate: Translator = _untranslated) -> ParsedAnswer:
    """Match a button code, an option's label (in English or the person's language), its number,
    or words of exactly one option's label. For several choices, words may name several options
    ("monday" is Monday morning and Monday afternoon)."""
    typed = _comparable(normalize_digits(raw)).strip(" .!")
    for code, labels in _option_names(question, translate):
        if typed in labels:
            return ParsedAnswer(value=code)
    if typed.isdigit() and 1 <= int(typed) <= len(question.options):
        return ParsedAnswer(value=question.options[int(typed) - 1].code)
    matching = _options_with_words(question, typed, translate)
    if len(matching) == 1:
        return ParsedAnswer(value=matching[0])
    if matching and question.type == "multiple_choice":
        return ParsedAnswer(value=matching)
    close = _options_close_to(question, typed, translate)
    if len(close) == 1:
        return ParsedAnswer(value=close[0])
    return ParsedAnswer(error="choice")


_LIST_SEPARATORS = re.compile(r"\s*(?:,|،|፣|;|/|\+|&|\band\b|\ben\b|\bو\b|\bet\b|\bve\b|\n)\s*")


def parse_choices(question: Question, raw: str, translate: Translator = _untranslated) -> ParsedAnswer:
    """Several options typed in one message: "Arabic, English", "1 and 3"."""
    parts = [p for p in _LIST_SEPARATORS.split(raw) if p.strip()]
    codes: list[str] = []
    for part in parts:
        parsed = parse_choice(question, part, translate)
        if not parsed.ok:
            return ParsedAnswer(error="choice")
        for code in parsed.value if isinstance(parsed.value, list) else [parsed.value]:
            if code not in codes:
                codes.append(code)
    return ParsedAnswer(value=codes) if codes else ParsedAnswer(error="choice")


# Yes and no as typed, folded, when the message did not come from a button. The dialogue reads
# these words first and trusts the intent classifier only when it is confident: a wrong "yes"
# must never be stored. Per language; English, Dutch and the catalog's own "Yes"/"No" for all.
_YES_WORDS_TYPED = (
    # English, Dutch, French, German
    "yes", "y", "yeah", "yep", "yess", "ja", "jawel", "jaa", "oui", "ouais", "wi",
    # Turkish, Somali, Kurmanji
    "evet", "evt", "haa", "haan", "ha", "erê", "ere", "belê", "bele", "beli",
    # Arabic (and Arabizi)
    "نعم", "ايوه", "ايوا", "أيوه", "اي", "إي", "اه", "آه", "اكيد", "أكيد", "na3am", "aywa", "ah",
    # Dari, Farsi, Pashto
    "بلی", "بله", "بلې", "آره", "اره", "هو", "ho", "bale", "baly", "areh",
    # Tigrinya, Amharic
    "እወ", "እወ እዩ", "ኢወ", "ሕራይ", "አዎ", "አዎን", "ewe", "awo", "awon",
    # as in chat apps (skin tones are removed before comparing)
    "👍", "👍👍", "👌", "✅", "✔", "☑",
)  # fmt: skip
_NO_WORDS_TYPED = (
    "no", "n", "nope", "nee", "neen", "nee hoor", "non", "nein",
    "hayir", "hayır", "yok", "maya", "na", "nexêr", "nexer", "no no",
    "لا", "لأ", "لاء", "لا لا", "la", "laa", "la2",
    "نه", "نخیر", "نه خیر", "نا", "nakhair", "nakheir", "nah", "na na",
    "ኣይፋል", "ኣይፋሉን", "ኣይኮነን", "የለን", "አይ", "አይደለም", "የለም", "ayfal", "aydelem",
    "👎", "❌", "✖", "🙅",
)  # fmt: skip
# Compared after folding (lower case, no accents or hamza), like what is typed.
_YES_WORDS = {fold(word) for word in _YES_WORDS_TYPED}
_NO_WORDS = {fold(word) for word in _NO_WORDS_TYPED}


# Emoji skin tones and the emoji presentation selector: "👍🏽" and "✔️" are "👍" and "✔".
_EMOJI_MODIFIERS = dict.fromkeys([*range(0x1F3FB, 0x1F400), 0xFE0F])


def yes_or_no(raw: str, translate: Translator = _untranslated) -> str | None:
    """YES or NO for a typed yes/no word in any of the languages, else None."""
    typed = " ".join(fold(normalize_digits(raw)).translate(_EMOJI_MODIFIERS).strip(" .!?,؟،።").split())
    if typed in _YES_WORDS or typed == fold(translate("Yes")):
        return YES
    if typed in _NO_WORDS or typed == fold(translate("No")):
        return NO
    return None


# "I have none" as people type it to an optional question ("What is your e-mail address?"
# "I don't have one"). Any typed "no" counts too. A few words may come before or after the
# phrase: "no email", "ما عندي ايميل", and verb-last "ایمیل ندارم", "email yok", "ኢሜይል የለኝም".
# A longer message is an answer.
_NONE_WORDS_TYPED = (
    # English, Dutch, French
    "none", "nothing", "nil", "n/a", "no thanks", "no thank you", "dont have", "don't have",
    "i dont have", "i don't have", "i do not have", "i have no", "i have none", "i have nothing",
    "not have", "i not have", "no have",
    "geen", "niks", "niets", "heb ik niet", "ik heb geen", "ik heb het niet", "heb geen", "heb niet",
    "nee dank je", "nee bedankt",
    "aucun", "aucune", "rien", "je n'ai pas", "j'ai pas", "jai pas", "je nai pas", "pas de", "non merci",
    # Turkish, Somali, Kurmanji
    "yok", "yoktur", "hiç", "hiç yok", "bende yok", "benim yok", "hiçbir şey", "yok maalesef",
    "ma haysto", "wax ma haysto", "kuma jiro", "ma lihi", "waxba", "midna",
    "tune", "tuneye", "tune ye", "min tune", "tiştek tune", "qet tune",
    # Arabic (and Arabizi)
    "لا يوجد", "ما في", "مافي", "ما عندي", "ماعندي", "ما عنديش", "معنديش", "مفيش", "ليس لدي", "ليس عندي",
    "لا أملك", "لا شيء", "ولا شي", "ولا شيء", "ما عندي شي", "لا ما عندي", "ma3andi", "ma 3andi", "mafi", "ma fi",
    # Dari, Farsi, Pashto
    "ندارم", "نه ندارم", "هیچ", "هیچی", "هیچ چیز", "نیست", "ندارد", "nadaram", "hich", "hichi",
    "نشته", "نلرم", "هیڅ", "هېڅ", "هیڅ نه", "nishta", "nalaram",
    # Tigrinya, Amharic
    "የብለይን", "የብለይ", "የለን", "የለኒ", "ዘይብለይ", "ኣይብለይን", "ዋላ ሓንቲ", "ዋላ ሓንቲ የለን", "yebleyn", "yelen",
    "የለኝም", "የለኝ", "ምንም", "ምንም የለም", "የለም", "yelegnm", "yelegnim", "minim",
)  # fmt: skip
_MAX_OTHER_WORDS = 3


def _folded_words(text: str) -> list[str]:
    """Folded words, Persian letters for their Arabic-keyboard twins, punctuation dropped."""
    folded = fold(normalize_digits(text)).replace("’", "'").translate(_ARABIC_KEYBOARD)
    return re.findall(r"[\w'/]+", folded)


_NONE_PHRASES = sorted(
    {tuple(_folded_words(phrase)) for phrase in (*_NONE_WORDS_TYPED, *_NO_WORDS_TYPED)} - {()}, key=len, reverse=True
)


def says_none(raw: str, translate: Translator = _untranslated) -> bool:
    """Whether the person says they have none: "no", "I don't have an e-mail", "ندارم", "የብለይን"."""
    words = _folded_words(raw)
    if not words:
        return False
    if words == _folded_words(translate("No")):
        return True
    return any(
        len(words) - len(phrase) <= _MAX_OTHER_WORDS
        and (tuple(words[: len(phrase)]) == phrase or tuple(words[-len(phrase) :]) == phrase)
        for phrase in _NONE_PHRASES
    )


def parse_yes_no(question: Question, raw: str, translate: Translator = _untranslated) -> ParsedAnswer:
    answer = yes_or_no(raw, translate)
    return ParsedAnswer(value=answer) if answer is not None else ParsedAnswer(error="yes_no")


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]{2,}$")


def parse_email(question: Question, raw: str) -> ParsedAnswer:
    text = raw.strip().strip("<>").replace(" ", "")
    if len(text) > 120 or not _EMAIL.match(text):
        return ParsedAnswer(error="email")
    return ParsedAnswer(value=text.lower())


# Number words people type instead of digits, 0 up to 20, per language; "/" separates spellings.
_NUMBER_WORDS_BY_LANGUAGE = {
    "en": "zero, one, two, three, four, five, six, seven, eight, nine, ten, eleven, twelve, thirteen, fourteen, "
    "fifteen, sixteen, seventeen, eighteen, nineteen, twenty",
    "nl": "nul, een/één, twee, drie, vier, vijf, zes, zeven, acht, negen, tien, elf, twaalf, dertien, veertien, "
    "vijftien, zestien, zeventien, achttien, negentien, twintig",
    "ar": "صفر, واحد/وحدة, اثنين/اثنان/إثنين/تنين, ثلاثة/ثلاث/تلاتة, اربعة/أربعة/اربع, خمسة/خمس, ستة/ست, "
    "سبعة/سبع, ثمانية/تمانية, تسعة/تسع, عشرة/عشر, احدعش/احد عشر/إحدى عشر, اثنعش/اثنا عشر, ثلاثة عشر/تلطعش, "
    "اربعة عشر/اربعطعش, خمسة عشر/خمسطعش, ستة عشر/ستطعش, سبعة عشر/سبعطعش, ثمانية عشر/تمنطعش, "
    "تسعة عشر/تسعطعش, عشرين/عشرون",
    "ti": "ዜሮ, ሓደ, ክልተ, ሰለስተ, ኣርባዕተ, ሓሙሽተ, ሽዱሽተ, ሸውዓተ, ሸሞንተ, ትሽዓተ, ዓሰርተ, ዓሰርተ ሓደ, ዓሰርተ ክልተ, "
    "ዓሰርተ ሰለስተ, ዓሰርተ ኣርባዕተ, ዓሰርተ ሓሙሽተ, ዓሰርተ ሽዱሽተ, ዓሰርተ ሸውዓተ, ዓሰርተ ሸሞንተ, ዓሰርተ ትሽዓተ, ዕስራ",
    "am": "ዜሮ, አንድ, ሁለት, ሶስት/ሦስት, አራት, አምስት, ስድስት, ሰባት, ስምንት, ዘጠኝ, አስር/አሥር, አስራ አንድ, አስራ ሁለት, "
    "አስራ ሶስት, አስራ አራት, አስራ አምስት, አስራ ስድስት, አስራ ሰባት, አስራ ስምንት, አስራ ዘጠኝ, ሃያ/ሀያ",
    "fa": "صفر, یک/يک, دو, سه, چهار, پنج, شش, هفت, هشت, نه, ده, یازده, دوازده, سیزده, چهارده, پانزده/پونزده, "
    "شانزده/شونزده, هفده/هیفده, هجده/هیجده/هژده, نوزده, بیست",
    "ps": "صفر, یو, دوه, درې/دری, څلور, پنځه, شپږ, اووه/اوه, اته, نهه/نه, لس, یوولس, دولس, دیارلس, څوارلس, "
    "پنځلس, شپاړس, اوولس, اتلس, نولس, شل",
    "so": "eber, kow/hal, laba, saddex, afar, shan, lix, toddoba/todoba, siddeed, sagaal, toban, kow iyo toban, "
    "laba iyo toban, saddex iyo toban, afar iyo toban, shan iyo toban, lix iyo toban, toddoba iyo toban, "
    "siddeed iyo toban, sagaal iyo toban, labaatan",
    "tr": "sıfır/sifir, bir, iki, üç/uc, dört/dort, beş/bes, altı/alti, yedi, sekiz, dokuz, on, on bir, on iki, "
    "on üç/on uc, on dört/on dort, on beş/on bes, on altı/on alti, on yedi, on sekiz, on dokuz, yirmi",
    "ku": "sifir, yek, du, sê/se, çar/car, pênc/penc, şeş/ses, heft, heşt/hest, neh, deh, yazdeh, dozdeh, "
    "sêzdeh/sezdeh, çardeh/cardeh, panzdeh, şanzdeh/sanzdeh, hivdeh, hejdeh, nozdeh, bîst/bist",
    "fr": "zero, un/une, deux, trois, quatre, cinq, six, sept, huit, neuf, dix, onze, douze, treize, quatorze, "
    "quinze, seize, dix-sept/dix sept, dix-huit/dix huit, dix-neuf/dix neuf, vingt",
}
# Dari counts like Farsi (Babel locale fa_AF; same words). Folded, like what is typed.
_NUMBER_WORDS: dict[str, int] = {}
for _words in _NUMBER_WORDS_BY_LANGUAGE.values():
    for _value, _spellings in enumerate(_words.split(",")):
        for _spelling in _spellings.split("/"):
            _NUMBER_WORDS.setdefault(fold(_spelling), _value)


def read_number(raw: str) -> int | None:
    """A whole number written with digits of any script, or as a word (0-20)."""
    text = normalize_digits(raw).strip().rstrip(".")
    if re.fullmatch(r"\d{1,6}", text):
        return int(text)
    word = " ".join(fold(text).split())
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    return _NUMBER_WORDS.get(word.translate(_ARABIC_KEYBOARD))


def parse_number(question: Question, raw: str) -> ParsedAnswer:
    number = read_number(raw)
    if number is None:
        return ParsedAnswer(error="number")
    rules = question.validation
    if (rules.min_value is not None and number < rules.min_value) or (
        rules.max_value is not None and number > rules.max_value
    ):
        return ParsedAnswer(error="number_range")
    return ParsedAnswer(value=number)


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


def parse_answer(
    question: Question, raw: str, translate: Translator = _untranslated, today: date | None = None
) -> ParsedAnswer:
    """Read what the person typed for `question`. `translate` gives option labels in their language."""
    if question.type == "date":
        return parse_date(question, raw, today)
    if question.type == "single_choice":
        return parse_choice(question, raw, translate)
    if question.type == "multiple_choice":
        return parse_choices(question, raw, translate)
    if question.type == "yes_no":
        return parse_yes_no(question, raw, translate)
    if question.type == "number":
        return parse_number(question, raw)
    if question.type == "phone":
        return parse_phone(question, raw)
    if question.type == "email":
        return parse_email(question, raw)
    if question.type == "group":
        raise ValueError("a group is answered item by item, not parsed")
    return parse_text(question, raw)


def is_valid_stored_value(question: Question, value: object) -> bool:
    """Whether a value already parsed by the dialogue is well-formed for the question.

    The backend checks every value it receives, so a faulty or outdated client cannot
    store, say, an unknown municipality code or a malformed date.
    """
    if question.type == "group":
        return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= question.max_items
    if question.type == "number":
        return isinstance(value, int) and not isinstance(value, bool) and parse_number(question, str(value)).ok
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
        return bool(parse_email(question, value).value == value)
    return parse_text(question, value).ok
