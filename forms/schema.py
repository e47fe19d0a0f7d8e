"""Load and check `forms/intake.yaml` into typed, immutable objects."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import jsonschema
import yaml
from babel import Locale

FORMS_DIR = Path(__file__).resolve().parent
SCHEMA_FILE = FORMS_DIR / "intake.yaml"
JSON_SCHEMA_FILE = FORMS_DIR / "intake.schema.json"
MUNICIPALITIES_FILE = FORMS_DIR / "municipalities.yaml"

QuestionType = Literal[
    "text", "long_text", "date", "number", "phone", "email", "yes_no", "single_choice", "multiple_choice", "group"
]
FREE_TEXT_TYPES = frozenset({"text", "long_text"})
CHOICE_TYPES = frozenset({"single_choice", "multiple_choice"})

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
        "answer_order",
        "group_items",
        "choice_drafts",
        "invalid_attempts",
        "pending_answer",
        "summaries_due",
        "last_message_id",
        "paused",
        "session_started_metadata",
    }
)
SECTION_CONFIRM_PREFIX = "confirm_"

# The answers yes/no questions store (GGM Boolean: Ja / Nee / Onbekend).
YES, NO, UNKNOWN = "yes", "no", "unknown"


class SchemaError(ValueError):
    """The intake schema file is not valid."""


@dataclass(frozen=True)
class Option:
    code: str
    label: str
    # Proper names (municipalities) are shown as they are, in every language.
    translatable: bool = True
    ggm: str | None = None
    # Other ways people write the name, e.g. in their own script ("هورن", "ሆርن" for Hoorn).
    also_written: tuple[str, ...] = ()
    # A country (ISO 3166 code): its name in every language comes from CLDR through Babel.
    territory: bool = False
    # The school years (grades) an education level covers: "9 years of school" reads as it.
    grades: tuple[int, int] | None = None
    # The other options this one is both of ("work and study" = work + study): a message that
    # names both reads as this one.
    combines: tuple[str, ...] = ()
    # Said by naming a country: "NL" for "my husband lives here in the Netherlands", "other" for
    # any other country ("my wife is in Ethiopia").
    named_by_country: str | None = None
    # A plain "yes" (or "no") to the question means this option ("ewe" to "Can you read in your
    # own language?" is "Yes, well"; "la" to "Do you have a partner?" is "No").
    answers: str | None = None
    # Said by naming someone ("my cousin lives in Hoorn", "only my brother" to "Do you know people
    # nearby?"): a relative, a neighbour or a friend, the word file's member_relation words.
    names_someone: bool = False
    # The CEFR levels (A1 … C2) that mean this option: "A2" is "a little". Read only when the
    # person's own words name no option: "good, I passed B1" is "good", as the person says.
    cefr: tuple[str, ...] = ()


@dataclass(frozen=True)
class Validation:
    min_length: int | None = None
    max_length: int | None = None
    min_age_years: int | None = None
    max_age_years: int | None = None
    allow_partial: bool = False
    person_name: bool = False
    min_value: int | None = None
    max_value: int | None = None
    # "I never went to school" to "How many years of school?": "none" is the number 0.
    none_is_zero: bool = False
    # "12 years school + 4 university" to "How many years in total?": numbers joined by "+", "plus"
    # or "and" are added up.
    adds_up: bool = False


@dataclass(frozen=True)
class Condition:
    """When a question is asked or a flag is raised. Exactly one form is used:
    a test on one question (`question` with `equals`, `one_of`, `includes` or `age_between_years`),
    or a combination (`any_of` / `all_of`)."""

    question: str | None = None
    equals: str | None = None
    one_of: tuple[str, ...] = ()
    includes: str | None = None
    age_between_years: tuple[float, float] | None = None
    any_of: tuple[Condition, ...] = ()
    all_of: tuple[Condition, ...] = ()

    def questions(self) -> set[str]:
        names = {self.question} if self.question else set()
        for sub in (*self.any_of, *self.all_of):
            names |= sub.questions()
        return names


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
    sensitive: bool = False
    # Free text is translated into Dutch for the case manager; names (of people, companies) are not.
    translate: bool = True
    options: tuple[Option, ...] = ()
    validation: Validation = field(default_factory=Validation)
    when: Condition | None = None
    # Repeating groups: the questions asked per item, and the question for one more item.
    items: tuple[Question, ...] = ()
    more_prompt: str | None = None
    max_items: int = 0
    # For a question inside a group: the group's id.
    group_id: str | None = None
    # When there are too many options for buttons (countries): the codes shown as buttons.
    buttons: tuple[str, ...] = ()
    # A follow-up of an earlier yes/no question: "yes, it is from Syria" answers it too.
    also_read_from: str | None = None
    # Read from the answer to any earlier question too (of the same item, inside a group): "we live
    # in Hoorn" at the phone question, "a hairdresser in Sudan for 4 years" at the job title.
    also_read: bool = False
    # The Dutch names a name question is usually answered with ("Menzis", "Eneco"): "منزيس" or
    # "zilveren kruis" is stored as written here, the person's own words beside it.
    known_names: tuple[str, ...] = ()
    # "Which other languages do you speak?" after "What is your first language?": the earlier
    # question's answer is no answer here ("only Arabic" from an Arabic speaker is none other).
    other_than: str | None = None

    def option(self, code: str) -> Option | None:
        return next((o for o in self.options if o.code == code), None)

    @property
    def is_free_text(self) -> bool:
        return self.type in FREE_TEXT_TYPES

    @property
    def needs_translation(self) -> bool:
        """Free text in the person's own words that the case manager reads in Dutch."""
        return self.is_free_text and self.translate


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    questions: tuple[Question, ...]
    intro: str | None = None

    @property
    def confirm_slot(self) -> str:
        """The dialogue slot that holds the person's 'yes, this section is right'."""
        return SECTION_CONFIRM_PREFIX + self.id


