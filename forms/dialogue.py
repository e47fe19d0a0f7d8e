"""What the conversation asks next, computed from the answers so far.

Both the action server (which decides the next question) and the backend's NLG endpoint
(which shows progress and summaries) work from the same dialogue slots, so this module is
pure: it takes the slots as a dict and returns plain data.

The slots, as the dialogue keeps them:
  <question id>        the clean answer, or a no-answer marker (SKIPPED, DONT_KNOW, NONE, NEEDS_HELP);
                       for a group: None while it is being filled, then a list of finished items
  <item question id>   the answer for the item being filled now
  group_items          {group id: {"items": [{"values": {...}, "texts": {...}}], "open": bool,
                        "queued": [{"values": {...}, "text": str}]}}
  confirm_<section>    True once the section's summary was shown (with the next question) or confirmed
  summaries_due        sections whose summary the next question shows above itself, then cleared
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from forms.conditions import holds
from forms.schema import SECTION_CONFIRM_PREFIX, IntakeSchema, Question, Section, load_schema

# Markers for "no answer", stored in the slot instead of a value so the form moves on.
SKIPPED = "__skipped__"
DONT_KNOW = "__dont_know__"
NONE = "__none__"  # "I don't have one" to an optional question (no e-mail address, no courses)
NEEDS_HELP = "__needs_help__"  # given up after repeated invalid answers: the case manager asks
NOT_APPLICABLE = "__not_applicable__"
DONE_CHOICE = "__done__"  # the payload of the "Done" button under a multiple-choice question
NO_ANSWER_REASONS = {SKIPPED: "skipped", DONT_KNOW: "dont_know", NONE: "none", NEEDS_HELP: "needs_help"}

GROUP_ITEMS_SLOT = "group_items"
ANSWER_TEXTS_SLOT = "answer_texts"
ANSWER_ORDER_SLOT = "answer_order"
CHOICE_DRAFTS_SLOT = "choice_drafts"
INVALID_ATTEMPTS_SLOT = "invalid_attempts"
# A value read with little certainty, waiting for the person's "yes, that's right":
# {"question": id, "value": ..., "text": what they typed}.
PENDING_SLOT = "pending_answer"
PAUSED_SLOT = "paused"
# Sections just completed: their summary is shown above the next question (with a button to
# change something) instead of a question of its own, so checking costs no extra turn.
SUMMARIES_DUE_SLOT = "summaries_due"
# The phone's id of the last message read (the gateway passes it along): a resend of that message
# (the backend crashed before it could keep the reply) is never read as the next answer.
LAST_MESSAGE_SLOT = "last_message_id"
LANGUAGE_SLOT = "language"
PRIVACY_SLOT = "privacy_acknowledged"
CONFIRMED_SLOT = "intake_confirmed"


Slots = dict[str, Any]


def is_no_answer(value: Any) -> bool:
    return isinstance(value, str) and value in NO_ANSWER_REASONS


def group_state(slots: Slots, group_id: str) -> dict[str, Any]:
    state = (slots.get(GROUP_ITEMS_SLOT) or {}).get(group_id) or {}
    return {
        "items": list(state.get("items") or []),
        "open": bool(state.get("open")),
        # Items a message already named ("3, 7 and 10 years old"), opened one after the other.
        "queued": list(state.get("queued") or []),
        # How many items the person said there are ("yes, two daughters"), 0 when not said:
        # after the last one the group closes without "Do you have another child?".
        "total": int(state.get("total") or 0),
    }


def finished_items(slots: Slots, group_id: str) -> list[dict[str, Any]]:
    """The items of a group the person finished (each {"values": ..., "texts": ...})."""
    items: list[dict[str, Any]] = group_state(slots, group_id)["items"]
    return items


def _real(value: Any) -> Any:
    return None if is_no_answer(value) or value == NOT_APPLICABLE else value


def values_of(slots: Slots, schema: IntakeSchema, current_group: str | None = None) -> Any:
    """The `values_of` function forms.conditions needs, over the dialogue slots.

    For a question inside `current_group` only the item being filled counts (a condition
    like "has a diploma" refers to this school, not any school).
    """

    def lookup(question_id: str) -> Sequence[Any]:
        question = schema.question(question_id)
        if question.group_id is None:
            value = _real(slots.get(question_id))
            if question.type == "yes_no" and slots.get(question_id) == DONT_KNOW:
                value = "unknown"
            return [value] if value is not None else []
        values = (
            []
            if question.group_id == current_group
            else [_real(item["values"].get(question_id)) for item in finished_items(slots, question.group_id)]
        )
        values.append(_real(slots.get(question_id)))
        return [v for v in values if v is not None]

    return lookup


def applies(question: Question, slots: Slots, schema: IntakeSchema | None = None, today: date | None = None) -> bool:
    """Whether the question is asked, given the answers so far."""
    if question.when is None:
        return True
    schema = schema or load_schema()
    return holds(question.when, values_of(slots, schema, question.group_id), today)


def section_questions(section: Section, slots: Slots, schema: IntakeSchema) -> list[Question]:
    """The section's questions that apply now (groups included, their item questions not)."""
    return [q for q in section.questions if applies(q, slots, schema)]


def required_slots(slots: Slots, schema: IntakeSchema | None = None) -> list[str]:
    """The slots the form needs, in order; the form asks the first one that is empty."""
    schema = schema or load_schema()
    if slots.get(PAUSED_SLOT):
        return []
    required = [LANGUAGE_SLOT, PRIVACY_SLOT]
    for section in schema.sections:
        for question in section_questions(section, slots, schema):
            if question.type == "group" and slots.get(question.id) is None and group_state(slots, question.id)["open"]:
                required.extend(item.id for item in question.items if applies(item, slots, schema))
            required.append(question.id)
        required.append(section.confirm_slot)
    required.append(CONFIRMED_SLOT)
    return required


def next_slot(slots: Slots, schema: IntakeSchema | None = None) -> str | None:
    return next((name for name in required_slots(slots, schema) if slots.get(name) is None), None)


def completed_sections(slots: Slots, schema: IntakeSchema | None = None) -> list[str]:
    """The sections whose summary comes next (all their questions answered, summary not yet
    shown), in order: marked as shown in `slots`, and returned for the next question to show."""
    schema = schema or load_schema()
    due: list[str] = []
    while (slot := next_slot(slots, schema)) is not None and slot.startswith(SECTION_CONFIRM_PREFIX):
        slots[slot] = True
        due.append(slot.removeprefix(SECTION_CONFIRM_PREFIX))
    return due


def position_in_section(question: Question, slots: Slots, schema: IntakeSchema) -> tuple[int, int]:
    """(number, total) of a question among its section's applicable questions, for progress."""
    section = schema.section(question.section_id)
    asked = section_questions(section, slots, schema)
    top = schema.question(question.group_id) if question.group_id else question
    number = asked.index(top) + 1 if top in asked else 1
    return number, max(len(asked), number)
