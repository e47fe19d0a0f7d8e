"""Names, free text, phone numbers and e-mail addresses inside a sentence."""

from __future__ import annotations

import itertools
import re
import unicodedata
from datetime import date
from difflib import SequenceMatcher
from functools import cache

import phonenumbers
from stdnum.nl import bsn

from forms.lexicon import EMAIL, ascii_digits, lexicons_for, normalize, words_of
from forms.readers.matching import Match, covered, filler_words, find, find_in, index_for
from forms.readers.numbers import numbers_in
from forms.readers.reading import Reading, refused
from forms.readers.sounds import arabizi_word, is_latin, one_apart, sound_key, sound_keys
from forms.schema import Question

# What people put between the digits of a number: spaces of every kind (also new lines), dots,
# commas, dashes of every kind, slashes, underscores, apostrophes, bullets; Arabic decimal and
# thousands separators and comma. At most three at a time ("111 - 222 - 333").
_SEPARATOR = r"[\s.,/\\_'\-" + "\u2010-\u2015\u2212\ufe58\ufe63\uff0d\u00b7\u2022\u2019\u066b\u066c\u060c]"
_DIGIT_RUN = re.compile(f"[0-9]+(?:{_SEPARATOR}{{1,3}}[0-9]+)*")
# 1.234.567,82 · 1,234,567.82 · 1 234 567,82: thousands and two decimals, an amount of money.
_AMOUNT = re.compile(r"[0-9]{1,3}(?:([.,\s'\u2019])[0-9]{3})(?:\1[0-9]{3})*[.,][0-9]{2}")
_CURRENCY_WORD = re.compile(r"\b(?:eur|euro|euros|usd|dollar)\b", re.IGNORECASE)


def looks_like_bsn(text: str) -> bool:
    """True when the text holds a citizen service number (BSN): nine digits that pass the BSN
    eleven-test (`stdnum.nl.bsn`), or eight (the number with its leading zero dropped).

    The chat must never receive a BSN: it is refused before it is stored anywhere, however it is
    typed: digits of any script, invisible characters (zero-width spaces, direction marks) between
    them, grouped with spaces, dots, commas, dashes, slashes or underscores, beside other numbers.
    Not a BSN: a phone number (recognised by `phonenumbers` first, "+31 6 …", "06-…", "0031…",
    "+44 …"), a date, two years, an amount of money.
    """
    text = ascii_digits("".join(ch for ch in text if unicodedata.category(ch) != "Cf"))
    if sum(ch.isdigit() for ch in text) < 8:
        return False
    text = _without_phone_numbers(text)
    for run in _DIGIT_RUN.finditer(text):
        if not _is_amount(text, run):
            groups = re.findall("[0-9]+", run.group())
            if any(bsn.is_valid(candidate) for candidate in _bsn_candidates(groups)):
                return True
    return False


def _without_phone_numbers(text: str) -> str:
    """The text with every phone number blanked: a Dutch one with its 0 (ten digits) or any
    number written with its country code (+ or 00) that is valid there."""
    for match in reversed(list(phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.VALID))):
        raw = match.raw_string.lstrip()
        international = raw.startswith(("+", "00"))
        dutch = match.number.country_code == 31 and raw.startswith("0") and len(str(match.number.national_number)) == 9
        if international or dutch:
            text = text[: match.start] + " " * (match.end - match.start) + text[match.end :]
    return text


def _bsn_candidates(groups: list[str]) -> list[str]:
    """The digit strings of a run of digit groups that could be a BSN: the whole run of nine digits
    ("111 222 333", "1 1 1 2 2 2 3 3 3"), or of eight when it is no date; and nine digits in
    groups of at least three beside other numbers ("111222333 15-03-1990")."""
    digits = "".join(groups)
    candidates = [digits] if len(digits) == 9 or (len(digits) == 8 and not _date_or_years(groups)) else []
    for start in range(len(groups)):
        for end in range(start + 1, len(groups) + 1):
            window = groups[start:end]
            if all(len(group) >= 3 for group in window) and sum(len(group) for group in window) == 9:
                candidates.append("".join(window))
    return candidates


def _date_or_years(groups: list[str]) -> bool:
    """Eight digits that read as a date (15-03-1990, 1990-03-15, 03/15/1990, 15031990) or as two
    years ("2015 2019"): what people type far more often than a shortened BSN."""
    if len(groups) == 2 and all(len(group) == 4 and 1900 <= int(group) <= 2100 for group in groups):
        return True
    d = "".join(groups)
    for year, month, day in ((d[4:], d[2:4], d[:2]), (d[:4], d[4:6], d[6:]), (d[4:], d[:2], d[2:4])):
        try:
            if 1900 <= date(int(year), int(month), int(day)).year <= 2100:
                return True
        except ValueError:
            continue
    return False


def _is_amount(text: str, run: re.Match[str]) -> bool:
    """An amount of money: written with thousands and decimals, or beside a currency sign or word."""
    if _AMOUNT.fullmatch(run.group()):
        return True
    around = text[max(0, run.start() - 4) : run.start()] + " " + text[run.end() : run.end() + 6]
    return any(unicodedata.category(ch) == "Sc" for ch in around) or _CURRENCY_WORD.search(around) is not None


# Words inside names that are also ordinary words somewhere ("Abd al Rahman", "Sanne de Vries").
_NAME_PARTICLES = frozenset(
    {"al", "el", "bin", "ben", "bint", "abu", "abd", "ould", "de", "van", "der", "den", "le", "la"}
)
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_CLAUSE_END = re.compile(r"[,;:!?،؛።፣፡፤፥፦]|\.(?:\s|$)")


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
            lex.lists["number_joiners"],  # "and" between two labelled parts: "محمد نبی و تخلصم رحیمی"
        ]
        words.update(p[0] for phrases in groups for p in phrases if len(p) == 1 and not p[0].isdigit())
    return frozenset(words) - _NAME_PARTICLES


_NOT_NAME_LISTS = ("yes", "no", "have", "have_not", "none", "dont_know", "decline", "corrections", "sorry", "only")


def _known_or_filler(language: str) -> frozenset[str]:
    """The words around a name that are no name (`_vocabulary`), and the filler ("the", "is")."""
    return _vocabulary(language) | filler_words(language)


def _after_correction(text: str, language: str) -> str:
    """ "Bashir Osman.. sorry I mean Bashir Othman", "علی اکبری، نه ببخشید، علی اکبرزاده": the
    words after the last correction, when a name follows it; else the whole text."""
    typed_words = text.split()
    words = [" ".join(words_of(w)) for w in typed_words]
    # The words that put a number or a date right ("no", "sorry", "wrong") put a name right too;
    # only the person's own language's: Arabic "la" (no) is French "la" in "la carte de séjour".
    own = index_for(language, "number_corrections")
    corrections = [m for m in find(words, own, exact_only=True) if m.start > 0]
    if not corrections:
        return text
    after = " ".join(typed_words[corrections[-1].end :])
    # "..., but that is not her real name": a "not" before a word for "name" says what a name is
    # not, it puts nothing right.
    last = corrections[-1]
    sorry = {p for lex in lexicons_for(language) for p in lex.lists["sorry"]}
    naming = _name_words(language)
    if tuple(words[last.start : last.end]) not in sorry and any(
        w.startswith(n) for n in naming for w in words[last.end : last.end + 3]
    ):
        return text
    return after if any(ch.isalpha() for ch in after) else text


def corrects_a_name(text: str, language: str) -> bool:
    """Whether a message puts a spelling of a name right with a word of correction ("Nura, no
    Noura", "ملالۍ، نه ملاله"): a name before it and nearly the same name after it."""
    said_first, said_after = _names_around_correction(text, language)
    return any(_nearly(a, b) for a in said_after for b in said_first)


def _names_around_correction(text: str, language: str) -> tuple[list[str], list[str]]:
    """The name said before the first word of correction and the one after the last, without how
    they are spelled out; two empty lists when the message puts nothing right."""
    after = _after_correction(text, language)
    if after == text:
        return [], []
    said_first, _ = _name_in(without_spelling(_before_first_correction(text, language), language), language)
    said_after, _ = _name_in(without_spelling(after, language), language)
    return said_first.split(), said_after.split()


def _before_first_correction(text: str, language: str) -> str:
    typed_words = text.split()
    words = [" ".join(words_of(w)) for w in typed_words]
    corrections = [m for m in find(words, index_for(language, "number_corrections"), exact_only=True) if m.start > 0]
    return " ".join(typed_words[: corrections[0].start]) if corrections else text


def without_spelling(text: str, language: str) -> str:
    """ "Hassan, met dubbel s", "سلیما با الف", "Kamara avec K": the name without the way it is
    spelled out after it (`spelling_words` in the word files, and single letters)."""
    typed = text.split()
    words = [" ".join(words_of(w)) for w in typed]
    spelled = covered(words, find(words, index_for(language, "spelling_words"), exact_only=True))
    start = len(typed)
    while start > 0 and (start - 1 in spelled or len(words[start - 1]) <= 1):
        start -= 1
    if 0 < start < len(typed) and start in spelled:
        return " ".join(typed[:start]).strip(" ,.;:-،")
    return text


