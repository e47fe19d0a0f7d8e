"""Babel extractor: the texts of forms/intake.yaml become gettext messages.

Registered in babel.cfg, so `pybabel extract` finds every section title, question label,
prompt, help text and translatable option label without a second list of texts.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

import yaml

from forms.schema import parse_schema

Extracted = tuple[int, str, str, list[str]]


def extract_intake(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any) -> Iterator[Extracted]:
    schema = parse_schema(yaml.safe_load(fileobj.read().decode("utf-8")))
    seen_options: set[str] = set()
    for section in schema.sections:
        yield 0, "_", section.title, [f"section {section.id}: title"]
        if section.intro:
            yield 0, "_", section.intro, [f"section {section.id}: said before its first question"]
    for q in schema.questions:
        yield 0, "_", q.label, [f"question {q.id}: short label (summary, change buttons)"]
        yield 0, "_", q.prompt, [f"question {q.id}: the question"]
        if q.more_prompt:
            yield 0, "_", q.more_prompt, [f"question {q.id}: asked after each item, whether there is one more"]
        if q.help:
            yield 0, "_", q.help, [f"question {q.id}: help, said more simply"]
        for option in q.options:
            if option.translatable and option.label not in seen_options:
                seen_options.add(option.label)
                yield 0, "_", option.label, [f"question {q.id}: option {option.code} (a button)"]
    for flag in schema.flags:
        yield 0, "_", flag.label, [f"flag {flag.id}: for the case manager"]
