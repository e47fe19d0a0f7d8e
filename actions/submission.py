"""The answers in the conversation, as the backend's internal API receives them."""

from __future__ import annotations

from typing import Any

from forms import load_schema
from forms.answers import is_valid_stored_value
from forms.dialogue import (
    ANSWER_TEXTS_SLOT,
    NEEDS_HELP,
    NO_ANSWER_REASONS,
    Slots,
    applies,
    finished_items,
    is_no_answer,
)


def _answer(question_id: str, value: Any, original_text: str | None, item: int | None = None) -> dict[str, Any]:
    if not is_no_answer(value) and not is_valid_stored_value(load_schema().question(question_id), value):
        # A value the backend would refuse (a whole story taken for a job title of at most 100
        # letters) would make it refuse the whole save, and every later one: the rest of the intake
        # would never arrive. It goes as "not understood", the person's words kept beside it.
        value, original_text = NEEDS_HELP, original_text or str(value)
    if is_no_answer(value):
        answer = {"question_id": question_id, "item": item, "value": None, "no_answer": NO_ANSWER_REASONS[value]}
        if value == NEEDS_HELP and original_text:
            # What the person typed stays beside "not understood by the assistant" for the case manager.
            answer["original_text"] = original_text
        return answer
    return {"question_id": question_id, "item": item, "value": value, "original_text": original_text}


def collected_answers(slots: Slots) -> list[dict[str, Any]]:
    """Every answer given so far: ordinary questions, finished group items and the item being filled.

    A question that no longer applies (an earlier answer changed) is sent as not applicable,
    so the backend records that instead of keeping a stale answer as current.
    """
    schema = load_schema()
    texts: dict[str, str | None] = slots.get(ANSWER_TEXTS_SLOT) or {}
    answers: list[dict[str, Any]] = []
    for question in schema.questions:
        if question.group_id is not None:
            continue
        value = slots.get(question.id)
        if question.type == "group":
            items = finished_items(slots, question.id)
            for index, item in enumerate(items):
                for sub_id, sub_value in item["values"].items():
                    answers.append(_answer(sub_id, sub_value, item["texts"].get(sub_id), index))
            in_progress = [q for q in question.items if slots.get(q.id) is not None]
            for sub in in_progress:
                answers.append(_answer(sub.id, slots[sub.id], texts.get(sub.id), len(items)))
            if value is not None:
                answers.append(_answer(question.id, value, None))
            continue
        if value is None:
            continue
        if not applies(question, slots, schema):
            answers.append({"question_id": question.id, "item": None, "value": None, "no_answer": "not_applicable"})
            continue
        answers.append(_answer(question.id, value, texts.get(question.id)))
    return answers
