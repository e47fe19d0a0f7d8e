"""Load and check `forms/intake.yaml` into typed, immutable objects."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import jsonschema
import yaml

FORMS_DIR = Path(__file__).resolve().parent
SCHEMA_FILE = FORMS_DIR / "intake.yaml"
JSON_SCHEMA_FILE = FORMS_DIR / "intake.schema.json"
MUNICIPALITIES_FILE = FORMS_DIR / "municipalities.yaml"

QuestionType = Literal["text", "date", "single_choice", "number", "phone"]

# Slots the dialogue itself needs. A question id may not take one of these names,
# because question ids become Rasa slot names.
RESERVED_SLOT_NAMES = frozenset(
    {
        "language",
        "privacy_acknowledged",
        "intake_confirmed",
        "intake_submitted",
        "requested_slot",
        "answer_texts",
        "invalid_attempts",
        "session_started_metadata",
    }
)


class SchemaError(ValueError):
    """The intake schema file is not valid."""


@dataclass(frozen=True)
class Option:
    code: str
    label: str
    # Proper names (municipalities) are shown as they are, in every language.
    translatable: bool = True
    ggm: str | None = None


@dataclass(frozen=True)
class Validation:
    min_length: int | None = None
    max_length: int | None = None
    min_age_years: int | None = None
    max_age_years: int | None = None
    min_value: int | None = None
    max_value: int | None = None


@dataclass(frozen=True)
class Question:
    id: str
    section_id: str
    type: QuestionType
    label: str
    prompt: str
    fills: str
    skippable: bool
    help: str | None = None
    ggm: str | None = None
    options: tuple[Option, ...] = ()
    validation: Validation = field(default_factory=Validation)

    def option(self, code: str) -> Option | None:
        return next((o for o in self.options if o.code == code), None)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class IntakeSchema:
    version: int
    sections: tuple[Section, ...]

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for s in self.sections for q in s.questions)

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def has_question(self, question_id: str) -> bool:
        return any(q.id == question_id for q in self.questions)


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str


@cache
def load_municipalities(path: Path = MUNICIPALITIES_FILE) -> tuple[Municipality, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(Municipality(code=str(m["code"]), name=str(m["name"])) for m in data["municipalities"])


def _options(raw: dict[str, Any]) -> tuple[Option, ...]:
    if raw.get("options_from") == "municipalities":
        return tuple(Option(code=m.code, label=m.name, translatable=False) for m in load_municipalities())
    return tuple(Option(code=str(o["code"]), label=str(o["label"]), ggm=o.get("ggm")) for o in raw.get("options", []))


def parse_schema(data: Any) -> IntakeSchema:
    """Check `data` against the JSON Schema and the rules JSON Schema cannot express."""
    json_schema = json.loads(JSON_SCHEMA_FILE.read_text(encoding="utf-8"))
    try:
        jsonschema.validate(data, json_schema)
    except jsonschema.ValidationError as exc:
        location = "/".join(str(p) for p in exc.absolute_path) or "(top)"
        raise SchemaError(f"forms/intake.yaml at {location}: {exc.message}") from exc

    sections = []
    seen: set[str] = set()
    for raw_section in data["sections"]:
        questions = []
        for raw in raw_section["questions"]:
            qid = raw["id"]
            if qid in seen:
                raise SchemaError(f"question id {qid!r} is used twice")
            if qid in RESERVED_SLOT_NAMES:
                raise SchemaError(f"question id {qid!r} is reserved for the dialogue")
            seen.add(qid)
            questions.append(
                Question(
                    id=qid,
                    section_id=raw_section["id"],
                    type=raw["type"],
                    label=raw["label"],
                    prompt=raw["prompt"],
                    fills=raw["fills"],
                    skippable=raw["skippable"],
                    help=raw.get("help"),
                    ggm=raw.get("ggm"),
                    options=_options(raw),
                    validation=Validation(**raw.get("validation", {})),
                )
            )
        sections.append(Section(id=raw_section["id"], title=raw_section["title"], questions=tuple(questions)))
    return IntakeSchema(version=data["version"], sections=tuple(sections))


@cache
def load_schema(path: Path = SCHEMA_FILE) -> IntakeSchema:
    return parse_schema(yaml.safe_load(path.read_text(encoding="utf-8")))
