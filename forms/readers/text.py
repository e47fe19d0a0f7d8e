"""Names, free text, phone numbers and e-mail addresses inside a sentence."""

from __future__ import annotations

import re
import unicodedata

import phonenumbers

from forms.lexicon import normalize, words_of
from forms.readers.matching import find_in
from forms.readers.reading import Reading, refused
from forms.schema import Question

_BSN_CANDIDATE = re.compile(r"(?<!\d)(\d[\s.\-]?){8}\d(?!\d)")


def looks_like_bsn(text: str) -> bool:
    """True when the text holds a 9-digit number that passes the BSN eleven-test.

    The chat must never receive a citizen service number (BSN); we refuse it before it
    is stored anywhere.
    """
    for match in _BSN_CANDIDATE.finditer(_ascii_digits(text)):
        digits = [int(d) for d in re.sub(r"\D", "", match.group(0))]
        weights = [9, 8, 7, 6, 5, 4, 3, 2, -1]
        if sum(d * w for d, w in zip(digits, weights, strict=True)) % 11 == 0 and any(digits):
            return True
    return False


def _ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.decimal(ch)) if unicodedata.decimal(ch, None) is not None else ch for ch in text)


def _without_introduction(text: str, language: str) -> str:
    """ "My name is Fatima Ali" -> "Fatima Ali", in every language; the name itself as typed."""
    typed_words = text.split()
    # Compare word by word; cut the typed words at the same places (normalising keeps one word one word).
    words = [" ".join(words_of(w)) for w in typed_words]
    start = 0
    for match in find_in(words, language, lambda lex: {"intro": lex.name_introductions}):
        if match.start == 0 and match.end < len(words):
            start = match.end
            break
    end = len(words)
    for match in find_in(words[start:], language, lambda lex: {"end": lex.name_endings}):
        if start + match.end == len(words) and start + match.start > start:
            end = start + match.start
    name = " ".join(typed_words[start:end])
    return name.strip(" :,.-!")


def read_text(question: Question, text: str, language: str) -> Reading:
    text = " ".join(text.split())
    rules = question.validation
    if rules.person_name:
        text = _without_introduction(text, language)
    if looks_like_bsn(text):
        return refused("bsn")
    if rules.min_length is not None and len(text) < rules.min_length:
        return refused("too_short")
    if rules.max_length is not None and len(text) > rules.max_length:
        return refused("too_long")
    if not any(ch.isalpha() for ch in text):
        return refused("no_letters")
    if rules.person_name and sum(ch.isdigit() for ch in text) > 2:
        return refused("no_letters")
    return Reading(value=text)


def read_phone_value(text: str) -> str | None:
    """A phone number in international form (+31612345678); Dutch numbers without a country code."""
    digits = _ascii_digits(text)
    candidates = [digits, re.sub(r"(?<=\d)[\s.\-/()]+(?=\d)", "", digits)]
    for candidate in candidates:
        for match in phonenumbers.PhoneNumberMatcher(candidate, "NL", leniency=phonenumbers.Leniency.POSSIBLE):
            number = match.number
            if phonenumbers.is_valid_number(number) or (
                number.country_code != 31 and phonenumbers.is_possible_number(number)
            ):
                return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


def read_phone(text: str) -> Reading:
    phone = read_phone_value(text)
    if phone is None:
        return refused("phone")
    certainty = 1.0 if len(normalize(text).split()) <= 4 else 0.9
    return Reading(value=phone, certainty=certainty)


_EMAIL = re.compile(r"[^@\s<>(),;:\"']+@[^@\s<>(),;:\"']+\.[^@\s<>(),;:\"'.]{2,}")


def read_email(text: str) -> Reading:
    # People type "name @ gmail . com" or "name@gmail .com": close the spaces around @ and dots.
    joined = re.sub(r"\s*@\s*", "@", text.strip())
    joined = re.sub(r"(?<=\w)\s*\.\s*(?=(com|nl|net|org|fr|de|be|info|co|hotmail|gmail|yahoo|outlook)\b)", ".", joined)
    found = _EMAIL.findall(joined)
    if len(found) != 1 or len(found[0]) > 120:
        return refused("email")
    address = found[0].strip(".").lower()
    return Reading(value=address, certainty=1.0 if len(text.split()) <= 2 else 0.9)
