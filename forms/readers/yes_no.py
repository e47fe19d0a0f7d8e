"""Yes, no or "I don't know", anywhere in a short sentence.

"yes but it is from abroad" is a yes with the rest kept as the person's note; "I don't have one"
is a no; "ma3andi" is a no; "I have no idea" is "I don't know". When a message says both yes and
no, the one it starts with counts, and the person is asked to confirm.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from forms.lexicon import lexicons_for, words_of
from forms.readers.matching import Match, PhraseIndex, clauses, find, index_for, merged, uncovered_words
from forms.readers.numbers import numbers_in
from forms.readers.reading import Reading, refused
from forms.schema import NO, UNKNOWN, YES

_MEANINGS = {"yes": YES, "have": YES, "no": NO, "have_not": NO, "dont_know": UNKNOWN}


def _is_answer_word(match: Match) -> bool:
    """A yes or no that is an answer by itself ("yes", "la"), unlike "I have" or "I cannot"."""
    return match.key in ("yes", "no") and match.end - match.start == 1


# A message longer than this is a story, not a yes or no: read only its first words.
_SHORT = 12


@cache
def _not_answers(language: str) -> frozenset[str]:
    """One-word requests and "I don't know" of the person's word lists."""
    words: set[str] = set()
    for lex in lexicons_for(language):
        for phrases in (*lex.requests.values(), lex.lists["dont_know"]):
            words.update(p[0] for p in phrases if len(p) == 1)
    return frozenset(words)


def _denied_by_its_verb(words: list[str], language: str) -> bool:
    """ "ما قدمت", "not yet applied", "yapmadım", "አላመለከትኩም", "ندادم": a short reply (four words at
    most) that begins with a word of denial, or holds a negated verb (its prefix and suffix in
    the person's word list)."""
    if len(words) > 4 or any(word in _not_answers(language) for word in words):
        return False  # "ኣይተረደኣንን" (I don't understand) is a negated verb too, and no answer
    if any(m.start == 0 for m in find(words, index_for(language, "no_before_verb"), exact_only=True)):
        return True
    affixes = [pair for lex in lexicons_for(language) for pair in lex.negated_verbs]
    return any(
        len(word) >= len(prefix) + len(suffix) + 2 and word.startswith(prefix) and word.endswith(suffix)
        for word in words
        for prefix, suffix in affixes
    )


def _none_of_a_thing(words: list[str], language: str) -> bool:
    """ "geen schulden", "aucune dette", "hiç borç": a word of "none" first and at most two words
    after it (the thing asked about) is a no."""
    if not 2 <= len(words) <= 3:
        return False
    found = find(words, index_for(language, "no_answers"), exact_only=True)
    return bool(found) and found[0].start == 0 and found[0].key == "none"


def _matches(words: list[str], language: str) -> list[Match]:
    matches = find(words, index_for(language, "yes_no"))
    if not matches and len(words) <= 6:
        # A short reply in another of the languages ("ewe" in an English conversation), when its
        # words are the whole reply: the "la" of Somali "sarkaal la hadal" is no Arabic "no".
        foreign = find(words, index_for(language, "yes_no", others=True))
        matches = foreign if not uncovered_words(words, foreign) else []
    return matches


def read_yes_no(text: str, language: str, extra_yes: tuple[str, ...] = (), extra_no: tuple[str, ...] = ()) -> Reading:
    """YES, NO or UNKNOWN with a certainty; `extra_*` are the button titles in the person's language."""
    words = words_of(text)
    if not words:
        return refused("yes_no")
    joined = " ".join(words)
    if joined in {" ".join(words_of(t)) for t in extra_yes}:
        return Reading(value=YES)
    if joined in {" ".join(words_of(t)) for t in extra_no}:
        return Reading(value=NO)
    matches = [m for m in _matches(words, language) if m.start < _SHORT and not _not_before_a_number(m, words)]
    if not matches:
        if _denied_by_its_verb(words, language) or _none_of_a_thing(words, language):
            return Reading(value=NO, certainty=0.9, unplaced=tuple(words))
        return refused("yes_no")
    values = [_MEANINGS[m.key] for m in matches]
    rest = tuple(uncovered_words(words, matches))
    if UNKNOWN in values and not any(v != UNKNOWN for v in values):
        return Reading(value=UNKNOWN, unplaced=rest)
    if matches[0].key == "dont_know":
        # "I don't know exactly", "مو متذكر بالضبط": a yes-word after "I don't know" qualifies it.
        return Reading(value=UNKNOWN, certainty=0.9, unplaced=rest)
    values = [v for v in values if v != UNKNOWN] or values
    first = matches[0]
    if len(set(values)) > 1:
        # "ok. then no, I'm not waiting for anyone": an answer word in a sentence after the first
        # one that said otherwise is the person's answer after thinking; checked with them.
        # Only a first yes or no said as a sentence of its own ("ok.", "no."): "yes, I can't sleep"
        # is a yes with its reason.
        last = next((m for m in matches if _is_answer_word(m) and _MEANINGS[m.key] != values[0]), None)
        sentence = _sentence_of_words(text, len(words))
        alone = sentence is not None and sentence.count(sentence[first.start]) == first.end - first.start
        if last is not None and sentence is not None and alone and sentence[last.start] > sentence[first.start]:
            return Reading(value=_MEANINGS[last.key], certainty=0.6, unplaced=rest)
        if (
            first.start == 0
            and _is_answer_word(first)
            and not any(_is_answer_word(m) for m in matches[1:] if _MEANINGS[m.key] != values[0])
        ):
            # "yes, I cannot climb stairs": the answer word first, a negated verb in the
            # sentence that explains it. The answer word counts.
            return Reading(value=values[0], certainty=0.9, unplaced=rest)
        # "no... yes I have": a correction at the end, or a muddle. The first word of the message
        # decides only when the message starts with it; the person confirms either way.
        if first.start > 0:
            return refused("yes_no")
        return Reading(value=values[0], certainty=0.6, unplaced=rest)
    if not rest:
        certainty = 1.0
    elif first.start <= 1 or len(words) <= 6:
        certainty = 0.9
    else:
        certainty = 0.8
    return Reading(value=values[0], certainty=certainty, unplaced=rest)


