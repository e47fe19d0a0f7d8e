"""The prefilled brede intake as case managers see it: the answers arranged by the schema.

Everything here is derived from forms/intake.yaml and the stored answer versions: sections
and fields in the schema's order, repeating groups as items, flags from the schema's flag
conditions, and the JSON export shaped by each question's `fills` path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from backend.intakes import AnswerKey, current_answers
from backend.models import Intake, IntakeAnswer, day_in_amsterdam
from backend.nlg.render import display_value
from forms import Question, load_schema
from forms.conditions import raised_flags
from forms.schema import IntakeSchema
from locales import translate

STAFF_LANGUAGE = "nl"


def N_(message: str) -> str:  # noqa: N802 - marks a text for extraction; translated when shown
    return message


NO_ANSWER_LABELS = {
    "skipped": N_("Skipped"),
    "dont_know": N_("Does not know"),
    "none": N_("Has none"),
    "needs_help": N_("Ask in the meeting"),
    "not_applicable": N_("Not applicable"),
    "removed": N_("Removed"),
}
HELP_REQUESTED_FLAG = N_("Asked to talk to a person")
NEEDS_HELP_FLAG = N_("Some questions need to be asked in the meeting")
# The person started over in the chat (backend/resume.py): this intake will not be continued.
CLOSED_FLAG = N_("Closed: the person started over in the chat")
# The PIP is due 10 weeks after DUO's notice (Besluit inburgering 2021 art. 5.3).
PIP_TERM = timedelta(weeks=10)


@dataclass(frozen=True)
class FieldView:
    question: Question
    item: int | None
    current: IntakeAnswer | None
    history: list[IntakeAnswer]


@dataclass(frozen=True)
class GroupView:
    question: Question
    count: IntakeAnswer | None
    items: list[list[FieldView]]


@dataclass(frozen=True)
class SectionView:
    id: str
    title: str
    entries: list[FieldView | GroupView] = field(default_factory=list)


def _has_value(answer: IntakeAnswer | None) -> bool:
    return answer is not None and answer.no_answer is None and answer.value is not None


def values_of(intake: Intake) -> Any:
    """forms.conditions' view of the stored answers: every current value of a question."""
    latest = current_answers(intake)

    def lookup(question_id: str) -> Sequence[Any]:
        return [a.value for (qid, _item), a in sorted(latest.items()) if qid == question_id and _has_value(a)]

    return lookup


def flags(intake: Intake, today: date | None = None) -> list[tuple[str, str]]:
    """(id, Dutch label) of each point of attention the answers raise."""
    schema = load_schema()
    raised = [(f.id, translate(STAFF_LANGUAGE, f.label)) for f in raised_flags(schema, values_of(intake), today)]
    if intake.help_requested_at is not None:
        raised.append(("help_requested", translate(STAFF_LANGUAGE, HELP_REQUESTED_FLAG)))
    if any(a.no_answer is not None and a.no_answer.value == "needs_help" for a in current_answers(intake).values()):
        raised.append(("needs_help", translate(STAFF_LANGUAGE, NEEDS_HELP_FLAG)))
    if intake.closed_at is not None:
        raised.append(("closed", translate(STAFF_LANGUAGE, CLOSED_FLAG)))
    return raised


def term_start(intake: Intake) -> tuple[date, bool]:
    """The start of the 10-week clock, and whether it is only estimated.

    A case manager records the start from DUO's notice; until then the intake's creation
    date stands in for it.
    """
    if intake.start is not None:
        return intake.start.starts_on, False
    return day_in_amsterdam(intake.created_at), True


def pip_deadline(intake: Intake) -> date:
    return term_start(intake)[0] + PIP_TERM


def _field(question: Question, item: int | None, intake: Intake, latest: dict[AnswerKey, IntakeAnswer]) -> FieldView:
    key = (question.id, item or 0)
    history = [a for a in intake.answers if (a.question_id, a.item) == key]
    return FieldView(question=question, item=item, current=latest.get(key), history=history)


def sections(intake: Intake, schema: IntakeSchema | None = None) -> list[SectionView]:
    schema = schema or load_schema()
    latest = current_answers(intake)
    views = []
    for section in schema.sections:
        view = SectionView(id=section.id, title=translate(STAFF_LANGUAGE, section.title))
        for question in section.questions:
            if question.type != "group":
                view.entries.append(_field(question, None, intake, latest))
                continue
            count_answer = latest.get((question.id, 0))
            item_numbers = sorted(
                {
                    item
                    for (qid, item), answer in latest.items()
                    if answer.no_answer is None or answer.no_answer.value != "removed"
                    if any(sub.id == qid for sub in question.items)
                }
            )
            items = [[_field(sub, number, intake, latest) for sub in question.items] for number in item_numbers]
            view.entries.append(GroupView(question=question, count=count_answer, items=items))
        views.append(view)
    return views


def _set_path(target: dict[str, Any], path: str, value: Any) -> None:
    section, name = path.split(".", 1)
    target.setdefault(section, {})[name] = value


def _export_value(answer: IntakeAnswer | None) -> Any:
    if answer is None:
        return None
    if answer.no_answer is not None:
        return {"no_answer": answer.no_answer.value}
    return answer.value


def export(intake: Intake) -> dict[str, Any]:
    """The intake as JSON shaped by the schema's `fills` paths (the prefilled brede intake)."""
    schema = load_schema()
    data: dict[str, Any] = {}
    for view in sections(intake, schema):
        for entry in view.entries:
            if isinstance(entry, GroupView):
                items = [
                    {f.question.fills.split(".", 1)[1]: _export_value(f.current) for f in item if f.current}
                    for item in entry.items
                ]
                _set_path(data, entry.question.fills, items)
            elif entry.current is not None:
                _set_path(data, entry.question.fills, _export_value(entry.current))
    return {
        "schema_version": schema.version,
        "intake_id": str(intake.id),
        "status": intake.status.value,
        "language": intake.language,
        "municipality_code": intake.municipality_code,
        "pip_deadline": pip_deadline(intake).isoformat(),
        "flags": [flag_id for flag_id, _label in flags(intake)],
        "answers": data,
    }


def display(question: Question, answer: IntakeAnswer | None) -> str:
    """An answer as a Dutch case manager reads it."""
    if answer is None:
        return translate(STAFF_LANGUAGE, "(no answer)")
    if answer.no_answer is not None:
        return translate(STAFF_LANGUAGE, NO_ANSWER_LABELS[answer.no_answer.value])
    return display_value(question, answer.value, STAFF_LANGUAGE)
