"""Comparing what the assistant understood with what the evaluation set says it must give."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from forms.schema import Question
from forms.understanding import Interpretation


def same_value(question: Question, expected: Any, got: Any) -> bool:
    if expected == "any":
        return got is not None
    if question.type == "multiple_choice":
        return isinstance(got, list) and sorted(map(str, got)) == sorted(map(str, expected or []))
    if question.type == "number":
        try:
            return int(got) == int(expected)
        except (TypeError, ValueError):
            return False
    if question.type == "text":
        return " ".join(str(got).split()).casefold() == " ".join(str(expected).split()).casefold()
    if question.type == "email":
        return str(got).casefold() == str(expected).casefold()
    return str(got) == str(expected)


def means_none(question: Question, value: Any) -> bool:
    """A stored answer that says "none" as the question's own option: the option `none` ("no
    Dutch at all", "no contacts") or, at a multiple-choice question, no option. A case manager
    reads the same as "has none" ({no_answer: none}), and the writers of the sets use either."""
    if question.type == "multiple_choice":
        return bool(value == [])
    return value == "none" and any(option.code == "none" for option in question.options)


def judge(question: Question, expect: Any, result: Interpretation) -> str:
    """right, refused or misread."""
    kind = result.kind
    value = result.reading.value if result.reading is not None else None
    if expect == "refused":
        return "right" if kind == "refused" else "misread"  # a request checked for nothing counts as a guess
    if kind == "check_request":
        # "Do you want to talk to a person?": right when that was meant (one turn more), else
        # the person says no and is asked again: nothing wrong is stored.
        wanted = expect.get("request") if isinstance(expect, dict) else None
        return "right" if wanted == result.request else "refused"
    if kind == "refused":
        return "refused"
    if isinstance(expect, dict) and "request" in expect:
        wanted = expect["request"]
        if wanted == "skip":
            return "right" if kind == "no_answer" and result.no_answer == "skipped" else "misread"
        return "right" if kind == "request" and result.request == wanted else "misread"
    if isinstance(expect, dict) and "no_answer" in expect:
        if expect["no_answer"] == "none" and kind == "answer" and means_none(question, value):
            return "right"
        return "right" if kind == "no_answer" and result.no_answer == expect["no_answer"] else "misread"
    if kind == "no_answer" and result.no_answer == "none" and means_none(question, expect):
        return "right"
    if kind != "answer":
        return "misread"
    return "right" if same_value(question, expect, value) else "misread"


@dataclass
class ConversationResult:
    id: str
    language: str
    facts: int = 0
    right: int = 0
    exact: int = 0
    turns: int = 0
    # Turns by kind: "start" (greeting, language, privacy notice), "question" (an answer to a question
    # asked the first time), "again" (the same question asked again), "item" (a group's questions after
    # its first item), "check" (a value or a request checked), "correction" (an interjection), "send",
    # "other" (a reply the walker did not recognise as a question: a tap on Skip or "I don't know").
    turn_kinds: dict[str, int] = field(default_factory=dict)
    asked: dict[str, int] = field(default_factory=dict)
    refusals: int = 0
    most_asked: int = 0
    most_asked_question: str = ""
    last_turns: list[tuple[str, str]] = field(default_factory=list)
    submitted: bool = False
    wrong: list[dict[str, Any]] = field(default_factory=list)
