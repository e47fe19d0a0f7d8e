"""Evaluate the `when` conditions of forms/intake.yaml: which questions to ask, which flags to raise.

The dialogue (with the answers in its slots) and the backend (with the stored answers)
both call `holds`; each passes a function that gives every value a question has: one for
an ordinary question, one per item for a question inside a repeating group. A test on a
question in a group therefore holds when it holds for any item.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from forms.answers import age_in_years
from forms.schema import Condition, Flag, IntakeSchema

ValuesOf = Callable[[str], Sequence[Any]]


def _matches(condition: Condition, value: Any, today: date) -> bool:
    if value is None:
        return False
    if condition.equals is not None:
        return bool(value == condition.equals)
    if condition.one_of:
        return value in condition.one_of
    if condition.includes is not None:
        return isinstance(value, list) and condition.includes in value
    if condition.age_between_years is not None:
        if not isinstance(value, str):
            return False
        low, high = condition.age_between_years
        try:
            return low <= age_in_years(value, today) <= high
        except ValueError:
            return False
    return False


def holds(condition: Condition, values_of: ValuesOf, today: date | None = None) -> bool:
    today = today or date.today()
    if condition.any_of:
        return any(holds(c, values_of, today) for c in condition.any_of)
    if condition.all_of:
        return all(holds(c, values_of, today) for c in condition.all_of)
    assert condition.question is not None
    return any(_matches(condition, value, today) for value in values_of(condition.question))


def raised_flags(schema: IntakeSchema, values_of: ValuesOf, today: date | None = None) -> list[Flag]:
    return [flag for flag in schema.flags if holds(flag.when, values_of, today)]
