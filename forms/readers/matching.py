"""Finding known phrases inside what a person typed.

A phrase (a tuple of normalised words, see forms.lexicon) matches the same words in a row anywhere
in the message. One word matches another when it is the same word, or when it is the known word
with a grammatical prefix or suffix attached the way these languages attach them:

  * Arabic script: "و" (and), "ب" (in), "ل" (for), "ال" (the) in front: "والعربي", "بالانجليزي";
  * any script: a known word of several letters at the start of a longer word, for suffixes
    ("Suriye'den", "ትግርኛን", "Somaliya");
  * Latin script: one typing error in a long word ("univercity").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from forms.lexicon import Lexicon, Phrase, lexicons_for, other_lexicons

# Letters of Arabic-script prefixes, longest first; never the whole word.
_ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "کال", "لل", "ال", "و", "ب", "ل", "ف")
_MAX_SUFFIX = 5


@dataclass(frozen=True)
class Match:
    key: str
    start: int  # index of the first word
    end: int  # index after the last word
    exact: bool  # every word matched exactly (no affix, no typo)

    @property
    def size(self) -> int:
        return self.end - self.start


def _is_latin(word: str) -> bool:
    return all(ch.isascii() or "\u00c0" <= ch <= "\u024f" for ch in word)


def _is_arabic_script(word: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in word)


def _one_edit_apart(a: str, b: str) -> bool:
    """True for one letter replaced, added, removed, or two neighbours swapped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diffs) == 1 or (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
        )
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def word_matches(typed: str, known: str) -> tuple[bool, bool]:
    """(matches, exactly) for one typed word against one known word."""
    if typed == known:
        return True, True
    if _is_arabic_script(typed):
        for prefix in _ARABIC_PREFIXES:
            if typed.startswith(prefix) and len(typed) - len(prefix) >= 2:
                rest = typed[len(prefix) :]
                if rest == known or (known.startswith("ال") and rest == known[2:]):
                    return True, False
        if known.startswith("ال") and typed == known[2:]:
            return True, False
    if typed.isdigit() or known.isdigit():
        return False, False
    latin = _is_latin(known)
    min_stem = 4 if latin else 3
    if len(known) >= min_stem and typed.startswith(known) and len(typed) - len(known) <= _MAX_SUFFIX:
        return True, False
    if latin and len(known) >= 6 and typed[:1] == known[:1] and _one_edit_apart(typed, known):
        return True, False
    return False, False


def find(words: list[str], phrases: Mapping[str, Iterable[Phrase]], exact_only: bool = False) -> list[Match]:
    """Every place where a phrase of `phrases` ({key: phrases}) occurs, best first: longer
    phrases before shorter, exact before affixed; overlapping matches are left out.
    `exact_only`: no affixes, no typos (for requests: "whatsapp" is no "what", "personne" no "person")."""
    candidates: list[Match] = []
    for key, options in phrases.items():
        for known in options:
            n = len(known)
            if n == 0 or n > len(words):
                continue
            for start in range(len(words) - n + 1):
                exact = True
                for typed, want in zip(words[start : start + n], known, strict=True):
                    ok, is_exact = (typed == want, True) if exact_only else word_matches(typed, want)
                    if not ok:
                        break
                    exact = exact and is_exact
                else:
                    candidates.append(Match(key, start, start + n, exact))
    candidates.sort(key=lambda m: (-m.size, not m.exact, m.start))
    taken: set[int] = set()
    result: list[Match] = []
    for match in candidates:
        span = set(range(match.start, match.end))
        if span & taken:
            continue
        taken |= span
        result.append(match)
    return sorted(result, key=lambda m: m.start)


def merged(*tables: Mapping[str, Iterable[Phrase]]) -> dict[str, list[Phrase]]:
    """Several {key: phrases} tables as one (the phrases of each key together, first table first)."""
    result: dict[str, list[Phrase]] = {}
    for table in tables:
        for key, phrases in table.items():
            result.setdefault(key, []).extend(p for p in phrases if p not in result[key])
    return result


def covered(words: list[str], matches: Iterable[Match]) -> set[int]:
    return {i for m in matches for i in range(m.start, m.end)}


def uncovered_words(words: list[str], matches: Iterable[Match]) -> list[str]:
    """The words no match used, punctuation left out."""
    used = covered(words, matches)
    return [w for i, w in enumerate(words) if i not in used and any(ch.isalnum() for ch in w)]


TableOf = Callable[[Lexicon], Mapping[str, Iterable[Phrase]]]


def table_for(language: str, table_of: TableOf, others: bool = False) -> dict[str, list[Phrase]]:
    lexicons = other_lexicons(language) if others else lexicons_for(language)
    return merged(*(table_of(lex) for lex in lexicons))


def find_in(words: list[str], language: str, table_of: TableOf, exact_only: bool = False) -> list[Match]:
    """Matches of one kind of words (`table_of` picks them from a lexicon): the person's own
    language first (and those its speakers mix in, and English); the other languages only when
    those found nothing ("حوالي 1990" in the English chat)."""
    return find(words, table_for(language, table_of), exact_only) or find(
        words, table_for(language, table_of, others=True), exact_only
    )