_SENTENCE_END = re.compile(r"[.!?؟።;]+")


def _sentence_of_words(text: str, count: int) -> list[int] | None:
    """The number of the sentence each word of `words_of(text)` is in; None when the words of the
    sentences do not add up to the message's (a decimal point, an address)."""
    numbers: list[int] = []
    for number, part in enumerate(_SENTENCE_END.split(text)):
        numbers += [number] * len(words_of(part))
    return numbers if len(numbers) == count else None


def _not_before_a_number(match: Match, words: list[str]) -> bool:
    """ "… 4 sibat 1991 e, ne 1990", "2017, not 2016": a "not" inside a message, right before a
    number, puts a value right; it answers no yes/no question."""
    return match.key == "no" and match.start > 0 and match.end < len(words) and words[match.end].isdigit()


# Languages that say "not" after what it denies.
_NOT_AFTER_THE_WORD = frozenset({"am", "ti"})


def puts_a_number_right(text: str, language: str) -> bool:
    """Whether a message says "not <number>" after something else: a correction of a value
    ("… ١٩٨٩ مو ٧": the "not" of a verb, "مو", before a number too)."""
    words = words_of(text)
    if any(_not_before_a_number(m, words) for m in _matches(words, language)):
        return True
    if language in _NOT_AFTER_THE_WORD:
        # "ትንሹ ልጄ 10 አመቱ ነው እንጂ 9 አይደለም", "… 3 ametu eyu, arbaete aykonen": Amharic and
        # Tigrinya say the "not" after the number said wrong, another number said before it.
        numbers = numbers_in(words, language)
        ends = {n.end for n in numbers[1:]}
        if any(m.key == "no" and m.start in ends for m in _matches(words, language)):
            return True
    # The "not" of a verb only as a word of its own before a number typed apart: "ma3na" (Arabizi
    # "with us") is no "ma 3".
    typed = [words_of(token) for token in text.split()]
    nots = index_for(language, "no_before_verb")
    return any(
        len(after) == 1 and after[0].isdigit() and bool(find(before, nots, exact_only=True))
        for before, after in pairwise(typed)
        if before
    )


def starts_with_answer_word(text: str, language: str) -> bool:
    """ "yes, ...", "no, ...": the message opens with a yes or no that is an answer by itself."""
    words = words_of(text)
    matches = _matches(words, language)
    if not matches or matches[0].start != 0:
        return False
    # "nee nog niet, …", "no not yet, …": a longer phrase of yes or no that opens with one.
    first = matches[0] if _is_answer_word(matches[0]) or matches[0].key not in ("yes", "no") else None
    if first is None:
        alone = _matches(words[:1], language)
        first = alone[0] if alone and alone[0].key == matches[0].key else matches[0]
    return _is_answer_word(first)


def ends_with_answer_word(text: str, language: str) -> str | None:
    """ "we applied for my parents but the IND said no, so no", "… IND red kir, yanî na": the yes
    or no a message ends on, alone in its last clause (one other word, "so", allowed), or None."""
    parts = [part for part in clauses(text) if words_of(part)]
    if len(parts) < 2:
        return None
    words = words_of(parts[-1])
    matches = [m for m in _matches(words, language) if _is_answer_word(m) and m.exact]
    if not matches or matches[-1].end != len(words) or len(uncovered_words(words, matches)) > 1:
        return None
    return _MEANINGS[matches[-1].key]


@cache
def _descriptions(question_id: str, language: str) -> PhraseIndex | None:
    tables = [lex.options.get(question_id, {}) for lex in lexicons_for(language)]
    table = merged(*({k: list(v) for k, v in t.items() if k in (YES, NO)} for t in tables))
    return PhraseIndex(table) if table else None


def yes_no_described(question_id: str, text: str, language: str) -> str | None:
    """YES or NO said in the words of one question ("only a photo" has the diploma with them), as
    the word file's `options.<question id>.yes/no` has them; None when they say neither or both."""
    index = _descriptions(question_id, language)
    if index is None:
        return None
    words = words_of(text)
    # Not a description said not to be so: "ما اخدتها" (I did not get it), "geen papier gekregen".
    negated = {m.end for m in find(words, index_for(language, "negations"), exact_only=True)}
    found = {m.key for m in find(words, index) if not ({m.start, m.start - 1} & negated)}
    return found.pop() if len(found) == 1 else None
