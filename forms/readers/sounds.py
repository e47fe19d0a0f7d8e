"""Dutch place names typed by their sound in another script: "ኤንክሁይዘን", "بوفنكارسبل", "هوګووډ".

People who know Enkhuizen or Hoogwoud only by ear write the name in their own letters, each
in their own way. Instead of a table of spellings per script, the typed word and the Dutch name
are both turned into Latin letters (anyascii) and compared by their consonants: Arabic script
writes few vowels, and the letters it writes vowels with (و, ی) are left out too.
"""

from __future__ import annotations

import re
from functools import cache

from anyascii import anyascii

from forms.readers.matching import ARABIC_PREFIXES
from forms.schema import Option

# Sounds that scripts write differently: the Dutch g is the Arabic خ / غ and the Ethiopic ኽ,
# v is written ف or و, p has no letter of its own in Arabic.
_DIGRAPHS = (("kh", "k"), ("gh", "k"), ("ch", "k"), ("ck", "k"), ("ph", "f"), ("sh", "s"), ("ij", "i"))
_SAME = str.maketrans({"g": "k", "q": "k", "c": "k", "x": "k", "v": "f", "p": "b", "d": "t", "z": "s"})
_SILENT = set("aeiouwyj")
# Short keys collide with ordinary words: a name must keep at least this many consonants.
MIN_KEY = 3


def sound_key(text: str) -> str:
    """The consonants of a name as it sounds: "Bovenkarspel" and "بوفنكارسبل" give "bfnkrsbl"."""
    latin = anyascii(text).lower()
    for pair, one in _DIGRAPHS:
        latin = latin.replace(pair, one)
    key: list[str] = []
    for ch in latin.translate(_SAME):
        if not ch.isalpha() or ch in _SILENT:
            continue
        if not key or key[-1] != ch:
            key.append(ch)
    return "".join(key)


def sound_keys(text: str) -> set[str]:
    """The sound key, and for a word of Arabic script beginning with و also the key with that و
    said as v ("واتنفال", Vattenfall), beside the one with it said as w (silent: "ووننزورگ",
    Woonzorg)."""
    keys = {sound_key(text)}
    stripped = text.strip()
    if stripped.startswith("و") and not stripped.startswith("وو"):
        keys.add(sound_key("ف" + stripped[1:]))
    return keys


def is_latin(word: str) -> bool:
    return all(ch.isascii() or not ch.isalpha() or "\u00c0" <= ch <= "\u024f" for ch in word)


@cache
def _option_keys(options: tuple[Option, ...]) -> dict[str, str]:
    """{sound key: option code} of every Latin name of the options (one key, one code)."""
    keys: dict[str, set[str]] = {}
    for option in options:
        for name in (option.label, *option.also_written):
            if is_latin(name) and len(key := sound_key(name)) >= MIN_KEY:
                keys.setdefault(key, set()).add(option.code)
    return {key: next(iter(codes)) for key, codes in keys.items() if len(codes) == 1}


def by_sound(options: tuple[Option, ...], words: list[str]) -> tuple[str, bool] | None:
    """The option whose name one word (or two, "دي خورن") in another script sounds like, and
    whether it sounded exactly alike (else one consonant differs, in a long name); or None."""
    keys = _option_keys(options)
    found: dict[str, bool] = {}
    for i, word in enumerate(words):
        if is_latin(word):
            continue
        spans = [word, *(word[len(p) :] for p in ARABIC_PREFIXES if word.startswith(p) and len(word) > len(p) + 2)]
        if i + 1 < len(words) and not is_latin(words[i + 1]):
            spans.append(word + words[i + 1])
        for span in spans:
            # The word as typed first: "بوونکارسپل" is Bovenkarspel one letter apart, and without
            # its "ب" (read as "in") one letter from Hoogkarspel; the first reading that finds a
            # place is the word's.
            heard = _heard(keys, span)
            for code, exact in heard.items():
                found[code] = found.get(code, False) or exact
            if heard:
                break
    if len(found) != 1:
        return None
    code, exact = next(iter(found.items()))
    return code, exact


def _heard(keys: dict[str, str], span: str) -> dict[str, bool]:
    """{code: exactly alike} of the places one span of letters sounds like."""
    key = sound_key(span)
    if len(key) < MIN_KEY:
        return {}
    if key in keys:
        return {keys[key]: True}
    if len(key) < 6:
        return {}
    return {code: False for known, code in keys.items() if abs(len(known) - len(key)) <= 1 and one_apart(known, key)}


def one_apart(a: str, b: str) -> bool:
    """One letter added, left out or changed."""
    if len(a) < len(b):
        a, b = b, a
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    return any(a[:i] + a[i + 1 :] == b for i in range(len(a)))


# Arabizi, Arabic typed in Latin letters with digits for the sounds Latin lacks ("7asan 3abbas",
# "5aled"): in a name the case manager reads the letters ("Hasan Abbas", "Khaled"); in a number
# the digit is no number ("men 2020 la 7ad ma tla3na", from 2020 until we left).
_ARABIZI = {"2": "", "3": "'", "5": "kh", "6": "t", "7": "h", "8": "gh", "9": "s"}


def arabizi_word(word: str) -> str:
    """ "7asan" -> "hasan", "3omar" -> "omar", "sa3id" -> "sa'id"; other words as typed."""
    letters = [ch for ch in word if ch.isalpha()]
    if not letters or not all(is_latin(ch) for ch in letters) or not any(ch in _ARABIZI for ch in word):
        return word
    if any(ch.isdigit() and ch not in _ARABIZI for ch in word) or sum(ch.isdigit() for ch in word) > len(letters) / 2:
        return word  # "12a", "2020": a number, not a name
    if re.fullmatch(r"\d+(?:st|nd|rd|th|e|er|ème)", word, re.IGNORECASE):
        return word  # "2nd", "3e": an ordinal
    spelled = "".join(_ARABIZI.get(ch, ch) for ch in word).strip("'")
    return spelled if spelled else word