def _put_right(said_first: list[str], said_after: list[str]) -> list[str]:
    """ "Mohammed Abdi" put right by "Mohamed": each word of the correction in the place of the
    word it is nearly, the others kept; nothing when the correction is not part of the name."""
    if not said_first or not said_after or len(said_after) >= len(said_first):
        return []
    merged, used = list(said_first), set()
    for word in said_after:
        near = [i for i, old in enumerate(said_first) if i not in used and _nearly(word, old)]
        if not near:
            return []
        merged[near[0]] = word
        used.add(near[0])
    return merged


def _nearly(a: str, b: str) -> bool:
    """Two spellings of one name: "Mohammed" and "Mohamed", "Conde" and "Kondé", "سلیمه" and "سلیما"."""
    a, b = normalize(a), normalize(b)
    return (
        a == b
        or one_apart(a, b)
        or SequenceMatcher(None, a, b).ratio() >= 0.7
        or (len(sound_key(a)) >= 3 and sound_key(a) == sound_key(b))
    )


def _labels_apart(text: str, language: str) -> str:
    """ "ስም: ሄኖክ ስም ኣቦ: ጸጋይ" -> "ስም: ሄኖክ, ስም ኣቦ: ጸጋይ": between two colons, the words of a label
    (an introduction or a last-name label of the word file, else the last word) begin the next part."""
    segments = text.split(":")
    out = segments[0]
    for segment in segments[1:-1]:
        typed = segment.split()
        size = next((k for k in (3, 2) if len(typed) > k and _is_label(words_of(" ".join(typed[-k:])), language)), 1)
        out += ": " + " ".join(typed[:-size]) + ", " + " ".join(typed[-size:])
    return out + ":" + segments[-1]


def _is_label(words: list[str], language: str) -> bool:
    found = [
        *find(words, index_for(language, "name_introductions"), exact_only=True),
        *find(words, index_for(language, "surname_labels"), exact_only=True),
    ]
    return any(m.start == 0 and m.end == len(words) for m in found)


def _is_surname_label(words: list[str], language: str) -> bool:
    return bool(find(words, index_for(language, "surname_labels"), exact_only=True))


def _colon_after_label(before: str, language: str) -> str:
    """ "የአባት ስም፡" -> "የአባት ስም:" when the words before "፡" end with a label; else as typed."""
    typed = before.split()
    for size in (3, 2, 1):
        if len(typed) >= size and _is_label(words_of(" ".join(typed[-size:])), language):
            return before + ":"
    return before + "፡"


def _labelled_parts(text: str, language: str = "en") -> str | None:
    """ "prenom: Aya, nom: Kouassi", "Ad: Hasan, soyad: Celik", "NOM: NDAYISABA PRENOM: Eric": the
    values after the labels, the last name last; "on my permit it says: Mulu Fesehaye Negusse":
    what follows the colon. None when the text is not written that way."""
    # "፦", and "፡" after a label, are the Ethiopic colon ("ስም፡ መሰረት የአባት ስም፡ ደሳለኝ"); "፡" after
    # a name is a comma ("ሳምራዊት ዓንደብርሃን፡ ሳሚ ይብሉኒ").
    text = re.sub(r"(\S+(?:\s+\S+){0,2})፡(?=\s)", lambda m: _colon_after_label(m.group(1), language), text)
    text = text.replace("፦", ":")
    if text.count(":") >= 2:
        # "NOM: X PRENOM: Y", "ስም: ሄኖክ ስም ኣቦ: ጸጋይ": each label starts a part of its own.
        text = _labels_apart(text, language)
    # Parts end at a comma or a full stop ("نام: علی. فامیلی: حسینی").
    parts = [p.strip() for p in re.split(r"[,;،؛፣\n]|\.\s", text) if p.strip()]
    # "فامیلی: رضایی، اسمم مریم": a part may also begin with its label without a colon. Parts
    # of no label that say nothing new are left out: "then" ("تخلص: مومند، بیا نوم: نجیب الله"),
    # the name said again ("Soyadım: ARSLAN, adım Osman. Osman Arslan").
    found = [_label_and_value(p, language) for p in parts]
    if ":" not in text or any(
        f is None and not _says_nothing_new(p, text, language) for p, f in zip(parts, found, strict=True)
    ):
        found = []
    split = [f for f in found if f is not None]
    if len(split) >= 2:
        # The name said whole at the end, in the order wanted ("Soyadım: ARSLAN, adım Osman.
        # Osman Arslan"): that one.
        family = {w for label, value in split if _is_surname_label(words_of(label), language) for w in words_of(value)}
        again = parts[-1]
        if found[-1] is None and 2 <= len(again.split()) <= 4 and family <= set(words_of(again)):
            return again.strip(".")
        # A part said again inside another ("Naam: Mehmet Yildiz. Achternaam Yildiz") is left out.
        split = [
            (label, value)
            for k, (label, value) in enumerate(split)
            if not any(
                k != o
                and set(words_of(value)) <= set(words_of(other))
                and (len(words_of(other)) > len(words_of(value)) or o < k)
                for o, (_, other) in enumerate(split)
            )
        ]
        labels = [words_of(label) for label, _ in split]
        values = [value.strip().strip(".") for _, value in split]
        last = [_is_surname_label(label, language) for label in labels]
        ordered = [v for v, is_last in zip(values, last, strict=True) if not is_last]
        ordered += [v for v, is_last in zip(values, last, strict=True) if is_last]
        return " ".join(ordered) if all(values) else None
    # What follows the colon, up to the end of its sentence ("…: KASONGO Mireille. Donc …").
    after = re.split(r"\.\s", text.rsplit(":", 1)[1])[0].strip() if ":" in text else ""
    if any(m.start == 0 for m in find(words_of(after), index_for(language, "name_asides"), exact_only=True)):
        return None  # "... ሄለን ብርሃነ እበሃል፡ ከምቲ ኣብ ፍቓድ መንበሪ": a remark after the colon, not the name
    return after if 1 <= len(after.split()) <= 5 and any(ch.isalpha() for ch in after) else None


def _without_order_words(text: str, language: str) -> tuple[str, bool]:
    """ "surname first: Okello Joseph", "فامیلی اول: رضایی، اسمم مریم", "le nom de famille est en
    premier": a word for "first" beside a word for the family name says the order. The text without
    the word for "first" (the family name's word stays: it labels the part after it), and whether
    the order was said."""
    typed = text.split()
    words = [" ".join(words_of(w)) for w in typed]
    labels = find(words, index_for(language, "surname_labels"), exact_only=True)
    intros = find(words, index_for(language, "name_introductions"), exact_only=True)
    # "first" inside "first name" is no order.
    firsts = [
        f
        for f in find(words, index_for(language, "surname_first"), exact_only=True)
        if not any(f.start < m.end and m.start < f.end for m in [*labels, *intros])
    ]
    for first in firsts:
        for label in labels:
            # After the label, up to two words between ("nom de famille est en premier"), or
            # just before it ("pêşî paşnav", "اول تخلص").
            if 0 <= first.start - label.end <= 2:
                left_out = set(range(label.end, first.end))
            elif 0 <= label.start - first.end <= 1:
                left_out = set(range(first.start, label.start))
            else:
                continue
            # The family name's word labels what follows only before a colon ("soyadım önce:
            # ARSLAN"); in a remark ("…, surname first like in Uganda") it goes too.
            if not typed[max(first.end, label.end) - 1].endswith((":", "፡", "፦")):
                left_out |= set(range(label.start, label.end))
            # A colon or comma typed onto a word left out stays ("surname first: Okello").
            kept = [w if i not in left_out else "".join(ch for ch in w if ch in ":,.;،") for i, w in enumerate(typed)]
            joined = " ".join(w for w in kept if w)
            return re.sub(r"\s+([:,.;،])", r"\1", joined), True
    return text, False


def _clause_about_one_part(clause: str, name_words: list[str], language: str) -> tuple[int, bool] | None:
    """ "Eric c'est le prénom", "kabongo c'est le nom de famille", "Yonas is voornaam": a clause that
    says what one word of the name is. The place of that word in the name and whether it is the
    family name; None when the clause is not only that (not "Mbuyi c'est le postnom")."""
    words = [" ".join(words_of(w)) for w in clause.split()]
    folded = [" ".join(words_of(w)) for w in name_words]
    in_name = [i for i, w in enumerate(words) if w in folded]
    # The word first, then what it is ("on l'appelle tonton bah" names no part).
    if len({words[i] for i in in_name}) != 1 or in_name[0] != 0:
        return None
    surname = find(words, index_for(language, "surname_labels"), exact_only=True)
    given = find(words, index_for(language, "name_introductions"), exact_only=True)
    labelled = {i for m in [*surname, *given] for i in range(m.start, m.end)}
    in_surname = {i for m in surname for i in range(m.start, m.end)}
    family = find(words, index_for(language, "family"), exact_only=True)
    if any(set(range(m.start, m.end)) - in_surname for m in family):
        return None  # "ሃብተ ሽም ኣቦይ እዩ": my father's name, a part in the order of home
    known = _known_or_filler(language)
    if any(i not in labelled and i not in in_name and w not in known for i, w in enumerate(words)):
        return None
    if not labelled - set(in_name):
        return None
    return folded.index(words[in_name[0]]), bool(surname)


