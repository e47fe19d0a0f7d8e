"""Names, free text, phone numbers and e-mail addresses inside a sentence."""

from __future__ import annotations

import re
from functools import cache

import phonenumbers

from forms.lexicon import ascii_digits, lexicons_for, normalize, words_of
from forms.readers.matching import find_in
from forms.readers.reading import Reading, refused
from forms.schema import Question

_BSN_CANDIDATE = re.compile(r"(?<!\d)(\d[\s.\-]?){8}\d(?!\d)")


def looks_like_bsn(text: str) -> bool:
    """True when the text holds a 9-digit number that passes the BSN eleven-test.

    The chat must never receive a citizen service number (BSN); we refuse it before it
    is stored anywhere.
    """
    for match in _BSN_CANDIDATE.finditer(ascii_digits(text)):
        digits = [int(d) for d in re.sub(r"\D", "", match.group(0))]
        weights = [9, 8, 7, 6, 5, 4, 3, 2, -1]
        if sum(d * w for d, w in zip(digits, weights, strict=True)) % 11 == 0 and any(digits):
            return True
    return False


# Words inside names that are also ordinary words somewhere ("Abd al Rahman", "Sanne de Vries").
_NAME_PARTICLES = frozenset(
    {"al", "el", "bin", "ben", "bint", "abu", "abd", "ould", "de", "van", "der", "den", "le", "la"}
)
_CLAUSE_END = re.compile(r"[,;:!?،؛።፣]|\.(?:\s|$)")


@cache
def _vocabulary(language: str) -> frozenset[str]:
    """Words that are not a name, left out around it: the one-word phrases of yes and no, "I
    don't know", requests, corrections, introductions and family relations in the person's word
    lists. (Words of longer phrases are not: "جان" in "بلی جان" is also part of many names.)"""
    words: set[str] = set()
    for lex in lexicons_for(language):
        groups = [
            *(lex.lists[name] for name in _NOT_NAME_LISTS),
            *lex.requests.values(),
            lex.fields.get("full_name", ()),
            lex.name_introductions,
            lex.name_endings,
            *lex.options.get("member_relation", {}).values(),
        ]
        words.update(p[0] for phrases in groups for p in phrases if len(p) == 1 and not p[0].isdigit())
    return frozenset(words) - _NAME_PARTICLES


_NOT_NAME_LISTS = ("yes", "no", "have", "have_not", "none", "dont_know", "decline", "corrections")


def _name_in(text: str, language: str) -> tuple[str, bool]:
    """The name in a message and whether the message held anything but known words.

    "My name is Fatima Ali" -> "Fatima Ali"; "my mother, her name is Khadija" -> "Khadija";
    "Yonas Gebremedhin, nice to meet you" -> "Yonas Gebremedhin"; the name as typed. Around the
    name stand known words (introductions, greetings, relations, yes and no): in each clause the
    longest run of other words is a name candidate; the clause of an introduction (or the one
    after it) wins, otherwise the longest candidate."""
    clauses = [c.strip() for c in _CLAUSE_END.split(text) if c.strip()]
    known = _vocabulary(language)
    candidates: list[tuple[list[str], bool]] = []  # (name words as typed, follows an introduction)
    introduced = False
    for clause in clauses:
        typed_words = clause.split()
        words = [" ".join(words_of(w)) for w in typed_words]
        intros = find_in(words, language, "name_introductions", exact_only=True)
        # Exactly these words: a name may begin like one ("خالد" like "خال", uncle).
        around = [
            *intros,
            *[m for m in find_in(words, language, "name_endings", exact_only=True) if m.end == len(words)],
            *find_in(words, language, "not_a_name", exact_only=True),
        ]
        covered = {i for m in around for i in range(m.start, m.end)}
        runs: list[tuple[int, list[str]]] = [(0, [])]
        for i, (typed, word) in enumerate(zip(typed_words, words, strict=True)):
            if i in covered or word in known or not word:
                runs.append((i + 1, []))
            else:
                runs[-1][1].append(typed)
        # A run of name particles alone ("van", "de") is no name.
        runs = [(start, run) for start, run in runs if any(w.casefold() not in _NAME_PARTICLES for w in run)] or [
            (0, [])
        ]
        if intros:
            # "annemin adı Fatma", "my mother, her name is Khadija": the name follows its introduction.
            after = [run for start, run in runs if start >= intros[-1].end and run]
            runs = [(0, after[0])] if after else runs
        candidates.append((max((run for _, run in runs), key=len), bool(intros) or introduced))
        introduced = introduced or (bool(intros) and not candidates[-1][0])
    with_names = [(run, intro) for run, intro in candidates if run]
    if not with_names:
        return "", False
    introduced_names = [run for run, intro in with_names if intro]
    best = introduced_names[0] if introduced_names else max((run for run, _ in with_names), key=len)
    return " ".join(best).strip(" :,.-!"), True


