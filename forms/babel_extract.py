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
    for section in schema.sections:
        yield 0, "_", section.title, [f"section {section.id}: title"]
        for q in section.questions:
            yield 0, "_", q.label, [f"question {q.id}: short label (summary, change buttons)"]
            yield 0, "_", q.prompt, [f"question {q.id}: the question"]
            if q.help:
                yield 0, "_", q.help, [f"question {q.id}: help, said more simply"]
            for option in q.options:
                if option.translatable:
                    yield 0, "_", option.label, [f"question {q.id}: option {option.code}"]