def _in_the_order_filed(name: str, said: str, surname_first: bool, language: str) -> str:
    """The first name first when the person says which word is which: a clause about one word
    ("NDAYISHIMIYE Eric …, Eric c'est le prénom", "kabongo patrick, kabongo c'est le nom de
    famille"), or the words for "surname first" ("Okello Joseph, surname first"): the family name
    moves to the end. When the name is said in both orders, the one said last ("… so Joseph
    Okello", "… yani Ayşe Karaca") is kept."""
    words = name.split()
    if not 2 <= len(words) <= 4:
        return name
    clauses = [c for c in _CLAUSE_END.split(said) if c.strip()]
    said_words = [" ".join(words_of(w)) for w in said.split()]
    for clause in clauses:
        about = _clause_about_one_part(clause, words, language)
        if about is None:
            continue
        place, is_family_name = about
        # Only a word said again (not "prénom: Fatou nom: Camara", each part said once), and only
        # a family name said first or a first name said last: "Ibrahim Abakar Mahamat, Abakar
        # c'est le nom de mon père" (the father's name in the middle) stays as said.
        again = said_words.count(" ".join(words_of(words[place]))) >= 2
        if again and place == (0 if is_family_name else len(words) - 1):
            part = words.pop(place)
            return " ".join([*words, part] if is_family_name else [part, *words])
    # A first name said with its own label ("…, adım Osman") is already in its place.
    labels = [*find(said_words, index_for(language, "surname_labels"), exact_only=True)]
    in_labels = {i for m in labels for i in range(m.start, m.end)}
    given_label = any(
        not set(range(m.start, m.end)) & in_labels
        for m in find(said_words, index_for(language, "name_introductions"), exact_only=True)
    )
    if not surname_first or given_label:
        return name
    turned = [*words[1:], words[0]]

    def last_place(order: list[str]) -> int:
        folded = [" ".join(words_of(w)) for w in order]
        places = [i for i in range(len(said_words)) if said_words[i : i + len(folded)] == folded]
        return max(places, default=-1)

    # Turned only when the name was read in the order typed, and not said the other way after it
    # ("… KARACA Ayse, yani Ayşe Karaca"); a name put together from labelled parts is in order.
    as_read, other_way = last_place(words), last_place(turned)
    return " ".join(turned) if as_read >= 0 and (other_way < 0 or other_way > as_read) else name


def _label_and_value(part: str, language: str) -> tuple[str, str] | None:
    """ "ስም: ሄኖክ" -> ("ስም", "ሄኖክ"); "اسمم مریم" (a label of the word file first, maybe after
    "and": "w esmi Ismail Yahya") -> ("اسمم", "مریم")."""
    if ":" in part:
        label, value = part.split(":", 1)
        return label, value
    typed = part.split()
    joiners = find(words_of(typed[0]) if typed else [], index_for(language, "number_joiners"), exact_only=True)
    if joiners and len(typed) > 1:
        typed = typed[1:]
    for size in (3, 2, 1):
        if len(typed) > size and _is_label(words_of(" ".join(typed[:size])), language):
            return " ".join(typed[:size]), " ".join(typed[size:])
    return None


def _says_nothing_new(part: str, text: str, language: str) -> bool:
    """A part of a labelled name that is only known words ("then", "so") or words said elsewhere
    in the text (the name said again)."""
    known = _known_or_filler(language)
    others = {
        w for m in find(words_of(part), index_for(language, "next_one"), exact_only=True) for w in range(m.start, m.end)
    }
    elsewhere = words_of(text.replace(part, " ", 1))
    return all(w in known or i in others or w in elsewhere for i, w in enumerate(words_of(part)))


def _written_apart(name: str, text: str) -> str:
    """A name set apart in the sentence around it: in Latin letters inside a sentence of another
    script ("በመኖሪያ ፈቃዴ ላይ Tigist Alemayehu Bekele ተብሎ"), or with capitals among lowercase words
    ("hi its Amina Hassan Abdi here"). Otherwise the name as found."""
    words = name.split()
    latin = [_is_latin(w) for w in words]
    if any(not _is_latin(w) for w in text.split() if any(ch.isalpha() for ch in w)) and any(latin):
        run = _longest_run(words, latin)
        if len(run) >= 2:
            return " ".join(run)
    capital = [w[:1].isupper() for w in words]
    if all(_is_latin(w) for w in words) and any(capital) and not all(capital):
        run = _longest_run(words, capital)
        if len(run) >= 2:
            return " ".join(run)
    return name


def _known_name_in(names: tuple[str, ...], text: str) -> str | None:
    """The known name (forms/intake.yaml `known_names`) a message says: as written in other
    letters ("zilveren kruis", "VGZ"), or by its sound in another script ("منزيس" is Menzis,
    "ووننزورگ" Woonzorg, see forms/readers/sounds.py). A short sound ("اننکو", Eneco) counts
    only when it is the whole message; None when it names none or more than one."""
    folded = " ".join(text.casefold().split())
    written = [name for name in names if re.search(rf"(?<!\w){re.escape(name.casefold())}(?!\w)", folded)]
    if written:
        return max(written, key=len)
    keys: dict[str, set[str]] = {}
    for name in names:
        keys.setdefault(sound_key(name), set()).add(name)
    words = [w for w in re.split(r"[\s,.;:!?؟،]+", text) if w]
    heard: set[str] = set()
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            span = words[start : start + size]
            spoken = sound_keys("".join(span))
            key = next((k for k in spoken if len(keys.get(k, ())) == 1), sound_key("".join(span)))
            whole = size == len(words)
            latin = all(is_latin(w) for w in span)
            long_enough = len(key) >= (4 if latin else 3) or (whole and len(key) >= 2)
            if long_enough and len(keys.get(key, ())) == 1:
                heard |= keys[key]
            elif not latin and len(key) >= 5:
                # "زیلورن کروس" (Zilveren Kruis without its v), "ووون کمپاني" (Wooncompagnie
                # without its g): one letter apart in another script, when only one name is.
                near = {n for known, found in keys.items() if one_apart(known, key) for n in found}
                if len(near) == 1:
                    heard |= near
        if heard:
            break
    return heard.pop() if len(heard) == 1 else None


def _organisation_in(text: str) -> str:
    """The name of a company in a sentence about it ("የኔ ኢንሹራንስ Menzis ነው", "kayga waa VGZ",
    "Eneco I think"): the words in Latin letters inside a sentence of another script, or the
    words with capitals among lowercase ones. Otherwise the text as typed."""
    words = text.split()
    latin = [_is_latin(w) for w in words]
    if any(latin) and not all(latin):
        return " ".join(_longest_run(words, latin)).strip(" .,;:!")
    capital = [w[:1].isupper() and w != "I" and _is_latin(w) for w in words]
    if any(capital) and not all(capital) and len(words) > 1:
        return " ".join(_longest_run(words, capital)).strip(" .,;:!")
    return text


def _is_latin(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(ch, "") for ch in letters)


def _longest_run(words: list[str], marked: list[bool]) -> list[str]:
    best: list[str] = []
    run: list[str] = []
    for word, mark in zip(words, marked, strict=True):
        run = [*run, word] if mark else []
        best = run if len(run) > len(best) else best
    return best