def read_text(question: Question, text: str, language: str) -> Reading:
    text = " ".join(text.split())
    rules = question.validation
    if rules.person_name:
        if any(ch.isdigit() for ch in text) and not looks_like_bsn(text):
            return refused("no_letters")  # "she is 60": names hold no digits
        name, has_name = _name_in(text, language)
        if not has_name:
            return refused("too_short")  # "ok", "yes", "hello": no name in it
        text = name or text
    if looks_like_bsn(text):
        return refused("bsn")
    if rules.min_length is not None and len(text) < rules.min_length:
        return refused("too_short")
    if rules.max_length is not None and len(text) > rules.max_length:
        return refused("too_long")
    if not any(ch.isalpha() for ch in text):
        return refused("no_letters")
    return Reading(value=text)


def read_phone_value(text: str) -> str | None:
    """A phone number in international form (+31612345678); Dutch numbers without a country code.
    Of several numbers the last counts ("06 1234 5678 no sorry 06 1234 5679")."""
    found = _phone_numbers(text)
    return found[-1] if found else None


def _phone_numbers(text: str) -> list[str]:
    digits = ascii_digits(text)
    # "06.99.88.77.66", "0031-6-98765432": separators between digit groups do not matter.
    joined = re.sub(r"(?<=\d)[\s.\-/()]+(?=\d)", "", digits)
    for candidate in (digits, joined):
        numbers = []
        for match in phonenumbers.PhoneNumberMatcher(candidate, "NL", leniency=phonenumbers.Leniency.POSSIBLE):
            if _plausible(match):
                numbers.append(phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164))
        if numbers:
            return numbers
    return []


def _plausible(match: phonenumbers.PhoneNumberMatch) -> bool:
    """A Dutch number has nine digits after the 0 (or +31); another country's number is written
    with its country code (+ or 00) and has a possible length there."""
    number = match.number
    if number.country_code == 31:
        national = str(number.national_number)
        return len(national) == 9 and not match.raw_string.lstrip("+0").startswith("310")
    return match.raw_string.lstrip().startswith(("+", "00")) and phonenumbers.is_possible_number(number)


def read_phone(text: str) -> Reading:
    phone = read_phone_value(text)
    if phone is None:
        return refused("phone")
    certainty = 1.0 if len(normalize(text).split()) <= 4 else 0.9
    return Reading(value=phone, certainty=certainty)


_EMAIL = re.compile(r"[^@\s<>(),;:\"'።፣،]+@[^@\s<>(),;:\"'።፣،]+\.[a-z]{2,}", re.IGNORECASE)


def read_email(text: str, language: str = "en") -> Reading:
    """An e-mail address in a sentence, also spelled out ("name at gmail dot com", "arobase",
    "apenstaartje") or with a comma for the dot ("gmail,com"). Of several, the last counts."""
    spelled = text.strip()
    for word, sign in _email_words(language):
        spelled = re.sub(rf"\s+{re.escape(word)}\s+", sign, spelled, flags=re.IGNORECASE)
    spelled = re.sub(r"\s*@\s*", "@", spelled)
    spelled = re.sub(r"(?<=@)([\w\-]+)\s*[.,]\s*([a-z]{2,})\b", r"\1.\2", spelled, flags=re.IGNORECASE)
    found = _EMAIL.findall(spelled)
    if not found or len(found[-1]) > 120:
        return refused("email")
    address = found[-1].strip(".").lower()
    return Reading(value=address, certainty=1.0 if len(text.split()) <= 2 else 0.9)


@cache
def _email_words(language: str) -> tuple[tuple[str, str], ...]:
    """ "at" / "dot" as people spell an address, in the person's language and English."""
    pairs = []
    for lex in lexicons_for(language):
        for sign, key in (("@", "at"), (".", "dot")):
            pairs += [(" ".join(p), sign) for p in lex.email_words.get(key, ())]
    return tuple(sorted(set(pairs), key=lambda pair: -len(pair[0])))
