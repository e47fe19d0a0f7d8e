"""Yes, no or "I don't know", anywhere in a short sentence.

"yes but it is from abroad" is a yes with the rest kept as the person's note; "I don't have one"
is a no; "ma3andi" is a no; "I have no idea" is "I don't know". When a message says both yes and
no, the one it starts with counts, and the person is asked to confirm.
"""

from __future__ import annotations

from forms.lexicon import words_of
from forms.readers.matching import Match, find, index_for, uncovered_words
from forms.readers.reading import Reading, refused
from forms.schema import NO, UNKNOWN, YES

_MEANINGS = {"yes": YES, "have": YES, "no": NO, "have_not": NO, "dont_know": UNKNOWN}


def _is_answer_word(match: Match) -> bool:
    """A yes or no that is an answer by itself ("yes", "la"), unlike "I have" or "I cannot"."""
    return match.key in ("yes", "no") and match.end - match.start == 1


# A message longer than this is a story, not a yes or no: read only its first words.
_SHORT = 12


def _matches(words: list[str], language: str) -> list[Match]:
    matches = find(words, index_for(language, "yes_no"))
    if not matches and len(words) <= 6:
        # A short reply in another of the languages ("ewe" in an English conversation).
        matches = find(words, index_for(language, "yes_no", others=True))
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
    matches = [m for m in _matches(words, language) if m.start < _SHORT]
    if not matches:
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