def _is_noise(word: str) -> bool:
    """ "hhhhh", "ههههه", "asdasd", "ሀሀሀሀ": one to three letters repeated, or keys side by side on
    a keyboard ("asdf", "qwer"): what people type to get past a question, never a name."""
    letters = "".join(ch for ch in word.casefold() if ch.isalpha())
    if len(letters) < 4:
        return False
    for size in (1, 2, 3):
        unit = letters[:size]
        if len(letters) >= 2 * size and (unit * (len(letters) // size + 1)).startswith(letters):
            if len(letters) == 2 * size and size > 1 and _name_syllable(unit):
                continue  # "Lemlem", "ለምለም", "لولو": names of a doubled syllable
            return True
    return any(letters in row for row in ("qwertyuiop", "asdfghjkl", "zxcvbnm", "azertyuiop", "qsdfghjklm"))


def _name_syllable(unit: str) -> bool:
    """A syllable a name may double: in Latin letters a consonant, a vowel and a consonant
    ("lem"; not "asd", nor "ha" of "haha"); in other scripts any (Ethiopic letters are syllables)."""
    if not unit.isascii():
        return True
    vowels = "aeiouy"
    return len(unit) == 3 and unit[0] not in vowels and unit[1] in vowels and unit[2] not in vowels


def _covered(matches: list[Match], but: Match) -> set[int]:
    """The word positions the matches other than `but` cover."""
    return {i for m in matches if m is not but for i in range(m.start, m.end)}


def _own_first(words: list[str], language: str, kind: str, named: bool) -> list[Match]:
    """Words of one kind in the person's own languages; else in the others, but not at the start
    of a message that begins with a name (`named`)."""
    own = find(words, index_for(language, kind), exact_only=True)
    if own:
        return own
    others = find(words, index_for(language, kind, others=True), exact_only=True)
    return [m for m in others if not (named and m.start == 0)]


def _folded(run: list[str]) -> set[str]:
    return {normalize(word).strip(" :,.-!") for word in run}


def _mostly_small_words(text: str, language: str) -> bool:
    """A message of mostly filler ("you", "it", "je", "mijn": the word files' `filler`) and no
    "my name is": a question or a remark, not a name. A name holds at most one such word
    ("Ali Can")."""
    words = [w for w in words_of(text) if any(ch.isalpha() for ch in w)]
    if find_in(words, language, "name_introductions", exact_only=True):
        return False
    small = [w for w in words if w in filler_words(language)]
    return len(small) >= 2 and 2 * len(small) > len(words)


def _capitalised(name: str) -> str:
    """A Latin name typed all in small letters as a name is written ("amina yusuf abdi" -> "Amina
    Yusuf Abdi"; "al", "van" inside stay small); any other name as typed."""
    words = name.split()
    if not words or not all(_is_latin(w) and w == w.lower() for w in words):
        return name
    return " ".join(
        w if i > 0 and w in _NAME_PARTICLES else "-".join(p[:1].upper() + p[1:] for p in w.split("-"))
        for i, w in enumerate(words)
    )


def _family_name_in_capitals(name: str) -> str:
    """ "NDAYISHIMIYE Claudine", "KABILA MUTOMBO Jean-Pierre": the family name in capitals before
    the given names, as papers write it, is written as a name ("Ndayishimiye Claudine"), in the
    order typed: which part the municipality files first is on the papers, not in the chat. A
    name all in capitals stays as typed."""
    words = name.split()
    capitals = 0
    while capitals < len(words) and len(words[capitals]) >= 2 and words[capitals].isupper():
        capitals += 1
    rest = words[capitals:]
    if not capitals or not rest or not all(_is_latin(w) for w in words) or any(w.isupper() for w in rest):
        return name
    return " ".join([*(w.capitalize() for w in words[:capitals]), *rest])


def _without_glued_ending(name: str, language: str) -> str:
    """ "زهراست" (Zahra + ast, "is"): an ending of the word file (`name_endings`) written onto the
    last word of a name in Arabic script, sharing its alef; "زهرا". Latin names as typed."""
    words = name.split()
    # The one-word endings of the word file ("ast", "ه").
    endings = {p[0] for lex in lexicons_for(language) for p in lex.name_endings if len(p) == 1}
    if words and is_latin(words[-1]):
        # "Behnam-e", "Zahra-st": Persian typed in Latin letters joins "is" to the name with a hyphen.
        head, hyphen, tail = words[-1].rpartition("-")
        if hyphen and len(head) >= 3 and tail.lower() in endings | {"e", "ye", "st"} and language in ("fa", "fa_AF"):
            return " ".join([*words[:-1], head])
        return name
    if not words:
        return name
    last = words[-1]
    if "\u200c" in last:
        # "فاطمه‌ست": the ending after a zero-width non-joiner, its alef left out after "ه".
        head, _, tail = last.rpartition("\u200c")
        if head and (tail in endings or "ا" + tail in endings):
            return " ".join([*words[:-1], head])
    for lex in lexicons_for(language):
        for phrase in lex.name_endings:
            ending = phrase[0] if len(phrase) == 1 else ""
            if len(ending) < 3 or is_latin(ending) or not ending.startswith("ا"):
                continue
            if last.endswith(ending[1:]) and last[: -len(ending) + 1].endswith("ا") and len(last) - len(ending) >= 2:
                return " ".join([*words[:-1], last[: -len(ending) + 1]])
    return name


def _name_after_papers(text: str, language: str) -> str | None:
    """ "تو پاسپورت نوشته بهروز رحیمی‌نژاد ولی همه بهم میگن بهی" (in the passport is written Behrouz
    Rahiminejad, but everyone calls me Behi), "ኣብ ፍቓድ መንበሪ ዝተጻሕፈ: ሃብቶም ኣማኑኤል። …": the message
    opens with the papers (`papers` in the word files); the name is what is written after them,
    up to a remark ("but at home …", `name_asides`) or the end of that clause. Two words at least."""
    typed = text.split()
    words = [" ".join(words_of(w)) for w in typed]
    papers = find(words, index_for(language, "papers"))
    if not papers or papers[0].start > 2:
        # "ሽመይ ኣብ ወረቐተይ …" (my name on my papers …) opens with them; a name said first is
        # another rule's.
        return None
    on_them = covered(words, papers)
    asides = [
        m.start for m in find(words, index_for(language, "name_asides"), exact_only=True) if m.start >= papers[0].end
    ]
    after: list[str] = []
    for i in range(papers[0].end, min(asides, default=len(typed))):
        if i in on_them:
            continue
        after.append(typed[i])
        if after and _CLAUSE_END.search(typed[i][-1:]) and words_of(" ".join(after)):
            named, has_name = _name_in(" ".join(after), language)
            if has_name and len(named.split()) >= 2:
                break  # "…: ሃብቶም ኣማኑኤል። …": the clause that holds the name ends here
    named, has_name = _name_in(" ".join(after), language)
    return named if has_name and len(named.split()) >= 2 else None


def _name_on_papers(text: str, language: str) -> str | None:
    """ "ali haydar osman, ikamet kartinda ali osman", "ሽመይ ሚካኤላ ብርሃነ እዩ፡ ኣብ ፍቓድ ግን Mikaela
    Berhane": a name, then how it is written on the papers (`papers` in the word files): the
    name as on the papers, which the municipality needs. Its words are those of the name said
    first, or written as on a card (capitalised Latin letters); two at least."""
    parts = [part.strip() for part in _CLAUSE_END.split(text) if part.strip()]
    if len(parts) < 2:
        # "ik ben Abu Karim maar op de pas staat Khaled Ibrahim Saleh": no comma; the papers'
        # clause begins at the short words before the word for the papers ("op de pas").
        typed = text.split()
        words = [" ".join(words_of(w)) for w in typed]
        papers = find(words, index_for(language, "papers"))
        if not papers or papers[0].start < 2:
            return None
        start = papers[0].start
        while start > 1 and len(words[start - 1]) <= 3 and not typed[start - 1][:1].isupper():
            start -= 1
        parts = [" ".join(typed[:start]), " ".join(typed[start:])]
    first, _ = _name_in(parts[0], language)
    said = _folded(first.split())
    for part in parts[1:]:
        typed = part.split()
        words = [" ".join(words_of(w)) for w in typed]
        papers = find(words, index_for(language, "papers"))
        if not papers:
            continue
        on_papers = [
            t
            for i, (t, w) in enumerate(zip(typed, words, strict=True))
            if not any(m.start <= i < m.end for m in papers)
            and len(w) >= 2
            and (w in said or (t[:1].isupper() and _is_latin(t) and w not in _vocabulary(language)))
        ]
        if len(on_papers) >= 2 and _folded(on_papers) != said:
            return " ".join(on_papers)
        # "ሁሉም ሐጂ ከድር ይሉኛል፣ በመኖሪያ ፈቃዱ ላይ ከድር መሐመድ ዩሱፍ ነው" (everyone calls me Haji Kedir; on
        # the permit it is Kedir Mohammed Yusuf): after the word for the papers, in any script,
        # the name said first with more of it.
        on_them = covered(words, papers)  # "… on the permit is written Kedir Mohammed Yusuf"
        after = [t for i, t in enumerate(typed) if i >= papers[0].end and i not in on_them]
        named, has_name = _name_in(" ".join(after), language)
        in_both = said & _folded(named.split())
        if has_name and in_both and len(named.split()) > len(in_both):
            return named
    return None


def _before_aside(text: str, language: str) -> str:
    """ "its Mohammed Al Hassan but people call me Hamoudi", "mijn naam is amina yusuf abdi zoals
    op mijn verblijfsvergunning": the words before a remark (the word file's `name_asides`), when
    they hold a name; the whole text when the remark says the name more fully ("Ahmed, but my
    full name is Ahmed Ali Hassan")."""
    typed_words = text.split()
    words = [" ".join(words_of(w)) for w in typed_words]
    asides = [m for m in find(words, index_for(language, "name_asides"), exact_only=True) if m.start > 0]
    if not asides:
        return text
    first = min(m.start for m in asides)
    # "ኣዲ ንብላ፣ ስማ ግን ሳባ እዩ" (we call her Adi, her name though is Saba): a word for "name"
    # just before the remark goes with what comes after it.
    naming_before = [
        m for m in find_in(words[:first], language, "name_introductions", exact_only=True) if m.end == first
    ]
    aside_at = first
    if naming_before and naming_before[0].start > 0:
        first = naming_before[0].start
    before = " ".join(typed_words[:first]).strip(" ,.;:-،")
    name, has_name = _name_in(before, language)
    if not has_name or not name:
        return text
    rest = " ".join(typed_words[first:])
    later, _ = _name_in(rest, language)
    rest_words = [" ".join(words_of(w)) for w in rest.split()]
    said_again = find_in(rest_words, language, "name_introductions", exact_only=True)
    if later and said_again and _folded(name.split()) < _folded(later.split()):
        return text
    before_words = [" ".join(words_of(w)) for w in before.split()]
    naming = _name_words(language)

    def names(words: list[str], m: Match) -> bool:
        return any(w.startswith(n) for n in naming for w in words[m.start : m.end])

    # "everyone calls her Nana, but her real name is Zarghuna", "people call me Junior but my real
    # name is Kwame Boateng": a nickname first (no introduction with a word for "name" before it),
    # then the name after a word for "name".
    named_before = any(
        names(before_words, m) for m in find_in(before_words, language, "name_introductions", exact_only=True)
    )
    # The word for "name" before (the end of) the name it introduces: not "..., but that is not his
    # real name".
    later_words = words_of(later) if later else []
    later_at = next((i for i, w in enumerate(rest_words) if later_words and w == later_words[-1]), len(rest_words))
    if later and not named_before and any(names(rest_words, m) and m.end <= later_at for m in said_again):
        # Without the remark's word after the word for "name": "ስማ ግን ሳባ እዩ" (her name though is Saba).
        aside_words = {i - first for m in asides if m.start == aside_at > first for i in range(m.start, m.end)}
        return " ".join(w for i, w in enumerate(rest.split()) if i not in aside_words)
    return before


@cache
def _later_words(language: str) -> frozenset[str]:
    """The one-word pauses of the person's word files ("later", "بعدا", "paşê"): beside a label of
    the last name they say it is not given now."""
    return frozenset(p[0] for lex in lexicons_for(language) for p in lex.requests.get("pause", ()) if len(p) == 1)


@cache
def _name_words(language: str) -> tuple[str, ...]:
    """The words for "name" of the person's word files (`fields.full_name`, one word each)."""
    return tuple(
        {
            p[0]
            for lex in lexicons_for(language)
            for p in lex.fields.get("full_name", ())
            # Two Ethiopic syllables are a word: "ስማ", her name.
            if len(p) == 1 and (len(p[0]) >= 3 or any("\u1200" <= ch <= "\u137f" for ch in p[0]))
        }
    )


# Endings glued onto a word for a relative: "her/my" and "I am" in Persian script ("دخترشم", I
# am her daughter; "نواسیش", his grandson). Not any ending: "خالد" begins like "خال" (uncle).
_RELATIVE_ENDINGS = ("شم", "ش", "م", "ت", "ام", "یم", "مان", "تان", "شان", "یش", "ایش", "شه")


def _relative_with_ending(word: str, language: str) -> bool:
    folded = " ".join(words_of(word))
    if is_latin(folded):
        return False  # "we call her Mama but her name is Esther": the other rules place "Mama"
    if find([folded], index_for(language, "family"), exact_only=True):
        return True
    return any(
        folded.endswith(ending) and find([folded[: -len(ending)]], index_for(language, "family"), exact_only=True)
        for ending in _RELATIVE_ENDINGS
    )


def _name_in(text: str, language: str, after_label: bool = False) -> tuple[str, bool]:
    """The name in a message and whether the message held anything but known words.

    "My name is Fatima Ali" -> "Fatima Ali"; "my mother, her name is Khadija" -> "Khadija";
    "Yonas Gebremedhin, nice to meet you" -> "Yonas Gebremedhin"; the name as typed. Around the
    name stand known words (introductions, greetings, relations, yes and no): in each clause the
    longest run of other words is a name candidate; the clause of an introduction (or the one
    after it) wins, otherwise the longest candidate."""
    clauses = [c.strip() for c in _CLAUSE_END.split(text) if c.strip()]
    known = _vocabulary(language)
    candidates: list[tuple[list[str], bool]] = []  # (name words as typed, follows an introduction)
    surname_clauses: list[bool] = []  # the clause's label is one of a last name
    own_intro_clauses: list[bool] = []  # the clause has a name's own introduction, not only "I am"
    family_clauses: list[bool] = []  # the clause names a relative ("I am the wife of Moussa")
    intro_clauses: list[bool] = []  # the clause itself has an introduction ("I am" too)
    introduced = False
    clause_words: list[list[str]] = []  # the words of each clause with letters
    for clause in clauses:
        typed_words = clause.split()
        clause_words.append([w for w in typed_words if any(ch.isalpha() for ch in w)])
        words = [" ".join(words_of(w)) for w in typed_words]
        # Two capitalised words to begin with are a name ("Esma Yılmaz", "Mor Diop"): another
        # language's word for "my name is" or "mother" there is not taken for one.
        named = len(typed_words) > 1 and all(t[:1].isupper() and _is_latin(t) for t in typed_words[:2])
        # A label of a part ("የአባት ስም", father's name) introduces that part; of two that overlap
        # ("ስም" inside "የአባት ስም") the longer.
        labels = _own_first(words, language, "name_introductions", named) + _own_first(
            words, language, "surname_labels", named
        )
        longest: dict[tuple[int, int], Match] = {}
        for m in sorted(labels, key=lambda m: m.start - m.end):
            if not any(o.start <= m.start and m.end <= o.end for o in longest.values()):
                longest[(m.start, m.end)] = m
        intros = sorted(longest.values(), key=lambda m: m.start)
        # Exactly these words: a name may begin like one ("خالد" like "خال", uncle).
        not_a_name = _own_first(words, language, "not_a_name", named)
        # A greeting only opens a clause ("salam, Ahmed"): after "my name is" it is part of the
        # name (ሰላም, "peace", is also a first name).
        greeting_ends = set() if after_label else {0}
        for m in sorted(not_a_name, key=lambda m: m.start):
            if m.key == "greeting" and m.start in greeting_ends:
                greeting_ends.add(m.end)
        not_a_name = [m for m in not_a_name if m.key != "greeting" or m.start in greeting_ends]
        # A title stands before the name ("Dr Samir Haddad", "ወ/ሮ ኣበበች", "my name is Mme Mbala");
        # inside or at the end of a name it is part of it ("Dilovan Haji"), and alone it is the
        # name ("navê wê Xanim e").
        title_starts = greeting_ends | {m.end for m in intros}
        for m in sorted(not_a_name, key=lambda m: m.start):
            if m.key == "title" and m.start in title_starts:
                title_starts.add(m.end)
        not_a_name = [
            m
            for m in not_a_name
            if m.key != "title" or (m.start in title_starts and m.end < len(words) and words[m.end] not in known)
        ]
        titles = {i for m in not_a_name if m.key == "title" for i in range(m.start, m.end)}
        # "… is my name", also with a greeting or "please" after it ("… is my name sir").
        polite = {
            i
            for kind in ("filler", "not_a_name")
            for m in find(words, index_for(language, kind), exact_only=True)
            if m.key != "relation"
            for i in range(m.start, m.end)
        }
        endings = [
            m
            for m in find_in(words, language, "name_endings", exact_only=True)
            if set(range(m.end, len(words))) <= polite
        ]
        around = [
            *intros,
            *endings,
            *(Match("greeting", m.end, len(words), True) for m in endings[-1:] if m.end < len(words)),
            *not_a_name,
        ]
        # A relation word right after "her name is" (or first after a label or a correction:
        # "نام مکمل: بی بی فاطمه جعفری") or between two words of a name is part of the name:
        # "Bibi" (grandmother) in "Bibi Gul", "گل بی بی احمدی".
        intro_ends = {m.end for m in intros} | ({0} if after_label else set())
        for m in [m for m in not_a_name if m.key == "relation"]:
            inside = (
                m.start > 0
                and m.end < len(words)
                and not ({m.start - 1, m.end} & _covered(around, m))
                and words[m.start - 1] not in known  # "mon petit frère Ibrahima": "mon" is no name
            )
            # After the introduction only as a name is written: "her name is Bibi Gul", "اسمها بی بی
            # گل"; not "mon petit frère Ibrahima" (a relation in small letters).
            typed = typed_words[m.start]
            # Not with "my" or "his" glued on: "نام بابه کلانم محمد ..." (my grandfather's name).
            last_word = typed_words[m.end - 1]
            owned = not _is_latin(last_word) and len(last_word) > 3 and last_word.endswith(("م", "ش"))
            as_a_name = (typed[:1].isupper() or not _is_latin(typed)) and not owned
            if (m.start in intro_ends and as_a_name) or inside:
                around = [a for a in around if a is not m]
        covered = {i for m in around for i in range(m.start, m.end)}
        runs: list[tuple[int, list[str]]] = [(0, [])]
        for i, (typed, word) in enumerate(zip(typed_words, words, strict=True)):
            # A capitalised word after the first is a name even when it is also a word ("Gul Bibi").
            capitalised = i > 0 and typed[:1].isupper() and _is_latin(typed) and word not in _NAME_PARTICLES
            if (
                (
                    i in covered
                    and not (capitalised and i not in {j for m in intros for j in range(m.start, m.end)} | titles)
                )
                or (word in known and not capitalised)
                or not word
            ):
                runs.append((i + 1, []))
            else:
                runs[-1][1].append(typed)
        # A run of name particles alone ("van", "de") is no name.
        runs = [(start, run) for start, run in runs if any(w.casefold() not in _NAME_PARTICLES for w in run)] or [
            (0, [])
        ]
        relations = [m for m in not_a_name if m.key == "relation"]
        if len(intros) >= 2:
            # "first name Amina and last name Yusuf", "adım Fatma soyadım Öztürk": each label is
            # followed by one part of the name; the parts in the order typed are the name.
            # Labels side by side are one ("family name" "is"): the part follows the last of them.
            spans: list[list[int]] = []  # [start, end] of each label, side by side ones joined
            for m in intros:
                if spans and m.start <= spans[-1][1]:
                    spans[-1][1] = m.end
                else:
                    spans.append([m.start, m.end])
            parts = [next((run for start, run in runs if start == end and run), []) for _, end in spans]
            if len(parts) >= 2 and all(parts) and sum(len(p) for p in parts) <= 5:
                # "achternaam Gebremedhin, voornaam Selam": the last name last.
                last = [_is_surname_label(words[start:end], language) for start, end in spans]
                ordered = [p for p, is_last in zip(parts, last, strict=True) if not is_last]
                ordered += [p for p, is_last in zip(parts, last, strict=True) if is_last]
                runs = [(-len(words), [w for p in ordered for w in p])]  # parts apart: no one place
        if intros:
            # "annemin adı Fatma", "my mother, her name is Khadija": the name follows its introduction.
            after = [(start, run) for start, run in runs if start >= intros[-1].end and run]
            runs = after[:1] or runs
        elif relations:
            # "c'est ma tante Odette": the name follows the relation.
            after = [(start, run) for start, run in runs if start >= relations[0].end and run]
            runs = after[:1] or runs
        surname_label = [m for m in intros if _is_surname_label(words[m.start : m.end], language)]
        if surname_label and set(words[surname_label[0].end :]) & _later_words(language):
            # "Fariba, my surname I'll tell later", "Berîvan, paşnav paşê": the last name is not
            # given; no word of the clause is one.
            runs, surname_label = [(0, [])], []
        best_run = max((run for _, run in runs), key=len)
        if best_run and all(_relative_with_ending(w, language) for w in best_run):
            # "من دخترشم" (I am her daughter), "ez keça wê me": a relative's word with its endings,
            # no name.
            best_run = []
        candidates.append((best_run, bool(intros) or introduced))
        surname_clauses.append(bool(surname_label))
        # Within the words of "I am" ("anigu waxaan ahay": "anigu" and "waxaan ahay" each one too).
        self_intros = find(words, index_for(language, "self_introductions"), exact_only=True)
        only_i_am = {i for m in self_intros for i in range(m.start, m.end)}
        own_intro_clauses.append(any(not set(range(m.start, m.end)) <= only_i_am for m in intros))
        intro_clauses.append(bool(intros))
        labelled_words = {i for m in intros for i in range(m.start, m.end)}  # "magaca aabe": a label
        # "my husband's name is Ali": the relation with its "'s".
        family = find([w.removesuffix("'s") for w in words], index_for(language, "family"), exact_only=True)
        family_clauses.append(any(not set(range(m.start, m.end)) & labelled_words for m in family))
        introduced = introduced or (bool(intros) and not candidates[-1][0])
    if any(run and not family for (run, _), family in zip(candidates, family_clauses, strict=True)):
        # "ik ben de man van Hawa, ik heet Abdirahman Ali": the clause about a relative names them,
        # not the person, when another clause holds a name.
        # But "اسم مامانم شهلا احمدی هست، خودش تایپ بلد نیست" (my mother's name is ..., she cannot
        # type): a relative's name after a label of its own, beside no other introduced name, is
        # the name asked for (someone types for the person).
        other_introduced = any(
            run and here and not family
            for (run, _), family, here in zip(candidates, family_clauses, intro_clauses, strict=True)
        )
        # Who types said who they are, and no name of their own ("من دخترشم", I am her daughter).
        typed_for = any(here and not run for (run, _), here in zip(candidates, intro_clauses, strict=True))
        keep = typed_for and not other_introduced
        pairs = zip(candidates, family_clauses, own_intro_clauses, surname_clauses, strict=True)
        candidates = [
            (run if not family or (keep and own and not last) else [], intro)
            for (run, intro), family, own, last in pairs
        ]
    with_names = [(run, intro) for run, intro in candidates if run]
    if not with_names:
        return "", False
    # "achternaam Haile, voornaam Senait": the last name last.
    labelled = [
        run for (run, intro), last in zip(candidates, surname_clauses, strict=True) if run and intro and not last
    ]
    labelled += [run for (run, intro), last in zip(candidates, surname_clauses, strict=True) if run and intro and last]
    # Parts are joined only with a last name's label among them: "I am X's wife, my name is Y" is
    # two introductions, not two parts.
    has_surname = any(run and intro and last for (run, intro), last in zip(candidates, surname_clauses, strict=True))
    surnames = [run for (run, intro), last in zip(candidates, surname_clauses, strict=True) if run and last]
    first = candidates[0][0]  # the name words of the first clause
    # "Ayşe, soyadım Demir", "Omar ... and the family name Zoubi": the first name alone in the
    # first clause, the last name after its label in a later one (not "Şivan kurê Mehmûd,
    # paşnav Ibrahim", where the first clause says more than a name).
    first_alone = bool(first) and not candidates[0][1] and not family_clauses[0] and len(clause_words[0]) == len(first)
    two_parts = len(surnames) == 1 and len(labelled) == 1 and first != surnames[0]
    if two_parts and first_alone and len(first) <= 2 and len(surnames[0]) <= 2:
        labelled = [first, surnames[0]]
    # Not a part said again ("Mariam Traoré, prénom Mariam"): the name said first holds it.
    holding_all = [run for run in labelled if all(_folded(other) <= _folded(run) for other in labelled)]
    said_again = len(labelled) >= 2 and bool(holding_all)
    if said_again:
        labelled = holding_all[:1]
    if (
        len(labelled) >= 2
        and has_surname
        and not said_again
        and all(len(run) <= 3 for run in labelled)
        and sum(map(len, labelled)) <= 5
    ):
        # "navê min Nesrîn e, paşnavê min Bekir e", "ስሜ ብዙነሽ ነው፣ የአባቴ ስም ጌታቸው": one part of the
        # name in each clause, each after its label.
        with_names = [([w for run in labelled for w in run], True)]
    first_clause_is_a_name = 2 <= len(first) <= 3 and len(clause_words[0]) == len(first)
    if (
        first_clause_is_a_name
        and len(with_names) > 1
        and all(_folded(run) & _folded(first) and not _folded(first) <= _folded(run) for run in clause_words[1:] if run)
    ):
        # "Grace Mbuyi Tshibanda, Mbuyi c'est le postnom", "Ahmet Kemal Öztürk, Kemal ikinci
        # adım": a whole name first, then clauses about one of its words: the name said first.
        return " ".join(first).strip(" :,.-!"), True
    introduced_names = [run for run, intro in with_names if intro]
    # "I am the volunteer, her name is Khadija Adam": a name's own introduction before an "I am".
    named_by_own_intro = [
        run for (run, intro), own in zip(candidates, own_intro_clauses, strict=True) if run and intro and own
    ]
    if named_by_own_intro and len(named_by_own_intro) < len(introduced_names):
        introduced_names = named_by_own_intro
    # Without an introduction the name comes first ("Sahra Ismaaciil Nuur, but people call me
    # Sahro"): the first clause with a whole name (two words or more), else the longest.
    whole_names = [run for run, _ in with_names if len(run) >= 2]
    # "Deeqa, guriga waxaan ku niraahnaa Deeqo", "Jawad, lekin hama Jaji mega": a name written as
    # a name, alone in the first clause, before a remark about what the family calls them.
    # Only where capitals show it: in other scripts a lone word may be a verb ("شد، فرزاد نوری").
    written_as_a_name = all(w[:1].isupper() and _is_latin(w) for w in first)
    set_apart_by_comma = re.match(r"[^,;:!?.،؛።፣፡]+[,،፣]", text) is not None  # not "Mrs. …", "Farhad.. sorry"
    name_alone_first = (
        bool(first)
        and len(clause_words[0]) == len(first)
        and written_as_a_name
        and len(first) <= 3
        and set_apart_by_comma
    )
    best = (
        introduced_names[0]
        if introduced_names
        else first
        if name_alone_first and not family_clauses[0]
        else whole_names[0]
        if whole_names
        else max((run for run, _ in with_names), key=len)
    )
    # "اسمي يوسف، يوسف ابراهيم نعمه", "Avîn Reşîd, Avîn navê min e": the name said twice, once
    # whole; the whole one.
    fuller = [run for run, _ in with_names if len(run) > len(best) and _folded(best) <= _folded(run)]
    if fuller:
        best = max(fuller, key=len)
    if not introduced_names and len(best) >= 5 and all(_is_latin(w) and w.islower() for w in best):
        return "", False  # "i dont understand what i have to write here": a sentence, not a name
    return " ".join(best).strip(" :,.-!"), True


def read_text(question: Question, text: str, language: str) -> Reading:
    text = " ".join(text.split())
    rules = question.validation
    if rules.person_name:
        text = " ".join(arabizi_word(word) for word in text.split())
        if any(ch.isdigit() for ch in text) and not looks_like_bsn(text):
            return refused("no_letters")  # "she is 60": names hold no digits
        if "?" in text or "؟" in text or find(words_of(text), index_for(language, "question_words"), exact_only=True):
            # "why do you need my name? ok fine, Ayen Majok Deng": the name after the question.
            # Only after a question about the name itself ("where is the office? ..." is no name).
            before, _, after = text.rpartition("?") if "?" in text else text.rpartition("؟")
            about_name = any(m.key == "full_name" for m in find(words_of(before), index_for(language, "fields")))
            after = after.strip(" .,:;-")
            asks = find(words_of(after), index_for(language, "question_words"), exact_only=True)
            # In Latin letters a name after it is written as one ("ok fine, Ayen Majok Deng"),
            # not "nufus cuzdanindaki gibi mi" (like on the ID card?).
            written_as_a_name = any(w[:1].isupper() or not _is_latin(w) for w in after.split())
            if (
                about_name
                and after
                and not asks
                and written_as_a_name
                and (named := read_text(question, after, language)).ok
            ):
                return named
            return refused("too_short")  # "what do I write here?", "ismimi neden soruyorsunuz": a question
        # "Ghebremedhin Kidane (ik help hem met invullen)": what is said between brackets is a
        # note beside the name (a volunteer typing, a maiden name), not the name.
        text, surname_first = _without_order_words(text, language)
        typed = text
        text = " ".join(_BRACKETS.sub(" ", text).split()) or text.strip("()[] ")
        corrected = _after_correction(text, language)
        after_correction = corrected != text
        if after_correction:
            # "Mohammed Abdi, sorry Mohamed with one m": the word put right in the name said first.
            merged = _put_right(*_names_around_correction(text, language))
            corrected = " ".join(merged) if merged else corrected
        text = without_spelling(corrected, language)
        if _mostly_small_words(text, language):
            return refused("too_short")  # "why you need it", "waarom moet je mijn naam": no name
        said = text
        on_papers = _name_on_papers(text, language)
        if on_papers:
            text = _family_name_in_capitals(_capitalised(on_papers))
        else:
            labelled = _labelled_parts(text, language)
            if labelled is None:
                text = _before_aside(text, language)
            name, has_name = _name_in(labelled or text, language, after_label=labelled is not None or after_correction)
            name = _without_glued_ending(name, language)
            too_long = rules.max_length is not None and len(text) > rules.max_length
            if not has_name or (not too_long and all(_is_noise(word) for word in (name or text).split())):
                return refused("too_short")  # "ok", "yes", "hello", "hhhhh": no name in it
            text = _family_name_in_capitals(_capitalised(_written_apart(name, labelled or text) if name else text))
        if find(words_of(text), index_for(language, "papers")) and (behind := _name_after_papers(said, language)):
            # "تو پاسپورت نوشته بهروز رحیمی‌نژاد ولی همه بهم میگن بهی": the words for the papers
            # are no part of the name; what is written after them is.
            text = _family_name_in_capitals(_capitalised(behind))
        text = _in_the_order_filed(text, typed, surname_first, language)
    elif not question.translate and question.is_free_text:
        text = _known_name_in(question.known_names, text) or _organisation_in(text)
    if looks_like_bsn(text):
        return refused("bsn")
    if rules.min_length is not None and len(text) < rules.min_length:
        return refused("too_short")
    if rules.max_length is not None and len(text) > rules.max_length:
        return refused("too_long")
    if not any(ch.isalpha() for ch in text):
        return refused("no_letters")
    if all(_is_noise(word) for word in text.split()):
        return refused("too_short")  # "hhhhhh", "asdfgh", "ፐፐፐፐ": typed to get past a question
    return Reading(value=text)


def read_phone_value(text: str, region: str = "NL") -> str | None:
    """A phone number in international form (+31612345678); Dutch numbers without a country code,
    or numbers of `region` when the message names that country ("my Iraqi number 0770 ...").
    Of several numbers the last counts ("06 1234 5678 no sorry 06 1234 5679")."""
    found = _phone_numbers(text, region)
    return found[-1] if found else None


def dutch_mobile_beside_another(text: str) -> bool:
    """Two numbers, the last a Dutch mobile (06 and eight digits): "in Syria it was +963 944
    123456, now 06 74962835". One number alone is read as the country named says."""
    found = _phone_numbers(text)
    return len(found) >= 2 and re.fullmatch(r"\+316\d{8}", found[-1]) is not None


def _spelled_digits(text: str, language: str) -> str | None:
    """The digits of a number said in words, one number word after the other (digits, or tens
    and units: "zéro six vingt-trois ..."), when the message is little else. Digits typed as
    digits keep their zeros ("06 five zero ...", "06 twintig dertig ...")."""
    words = [w for word in words_of(text) for w in word.split("-") if w]
    digits = ""
    count = 0
    for typed, run in itertools.groupby(words, key=str.isdigit):
        run_words = list(run)
        if typed:
            digits += "".join(run_words)
            count += len(run_words)
            continue
        numbers = [n for n in numbers_in(run_words, language) if n.value == int(n.value)]
        digits += "".join(str(int(n.value)) for n in numbers)
        count += len(numbers)
    # "سی و یک، چهل و دو": the words for "and" between tens and units are no other words.
    joiners = covered(words, find(words, index_for(language, "number_joiners"), exact_only=True))
    if count < 5 or count < (len(words) - len(joiners)) // 2:
        return None
    return digits if 9 <= len(digits) <= 13 else None


def _phone_numbers(text: str, region: str = "NL") -> list[str]:
    digits = ascii_digits(text)
    # "06.99.88.77.66", "0031-6-98765432": separators between digit groups do not matter.
    joined = re.sub(r"(?<=\d)[\s.\-/()]+(?=\d)", "", digits)
    # "0628 then 174 then 903", "0628 بعدين 174 بعدين 903": groups with a word between them.
    groups = re.findall(r"\+?\d+", digits)
    in_groups = len(groups) >= 3 and groups[0].startswith(("0", "+")) and all(len(g) <= 5 for g in groups)
    worded = "".join(groups) if in_groups else ""
    for candidate in (digits, joined, worded):
        numbers = []
        for match in phonenumbers.PhoneNumberMatcher(candidate, region, leniency=phonenumbers.Leniency.POSSIBLE):
            if _plausible(match, region):
                numbers.append(phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164))
        if numbers:
            return numbers
    return []


def _plausible(match: phonenumbers.PhoneNumberMatch, region: str = "NL") -> bool:
    """A Dutch number has nine digits after the 0 (or +31); another country's number is written
    with its country code (+ or 00), or is a valid number of the country the message names."""
    number = match.number
    if number.country_code == 31:
        national = str(number.national_number)
        return len(national) == 9 and not match.raw_string.lstrip("+0").startswith("310")
    if region != "NL" and number.country_code == phonenumbers.country_code_for_region(region):
        return phonenumbers.is_valid_number(number)
    return match.raw_string.lstrip().startswith(("+", "00")) and phonenumbers.is_possible_number(number)


def read_phone(text: str, region: str = "NL", language: str = "en") -> Reading:
    phone = read_phone_value(text, region)
    if phone is None and (spelled := _spelled_digits(text, language)) is not None:
        # "zero six one seven ...", "ዜሮ ስድስት ስድሳ ሁለት ...": the number said in words, checked.
        phone = read_phone_value(spelled, region)
        if phone is not None:
            return Reading(value=phone, certainty=0.6)
    if phone is None:
        return refused("phone")
    if (ending := _ending_put_right(text, language)) is not None and len(ending) < len(phone) - 4:
        # "0655443321 no sorry, the end is 22": the last digits typed again; checked with the person.
        return Reading(value=phone[: -len(ending)] + ending, certainty=0.6)
    certainty = 1.0 if len(normalize(text).split()) <= 4 else 0.9
    return Reading(value=phone, certainty=certainty)


def _ending_put_right(text: str, language: str) -> str | None:
    """The digits (one to four) after a correction word that follows a whole number: "۰۶۵۵۴۴۳۳۲۱ نه
    ببخشید آخرش ۲۲" -> "22"; None when the message has no such correction."""
    typed = ascii_digits(text).split()
    whole = [i for i, w in enumerate(typed) if sum(ch.isdigit() for ch in w) >= 9]
    if not whole:
        return None
    after = typed[whole[-1] + 1 :]
    words = [" ".join(words_of(w)) for w in after]
    corrections = find(words, index_for(language, "number_corrections"), exact_only=True)
    if not corrections:
        return None
    short = [w for w in after[corrections[0].end :] if w.strip(".,!").isdigit()]
    return short[-1].strip(".,!") if len(short) == 1 and len(short[0].strip(".,!")) <= 4 else None


_EMAIL = re.compile(r"[^@\s<>(),;:\"'።፣،]+@[^@\s<>(),;:\"'።፣،]+\.[a-z]{2,}", re.IGNORECASE)


def read_email(text: str, language: str = "en") -> Reading:
    """An e-mail address in a sentence, also spelled out ("name at gmail dot com", "arobase",
    "apenstaartje") or with a comma for the dot ("gmail,com"). Of several, the last counts."""
    # "name(at)gmail.com", "name [at] yahoo . com": the sign written as a word in brackets.
    # Folded as the word files are ("alt çizgi" is "alt cizgi"); an address is lower case ASCII.
    spelled = re.sub(r"\s*[(\[{<]\s*at\s*[)\]}>]\s*", "@", normalize(_letters_together(text)), flags=re.IGNORECASE)
    spelled = re.sub(r"\s*[(\[{<]\s*dot\s*[)\]}>]\s*", ".", spelled, flags=re.IGNORECASE)
    # "جيميل دوت كوم", "جیمیل دات کام": a provider or a domain's end written in the person's script.
    for word, latin in _email_names(language):
        spelled = re.sub(rf"(?<!\S){re.escape(word)}(?!\S)", latin, spelled)
    for word, sign in _email_words(language):
        # "fatima (at) live (punt) nl": any word for a sign in brackets too.
        spelled = re.sub(rf"\s*[(\[{{<]\s*{re.escape(word)}\s*[)\]}}>]\s*", sign, spelled, flags=re.IGNORECASE)
        spelled = re.sub(rf"\s+{re.escape(word)}\s+", sign, spelled, flags=re.IGNORECASE)
    spelled = re.sub(r"\s*@\s*", "@", spelled)
    # "gmail . com", "gmail,com"; not a comma with a space after it ("Merveille à Kampala, mars
    # 2022": a place, then a month).
    spelled = re.sub(r"(?<=@)([\w\-]+)(?:\s*\.\s*|,)([a-z]{2,})\b", r"\1.\2", spelled, flags=re.IGNORECASE)
    # "@gmail com": a known mail provider, then the domain's end after a space. ("ahmed at gmail"
    # alone is no address: the person is asked again, as people who wrote the sets expect.)
    spelled = re.sub(rf"(?<=@)({_PROVIDERS})\s*[\s,]\s*(com|nl|net|org)\b", r"\1.\2", spelled, flags=re.IGNORECASE)
    found = list(_EMAIL.finditer(spelled))
    if not found or len(found[-1].group()) > 120:
        return refused("email")
    address = found[-1].group().strip(".").lower()
    certainty = 1.0 if len(text.split()) <= 2 else 0.9
    # "ahmad alali 1990@gmail.com": a phone keyboard put spaces inside the name part. The Latin
    # words right before it that are no words of the language ("my email is") belong to it; the
    # address is then checked with the person ("ahmadalali1990@gmail.com — is that right?").
    name_part = address.partition("@")[0]
    # Dictated ("betty assefa at gmail dot com"): the words of the name part were said apart.
    dictated = "@" not in text and name_part.isalpha()
    apart = dictated or re.search(r"\s@", text) is not None or name_part.isdigit() or len(name_part) <= 3
    before = _address_words_before(spelled[: found[-1].start()], language) if apart else []
    if before:
        address, certainty = "".join(before).lower() + address, 0.6
    # "hanna.girma@gmial.com no gmail.com", "serkan.aslan@gmail.co yok .com": a domain or its end
    # typed again after the address puts it right; checked with the person.
    after = spelled[found[-1].end() :]
    fix = _DOMAIN_AFTER.search(after)
    # Only a short word or two before it ("no, gmail"), not "... not the old yahoo".
    provider = _PROVIDER_AFTER.search(after) if len(after.split()) <= 3 else None
    if provider and not fix and provider.group(1).lower() != address.partition("@")[2].split(".")[0]:
        # "layla@gmial.com no, gmail": the provider's name typed again puts it right.
        name, _, domain = address.partition("@")
        address, certainty = f"{name}@{provider.group(1).lower()}.{domain.rsplit('.', 1)[-1]}", 0.6
    elif fix:
        name, _, domain = address.partition("@")
        ending = fix.group(1).lower()
        domain = domain.rsplit(".", 1)[0] + ending if ending.startswith(".") else ending
        address, certainty = f"{name}@{domain}", 0.6
    elif (digits := _digits_put_right(address, spelled[found[-1].end() :])) is not None:
        address, certainty = digits, 0.6
    return Reading(value=address, certainty=certainty)


def _letters_together(text: str) -> str:
    """ "e s t h e r k 7 5 @ gmail . com": a name typed letter by letter (four or more Latin
    letters or digits, each alone) is one word again."""
    words = text.split()
    out: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1 and word.isascii() and word.isalnum():
            run.append(word)
            continue
        out += ["".join(run)] if len(run) >= 4 else run
        run = []
        if word:
            out.append(word)
    return " ".join(out)


def _digits_put_right(address: str, after: str) -> str | None:
    """ "abdi.w.1988@gmail.com sorry 1989 not 1988", "…85@gmail.com nee 86 niet 85": numbers said
    after the address put the number in its name right: the one in the name is the wrong one, the
    other the right one (or one number of the same length as the only number in the name)."""
    said = list(dict.fromkeys(re.findall(r"\d+", ascii_digits(after))))
    name, _, domain = address.partition("@")
    in_name = re.findall(r"\d+", name)
    if not said or not in_name:
        return None
    wrong = [n for n in said if n in in_name]
    right = [n for n in said if n not in in_name]
    if len(right) != 1 or len(right[0]) != len((wrong or in_name)[0]):
        return None
    if not wrong and len(in_name) != 1:
        return None
    old = wrong[0] if wrong else in_name[0]
    head, _, tail = name.rpartition(old)
    return f"{head}{right[0]}{tail}@{domain}"


# Mail providers people name with the domain's end apart ("gmail com").
_PROVIDERS = "gmail|hotmail|outlook|yahoo|icloud|live|ziggo|kpnmail"


# A domain ("gmail.com") or the end of one (".com") on its own, after the address.
_DOMAIN_AFTER = re.compile(r"(?:^|\s)((?:[a-z0-9\-]+)?\.[a-z]{2,})\s*[.!]?\s*$", re.IGNORECASE)


# A mail provider's name on its own at the end, after the address ("... no, gmail").
_PROVIDER_AFTER = re.compile(rf"(?:^|\s)({_PROVIDERS})\s*[.!]?\s*$", re.IGNORECASE)

_ADDRESS_WORD = re.compile(r"[a-z0-9._\-]+", re.IGNORECASE)


def _address_words_before(text: str, language: str) -> list[str]:
    """The last (at most three) words of `text` when they end right before an address and could
    be part of it: Latin letters or digits, no word of the person's languages or English."""
    if not text.endswith(" "):
        return []
    words: list[str] = []
    for word in reversed(text.split()[-3:]):
        if not _ADDRESS_WORD.fullmatch(word) or normalize(word) in _known_words(language):
            break
        words.insert(0, word)
    return words


@cache
def _known_words(language: str) -> frozenset[str]:
    """Every one-word entry of the word lists of the person's languages and English (for telling
    a word of a sentence from a part of a name)."""
    known: set[str] = set()
    for lex in lexicons_for(language):
        groups = [*lex.lists.values(), *lex.requests.values(), *lex.fields.values(), *lex.email_words.values()]
        known.update(word for phrases in groups for p in phrases for word in p)
    return frozenset(known)


@cache
def _email_names(language: str) -> tuple[tuple[str, str], ...]:
    """Providers and domain ends written in another script (`email_words` keys other than the
    signs: "gmail: [جيميل]"), as (spelling, Latin)."""
    pairs = [
        (" ".join(p), key)
        for lex in lexicons_for(language)
        for key, phrases in lex.email_words.items()
        if key not in EMAIL
        for p in phrases
    ]
    return tuple(sorted(set(pairs), key=lambda pair: -len(pair[0])))


@cache
def _email_words(language: str) -> tuple[tuple[str, str], ...]:
    """ "at", "dot", "underscore", "dash" as people spell an address, in the person's language
    and English."""
    pairs = []
    for lex in lexicons_for(language):
        for sign, key in (("@", "at"), (".", "dot"), ("_", "underscore"), ("-", "dash")):
            pairs += [(" ".join(p), sign) for p in lex.email_words.get(key, ())]
    return tuple(sorted(set(pairs), key=lambda pair: -len(pair[0])))
