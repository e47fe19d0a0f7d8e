"""Guess the language of a typed message, offline, to propose it on the language screen.

A person who types "ሰላም" or "salam aleikum" before choosing a language should find their
language at the top of the list. The guess only reorders the language buttons; the person
always chooses. It never decides anything by itself.

How: a character n-gram model (naive Bayes, n = 1..3, within words) per language, learned at
first use from text we already have in each language: the gettext catalogs (what the assistant
says) and the NLU examples in `bot/data/nlu/<code>.yml` (how people type, including Latin
transliterations). No model files, nothing downloaded. Dari and Farsi share their script and
most words, so both are proposed together.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from babel.messages.pofile import read_po

from locales import DOMAIN, LOCALES_DIR, SOURCE_LANGUAGE, language_codes

NLU_DIR = LOCALES_DIR.parent / "bot" / "data" / "nlu"
MAX_N = 3
# How much less likely (in log-probability per character) another language may be and still be
# proposed beside the best one. Small: only near-ties (Dari/Farsi, Tigrinya/Amharic on a word).
NEAR_TIE_PER_CHARACTER = 0.15
# Written alike: when one is proposed, so is the other (the person tells them apart).
WRITTEN_ALIKE = {"fa": "fa_AF", "fa_AF": "fa"}
_PLACEHOLDER = re.compile(r"\{[^}]*\}|%\(\w+\)\w|<[^>]+>")


def _ngrams(text: str) -> Counter[str]:
    grams: Counter[str] = Counter()
    for word in re.findall(r"[^\W\d_]+", text.casefold()):
        padded = f" {word} "
        for n in range(1, MAX_N + 1):
            for start in range(len(padded) - n + 1):
                gram = padded[start : start + n]
                if gram.strip():
                    grams[gram] += 1
    return grams


def _catalog_texts(code: str) -> list[str]:
    path = (
        LOCALES_DIR / f"{DOMAIN}.pot"
        if code == SOURCE_LANGUAGE
        else LOCALES_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    )
    if not path.exists():
        return []
    with path.open("rb") as handle:
        catalog = read_po(handle)
    found: list[str] = []
    for message in catalog:
        if not message.id:
            continue
        text = message.id if code == SOURCE_LANGUAGE else message.string
        for part in text if isinstance(text, tuple | list) else [text]:
            if part:
                found.append(_PLACEHOLDER.sub(" ", str(part)))
    return found


def _typed_examples(code: str) -> list[str]:
    path = NLU_DIR / f"{code}.yml"
    if not path.exists():
        return []
    examples: list[str] = []
    for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
        for line in str(block.get("examples", "")).splitlines():
            text = line.strip().removeprefix("- ").strip()
            if text:
                examples.append(text)
    return examples


@dataclass(frozen=True)
class _Profile:
    log_probability: dict[str, float]
    unseen: float


@cache
def _profiles() -> dict[str, _Profile]:
    counts = {code: Counter[str]() for code in language_codes()}
    for code in counts:
        # Typed examples count three times: they are how people really write.
        for text in _catalog_texts(code):
            counts[code].update(_ngrams(text))
        for text in _typed_examples(code):
            for gram, count in _ngrams(text).items():
                counts[code][gram] += 3 * count
    vocabulary = set().union(*counts.values())
    profiles: dict[str, _Profile] = {}
    for code, grams in counts.items():
        total = sum(grams.values()) + len(vocabulary) + 1
        profiles[code] = _Profile(
            log_probability={gram: math.log((count + 1) / total) for gram, count in grams.items()},
            unseen=math.log(1 / total),
        )
    return profiles


def propose_languages(text: str) -> list[str]:
    """Language codes the text is most probably written in, best first; [] when unsure."""
    grams = _ngrams(text)
    characters = sum(count for gram, count in grams.items() if len(gram) == 1)
    if characters < 2:
        return []
    scores = {
        code: sum(count * profile.log_probability.get(gram, profile.unseen) for gram, count in grams.items())
        for code, profile in _profiles().items()
    }
    best = max(scores.values())
    margin = NEAR_TIE_PER_CHARACTER * characters * MAX_N
    likely = sorted((code for code, score in scores.items() if best - score <= margin), key=lambda c: -scores[c])
    proposed: list[str] = []
    for code in likely:
        for candidate in (code, WRITTEN_ALIKE.get(code)):
            if candidate is not None and candidate not in proposed:
                proposed.append(candidate)
    return proposed


def detector_sources() -> list[Path]:
    """The files the guesses are learned from (for documentation and tests)."""
    return sorted(NLU_DIR.glob("*.yml")) + sorted(LOCALES_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
