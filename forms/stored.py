"""Stored answers as the dialogue's slots: one shape for the chat and the web form.

The backend stores one row per answer (question id, group item, value or no-answer reason, the
person's words). The dialogue keeps the same answers in slots (forms/dialogue.py). The web form
reads the stored answers as slots to decide which questions apply (the same `applies` as the
chat), and the action server turns answers given in the form into slots, so that the chat does
not ask them again. Pure: used by the backend (Python 3.11) and the action server (Python 3.10).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from forms.dialogue import (
    ANSWER_ORDER_SLOT,
    ANSWER_TEXTS_SLOT,
    GROUP_ITEMS_SLOT,
    NO_ANSWER_REASONS,
    Slots,
)
from forms.schema import IntakeSchema, load_schema

# The stored no-answer reasons back as the dialogue's markers ("dont_know" -> "__dont_know__").
MARKERS = {reason: marker for marker, reason in NO_ANSWER_REASONS.items()}
# Stored reasons that are no answer in the dialogue: the question is asked (again) if it applies.
NOT_KEPT = frozenset({"not_applicable", "removed"})

StoredAnswer = Mapping[str, Any]  # {"question_id", "item", "value", "no_answer", "original_text"}


def slot_value(answer: StoredAnswer) -> Any:
    """The value as the dialogue holds it: the value, or the marker of the no-answer reason."""
    reason = answer.get("no_answer")
    if reason is None:
        return answer.get("value")
    return MARKERS.get(str(reason))


def slots_from_answers(answers: Iterable[StoredAnswer], schema: IntakeSchema | None = None) -> Slots:
    """Slots as the chat would hold them after giving these answers: a value per ordinary
    question, each group's items (finished, none open) and the group's own answer, the person's
    words and the order given. Answers to unknown questions (an older schema) are left out."""
    schema = schema or load_schema()
    slots: Slots = {}
    texts: dict[str, str] = {}
    order: list[str] = []
    items: dict[str, dict[int, dict[str, Any]]] = {}
    for answer in answers:
        question_id = str(answer.get("question_id"))
        if not schema.has_question(question_id) or answer.get("no_answer") in NOT_KEPT:
            continue
        question = schema.question(question_id)
        value = slot_value(answer)
        if value is None:
            continue
        text = answer.get("original_text")
        if question.group_id is not None:
            item = items.setdefault(question.group_id, {}).setdefault(
                int(answer.get("item") or 0), {"values": {}, "texts": {}}
            )
            item["values"][question_id] = value
            if text:
                item["texts"][question_id] = text
            continue
        slots[question_id] = value
        if text:
            texts[question_id] = str(text)
        order.append(question_id)
    slots[GROUP_ITEMS_SLOT] = {
        group_id: {"items": [by_index[i] for i in sorted(by_index)], "open": False, "queued": [], "total": 0}
        for group_id, by_index in items.items()
    }
    slots[ANSWER_TEXTS_SLOT] = texts
    slots[ANSWER_ORDER_SLOT] = order
    return slots


def slot_updates(current: Slots, answers: Iterable[StoredAnswer], schema: IntakeSchema | None = None) -> Slots:
    """The slot changes that bring `current` (the chat's slots) up to date with `answers` given
    elsewhere (the web form): only what differs. A group the answers name is taken whole (its
    items and its own answer), and an item the chat was filling is closed."""
    schema = schema or load_schema()
    given = slots_from_answers(answers, schema)
    updates: Slots = {}
    texts = dict(current.get(ANSWER_TEXTS_SLOT) or {})
    order = list(current.get(ANSWER_ORDER_SLOT) or [])
    groups = dict(current.get(GROUP_ITEMS_SLOT) or {})
    for question_id, value in given.items():
        if question_id in (GROUP_ITEMS_SLOT, ANSWER_TEXTS_SLOT, ANSWER_ORDER_SLOT):
            continue
        if current.get(question_id) != value:
            updates[question_id] = value
        text = given[ANSWER_TEXTS_SLOT].get(question_id)
        if texts.get(question_id) != text:
            texts[question_id] = text
        if question_id not in order:
            order.append(question_id)
    for group_id, state in given[GROUP_ITEMS_SLOT].items():
        before = groups.get(group_id) or {}
        if before.get("items") != state["items"] or before.get("open"):
            groups[group_id] = state
            for item_question in schema.question(group_id).items:
                if current.get(item_question.id) is not None:
                    updates[item_question.id] = None
            if current.get(group_id) is None and group_id not in updates:
                updates[group_id] = len(state["items"])
    if texts != (current.get(ANSWER_TEXTS_SLOT) or {}):
        updates[ANSWER_TEXTS_SLOT] = texts
    if order != list(current.get(ANSWER_ORDER_SLOT) or []):
        updates[ANSWER_ORDER_SLOT] = order
    if groups != (current.get(GROUP_ITEMS_SLOT) or {}):
        updates[GROUP_ITEMS_SLOT] = groups
    return updates
