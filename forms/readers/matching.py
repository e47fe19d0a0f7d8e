"""Finding known phrases inside what a person typed.

A phrase (a tuple of normalised words, see forms.lexicon) matches the same words in a row anywhere
in the message. One word matches another when it is the same word, or when it is the known word
with a grammatical prefix or suffix attached the way these languages attach them:

  * Arabic script: "و" (and), "ب" (in), "ل" (for), "ال" (the) in front: "والعربي", "بالانجليزي";
  * Ethiopic script: the prepositions Amharic and Tigrinya write in front of a word, "በ" (in),
    "ከ"/"ካብ" (from, with), "ለ" (for), "የ" (of), "ብ" (by), "ን" (to): "በሊባኖስ", "ከአዲስ";
  * any script: a known word of several letters at the start of a longer word, for suffixes
    ("Suriye'den", "ትግርኛን", "Somaliya");
  * Latin script: one typing error in a long word ("univercity"), and letters held down for
    emphasis ("yook", "balee", "nooo" are "yok", "bale", "no").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from forms.lexicon import Lexicon, Phrase, lexicons_for, other_lexicons

# Letters of Arabic-script prefixes, longest first; never the whole word.
ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "کال", "لل", "ال", "و", "ب", "ل", "ف")
# Ethiopic prepositions written in front of a word (Amharic, Tigrinya), longest first; the rest
# must keep two syllables, and the whole word as written wins over it ("የለም", no, stays "የለም").
ETHIOPIC_PREFIXES = ("እንደ", "ስለ", "ካብ", "ናብ", "በ", "ከ", "ለ", "የ", "ብ", "ን")
_MAX_SUFFIX = 5


def _is_ethiopic(word: str) -> bool:
    return any("\u1200" <= ch <= "\u137f" for ch in word)


def _with_article_and_ending(typed: str) -> str | None:
    """ "النجاره" -> "نجار": a noun with the article before it and "ة" (written "ه" once folded)
    after it. Only with the article: "بساعده" (I help him) ends in the pronoun "ه"."""
    for article in ("ال", "وال", "بال", "لل"):
        if _is_arabic_script(typed) and typed.startswith(article) and typed.endswith(("ة", "ه")):
            stem = typed[len(article) : -1]
            return stem if len(stem) >= 4 else None
    return None


def _without_prefix(typed: str) -> list[str]:
    """The word without a grammatical prefix of its script (Arabic or Ethiopic), if it has one."""
    prefixes = ARABIC_PREFIXES if _is_arabic_script(typed) else ETHIOPIC_PREFIXES if _is_ethiopic(typed) else ()
    return [typed[len(p) :] for p in prefixes if typed.startswith(p) and len(typed) - len(p) >= 2]


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


def _same_word(typed: str, known: str) -> bool:
    """The same word, also without its apostrophe: phone keyboards leave it out ("dont", "cest")."""
    return typed == known or (("'" in typed or "'" in known) and typed.replace("'", "") == known.replace("'", ""))


_HELD_LETTERS = re.compile(r"(\w)\1{2,}")
_DOUBLED_LAST = re.compile(r"(\w)\1$")


def _squeezed(word: str) -> str:
    """The word with a letter held down as one letter: three or more in a row ("yoook", "nooo"),
    or two at the end of a short word ("balee", "ayee"). Not two inside a word: Dutch "zoon" is
    no "zon", Somali "saddex" no "sadex"."""
    word = _HELD_LETTERS.sub(r"\1", word)
    return _DOUBLED_LAST.sub(r"\1", word) if len(word) <= 5 else word


def word_matches(typed: str, known: str, typos: bool = True) -> tuple[bool, bool]:
    """(matches, exactly) for one typed word against one known word; `typos`: also one typing
    error in a long Latin word."""
    if _same_word(typed, known):
        return True, True
    if any(rest == known or (known.startswith("ال") and rest == known[2:]) for rest in _without_prefix(typed)):
        return True, False
    if _is_arabic_script(typed) and known.startswith("ال") and typed == known[2:]:
        return True, False
    if _is_arabic_script(typed) and len(known) >= 4 and _with_article_and_ending(typed) == known:
        return True, False  # "النجارة" (carpentry) of "نجار" (carpenter): "ال" + the word + "ة"
    if typed.isdigit() or known.isdigit():
        return False, False
    head, apostrophe, tail = typed.partition("'")
    if apostrophe and len(head) >= 3 and len(tail) <= 4 and _same_word(head, known):
        return True, False  # Turkish writes a name's ending after an apostrophe: "ekim'de", "Hoorn'da"
    head, hyphen, tail = typed.rpartition("-")
    if hyphen and len(head) >= 3 and 1 <= len(tail) <= 2 and tail.isalpha() and _same_word(head, known):
        return True, False  # Persian typed in Latin letters joins a word to the next with "-e": "panj-e mehr"
    latin = _is_latin(known)
    if latin and len(known) >= 2 and _is_latin(typed) and _squeezed(typed) == _squeezed(known):
        return True, False  # "yesss", "balee": a letter held down for emphasis
    min_stem = 5 if latin else 3  # "merc" (Wednesday) is no stem of "merci"
    if len(known) >= min_stem and typed.startswith(known) and len(typed) - len(known) <= _MAX_SUFFIX:
        return True, False
    if _is_ethiopic(typed) and any(
        len(known) >= min_stem and rest.startswith(known) and len(rest) - len(known) <= _MAX_SUFFIX
        for rest in _without_prefix(typed)
    ):
        # "በተከራየነው": "በ" (in) + "ተከራ" (rent-) + the rest of the verb. (Not in Arabic script,
        # where "وعشرين" would also be "و" + "عشر" + a suffix.)
        return True, False
    if typos and latin and len(known) >= 6 and typed[:1] == known[:1] and _one_edit_apart(typed, known):
        return True, False
    return False, False


class PhraseIndex:
    """Phrases indexed by their first word, so that a message is matched against the few phrases
    that can start at each of its words instead of against every phrase."""

    def __init__(self, phrases: Mapping[str, Iterable[Phrase]]) -> None:
        self.by_first: dict[str, list[tuple[str, Phrase]]] = {}
        self.typo_candidates: dict[str, list[tuple[str, Phrase]]] = {}
        for key, options in phrases.items():
            for known in options:
                if not known:
                    continue
                self.by_first.setdefault(known[0], []).append((key, known))
                if "'" in known[0]:
                    self.by_first.setdefault(known[0].replace("'", ""), []).append((key, known))
                if known[0].startswith("ال") and len(known[0]) > 3:
                    self.by_first.setdefault(known[0][2:], []).append((key, known))
                if _is_latin(known[0]) and len(known[0]) >= 6:
                    self.typo_candidates.setdefault(known[0][0], []).append((key, known))

    def starting_with(self, typed: str, exact_only: bool) -> list[tuple[str, Phrase]]:
        found = list(self.by_first.get(typed, ()))
        if "'" in typed:
            found += self.by_first.get(typed.replace("'", ""), ())
        if exact_only:
            return found
        if noun := _with_article_and_ending(typed):
            found += self.by_first.get(noun, ())  # "النجارة": "ال" + "نجار" + "ة"
        for rest in _without_prefix(typed):
            found += self.by_first.get(rest, ())
            if _is_ethiopic(rest):
                found += [c for length in range(3, len(rest)) for c in self.by_first.get(rest[:length], ())]
        if _is_latin(typed) and (squeezed := _squeezed(typed)) != typed:
            found += self.by_first.get(squeezed, ())
        if not typed.isdigit():
            for length in range(3, len(typed)):
                if len(typed) - length <= _MAX_SUFFIX:
                    found += self.by_first.get(typed[:length], ())
            found += self.typo_candidates.get(typed[:1], ())
        return found


def find(
    words: list[str],
    phrases: Mapping[str, Iterable[Phrase]] | PhraseIndex | tuple[PhraseIndex, ...],
    exact_only: bool = False,
    typos: bool = True,
) -> list[Match]:
    """Every place where a phrase of `phrases` ({key: phrases}) occurs, best first: longer
    phrases before shorter, exact before affixed; overlapping matches are left out.
    `exact_only`: no affixes, no typos (for requests: "whatsapp" is no "what", "personne" no "person").
    `typos` off: affixes ("ሓብተይን", my sister and) but no typing errors."""
    if isinstance(phrases, tuple):
        indices = phrases
    else:
        indices = (phrases if isinstance(phrases, PhraseIndex) else PhraseIndex(phrases),)
    candidates: list[Match] = []
    seen: set[tuple[str, Phrase, int]] = set()
    for start, first in enumerate(words):
        for key, known in (c for index in indices for c in index.starting_with(first, exact_only)):
            n = len(known)
            if start + n > len(words) or (key, known, start) in seen:
                continue
            seen.add((key, known, start))
            exact = True
            for typed, want in zip(words[start : start + n], known, strict=True):
                ok, is_exact = (_same_word(typed, want), True) if exact_only else word_matches(typed, want, typos)
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

# The kinds of words a reader looks for, each taken from every lexicon: {kind: lexicon -> {key: phrases}}.
KINDS: dict[str, TableOf] = {
    "yes_no": lambda lex: {m: lex.lists[m] for m in ("yes", "have", "no", "have_not", "dont_know")},
    "no_answers": lambda lex: {
        "dont_know": lex.lists["dont_know"],
        "skipped": lex.lists["decline"],
        "none": lex.lists["none"] + lex.lists["have_not"] + lex.lists["no"],
    },
    "requests": lambda lex: lex.requests,
    # Words that may stand beside a request without making it an answer ("please", "can I").
    "filler": lambda lex: {"filler": lex.lists["filler"]},
    # "not", "don't", "ما": a request word beside them is said not wanted ("I don't want to go back").
    "negations": lambda lex: {"no": lex.lists["no"] + lex.lists["no_before_verb"] + lex.lists["have_not"]},
    "corrections": lambda lex: {"wrong": lex.lists["corrections"]},
    "fields": lambda lex: lex.fields,
    "approximately": lambda lex: {"a": lex.approximately_before + lex.approximately_after},
    "approximately_before": lambda lex: {"a": lex.approximately_before},
    "approximately_after": lambda lex: {"a": lex.approximately_after},
    "numbers": lambda lex: _number_table(lex),
    "ordinals": lambda lex: {str(value): [p for p, v in lex.ordinals.items() if v == value] for value in range(1, 32)},
    "units": lambda lex: lex.units,
    "half": lambda lex: {"half": lex.lists["half"]},
    "less_than_one": lambda lex: {"less_than_one": lex.lists["less_than_one"]},
    "age_since": lambda lex: {"age": lex.lists["age_since"]},
    "in_total": lambda lex: {"total": lex.lists["in_total"]},
    # "after that", "also": the next item of a list ("after that a sewing course").
    "next_one": lambda lex: {"next": lex.lists["next_one"]},
    # What puts a value right inside one message: "wrong", "no", "sorry, I mean".
    "number_corrections": lambda lex: {"c": lex.lists["corrections"] + lex.lists["no"] + lex.lists["sorry"]},
    "only": lambda lex: {"only": lex.lists["only"]},
    "number_joiners": lambda lex: {"and": lex.lists["number_joiners"]},
    "or_words": lambda lex: {"or": lex.lists["or_words"]},
    "talk_to_a_person": lambda lex: {"talk": lex.lists["talk_words"], "person": lex.lists["person_words"]},
    "no_before_verb": lambda lex: {"no": lex.lists["no_before_verb"]},
    "age": lambda lex: {"age": lex.lists["age_phrases"] + lex.units["year"]},
    # Words for the people of the household groups ("my son", "بنتي", "my father"): a correction
    # that names one is about them, not about the person's own answers.
    "family": lambda lex: {
        "family": [
            *lex.fields.get("children", ()),
            *lex.fields.get("partner", ()),
            *(p for phrases in lex.options.get("member_relation", {}).values() for p in phrases),
        ]
    },
    # The person's partner and children ("my wife", "the kids"): the household asked before.
    "family_at_home": lambda lex: {"family": [*lex.fields.get("children", ()), *lex.fields.get("partner", ())]},
    "name_introductions": lambda lex: {"intro": lex.name_introductions},
    "self_introductions": lambda lex: {"self": lex.lists["self_introductions"]},
    "surname_labels": lambda lex: {"surname": lex.lists["surname_labels"]},
    "surname_first": lambda lex: {"surname_first": lex.lists["surname_first"]},
    "name_asides": lambda lex: {"aside": lex.lists["name_asides"]},
    "question_words": lambda lex: {"why": lex.lists["question_words"]},
    "others_know": lambda lex: {"others_know": lex.lists["others_know"]},
    "name_endings": lambda lex: {"end": lex.name_endings},
    # Words around a name that are not the name: greetings, family relations ("my mother").
    "not_a_name": lambda lex: {
        "greeting": lex.lists["greetings"],
        "title": lex.lists["titles"],
        "relation": [p for phrases in lex.options.get("member_relation", {}).values() for p in phrases],
    },
    "every_day": lambda lex: {"every": lex.lists["every_day"]},
    "busy": lambda lex: {"busy": lex.lists["busy"]},
    "because": lambda lex: {"because": lex.lists["because"]},
    "after_time": lambda lex: {"after": lex.lists["after_time"]},
    "own_language": lambda lex: {"own": lex.lists["own_language"]},
    "not_words": lambda lex: {"not": lex.lists["not_words"]},
    "papers": lambda lex: {"papers": lex.lists["papers"]},
    "spelling_words": lambda lex: {"spelling": lex.lists["spelling_words"]},
    "except": lambda lex: {"except": lex.lists["except"]},
    "feasts": lambda lex: lex.calendars["feasts"],
    "around_feasts": lambda lex: lex.calendars["around_feasts"],
    "until": lambda lex: {"until": lex.lists["until"]},
    "day_parts": lambda lex: lex.day_parts,
    "weekdays": lambda lex: lex.weekdays,
}


def _number_table(lex: Lexicon) -> dict[str, list[Phrase]]:
    table: dict[str, list[Phrase]] = {}
    for spelled, value in lex.numbers.items():
        table.setdefault(str(value), []).append(spelled)
    return table


@cache
def index_for(language: str, kind: str, others: bool = False) -> PhraseIndex:
    """The words of one kind in the person's language (and those its speakers mix in, and
    English), or with `others` in every other language; built once."""
    lexicons = other_lexicons(language) if others else lexicons_for(language)
    return PhraseIndex(merged(*(KINDS[kind](lex) for lex in lexicons)))


@cache
def filler_words(language: str) -> frozenset[str]:
    """The one-word `filler` of the person's word lists ("please", "you", "it"), built once."""
    return frozenset(p[0] for lex in lexicons_for(language) for p in lex.lists["filler"] if len(p) == 1)


def find_in(words: list[str], language: str, kind: str, exact_only: bool = False) -> list[Match]:
    """Matches of one kind of words: the person's own language first (and those its speakers mix
    in, and English); the other languages only when those found nothing ("حوالي 1990" in the
    English chat)."""
    return find(words, index_for(language, kind), exact_only) or find(
        words, index_for(language, kind, others=True), exact_only
    )


_CLAUSE_BREAK = re.compile(r"[,;،؛።፣]|\.(?:\s|$)")
_CLAUSE_BREAK_NOT_ELLIPSIS = re.compile(r"[,;،؛።፣]|(?<!\.)\.(?:\s|$)")


def clauses(text: str, keep_ellipsis: bool = False) -> list[str]:
    """The parts of a message between commas and full stops of every script, stripped, empty ones
    left out. With `keep_ellipsis`, "..." is a pause in a thought, not a break ("zero six one
    two... I don't remember")."""
    pattern = _CLAUSE_BREAK_NOT_ELLIPSIS if keep_ellipsis else _CLAUSE_BREAK
    return [part.strip() for part in pattern.split(text) if part.strip()]