@dataclass(frozen=True)
class Flag:
    id: str
    label: str
    when: Condition


@dataclass(frozen=True)
class IntakeSchema:
    version: int
    sections: tuple[Section, ...]
    flags: tuple[Flag, ...] = ()

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question in the order asked, a group followed by its item questions."""
        result: list[Question] = []
        for section in self.sections:
            for question in section.questions:
                result.append(question)
                result.extend(question.items)
        return tuple(result)

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def has_question(self, question_id: str) -> bool:
        return any(q.id == question_id for q in self.questions)

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    also_written: tuple[str, ...] = ()
    # The towns and villages in it: people name where they live ("Zwaag", "Andijk").
    places: tuple[str, ...] = ()


@cache
def load_municipalities(path: Path = MUNICIPALITIES_FILE) -> tuple[Municipality, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(
        Municipality(
            code=str(m["code"]),
            name=str(m["name"]),
            also_written=tuple(m.get("also_written") or ()),
            places=tuple(m.get("places") or ()),
        )
        for m in data["municipalities"]
    )


def _option(raw: dict[str, Any]) -> Option:
    grades = raw.get("grades")
    return Option(
        code=str(raw["code"]),
        label=str(raw["label"]),
        ggm=raw.get("ggm"),
        grades=(int(grades[0]), int(grades[1])) if grades else None,
        combines=tuple(str(code) for code in raw.get("combines", ())),
        named_by_country=raw.get("named_by_country"),
        answers=raw.get("answers"),
        names_someone=bool(raw.get("names_someone", False)),
        cefr=tuple(str(level) for level in raw.get("cefr", ())),
    )


# Babel's territory codes that are not a country someone comes from.
_NOT_COUNTRIES = frozenset({"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"})


@cache
def country_options() -> tuple[Option, ...]:
    """Every country as an option: ISO 3166 alpha-2 codes, English names from CLDR (Babel)."""
    territories = Locale("en").territories
    return tuple(
        Option(code=code, label=name, translatable=False, territory=True)
        for code, name in sorted(territories.items(), key=lambda item: item[1])
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    )


def _options(raw: dict[str, Any], option_lists: dict[str, tuple[Option, ...]]) -> tuple[Option, ...]:
    source = raw.get("options_from")
    if source == "countries":
        return country_options()
    if source == "municipalities":
        return tuple(
            Option(code=m.code, label=m.name, translatable=False, also_written=(*m.also_written, *m.places))
            for m in load_municipalities()
        )
    if source is not None:
        if source not in option_lists:
            raise SchemaError(f"question {raw['id']!r}: unknown option list {source!r}")
        return option_lists[source]
    return tuple(_option(o) for o in raw.get("options", []))


def _condition(raw: dict[str, Any]) -> Condition:
    if "any" in raw:
        return Condition(any_of=tuple(_condition(c) for c in raw["any"]))
    if "all" in raw:
        return Condition(all_of=tuple(_condition(c) for c in raw["all"]))
    ages = raw.get("age_between_years")
    return Condition(
        question=raw["question"],
        equals=raw.get("equals"),
        one_of=tuple(raw.get("in", ())),
        includes=raw.get("includes"),
        age_between_years=(float(ages[0]), float(ages[1])) if ages else None,
    )


def _question(
    raw: dict[str, Any], section_id: str, option_lists: dict[str, tuple[Option, ...]], group_id: str | None = None
) -> Question:
    if group_id is not None and raw["type"] == "group":
        raise SchemaError(f"question {raw['id']!r}: a group cannot contain another group")
    items = tuple(_question(sub, section_id, option_lists, raw["id"]) for sub in raw.get("questions", []))
    return Question(
        id=raw["id"],
        section_id=section_id,
        type=raw["type"],
        label=raw["label"],
        prompt=raw["prompt"],
        fills=raw["fills"],
        skippable=raw["skippable"],
        help=raw.get("help"),
        ggm=raw.get("ggm"),
        sensitive=bool(raw.get("sensitive", False)),
        translate=bool(raw.get("translate", True)),
        options=_options(raw, option_lists),
        validation=Validation(**raw.get("validation", {})),
        when=_condition(raw["when"]) if "when" in raw else None,
        items=items,
        more_prompt=raw.get("more_prompt"),
        max_items=int(raw.get("max_items", 0)),
        group_id=group_id,
        buttons=tuple(str(code) for code in raw.get("buttons", ())),
        also_read_from=raw.get("also_read_from"),
        also_read=bool(raw.get("also_read", False)),
        known_names=tuple(str(name) for name in raw.get("known_names", ())),
        other_than=raw.get("other_than"),
    )


def _check_references(schema: IntakeSchema) -> None:
    """Rules JSON Schema cannot express: unique ids, known and earlier questions in conditions."""
    seen: list[str] = []
    reserved = RESERVED_SLOT_NAMES | {s.confirm_slot for s in schema.sections}
    for question in schema.questions:
        if question.id in seen:
            raise SchemaError(f"question id {question.id!r} is used twice")
        if question.id in reserved or question.id.startswith(SECTION_CONFIRM_PREFIX):
            raise SchemaError(f"question id {question.id!r} is reserved for the dialogue")
        combined = [code for option in question.options for code in option.combines]
        if unknown := [code for code in (*question.buttons, *combined) if question.option(code) is None]:
            raise SchemaError(f"question {question.id!r}: buttons for unknown options {unknown}")
        if question.also_read_from is not None and question.also_read_from not in seen:
            raise SchemaError(f"question {question.id!r}: also_read_from needs an earlier question")
        if question.when is not None:
            for name in question.when.questions():
                if name not in seen:
                    raise SchemaError(f"question {question.id!r}: its condition needs {name!r} to be asked before it")
        seen.append(question.id)
    for flag in schema.flags:
        for name in flag.when.questions():
            if name not in seen:
                raise SchemaError(f"flag {flag.id!r}: unknown question {name!r}")


def parse_schema(data: Any) -> IntakeSchema:
    """Check `data` against the JSON Schema and the rules JSON Schema cannot express."""
    json_schema = json.loads(JSON_SCHEMA_FILE.read_text(encoding="utf-8"))
    try:
        jsonschema.validate(data, json_schema)
    except jsonschema.ValidationError as exc:
        location = "/".join(str(p) for p in exc.absolute_path) or "(top)"
        raise SchemaError(f"forms/intake.yaml at {location}: {exc.message}") from exc

    option_lists = {name: tuple(_option(o) for o in raw) for name, raw in (data.get("option_lists") or {}).items()}
    sections = tuple(
        Section(
            id=raw["id"],
            title=raw["title"],
            intro=raw.get("intro"),
            questions=tuple(_question(q, raw["id"], option_lists) for q in raw["questions"]),
        )
        for raw in data["sections"]
    )
    flags = tuple(Flag(id=raw["id"], label=raw["label"], when=_condition(raw["when"])) for raw in data.get("flags", []))
    schema = IntakeSchema(version=data["version"], sections=sections, flags=flags)
    _check_references(schema)
    return schema


@cache
def load_schema(path: Path = SCHEMA_FILE) -> IntakeSchema:
    return parse_schema(yaml.safe_load(path.read_text(encoding="utf-8")))
