"""Walk a whole pre-intake the way a person does: read what the assistant asks, answer it.

The driver recognises the question in each reply by its translated text (from
forms/intake.yaml through the catalogs), so a test states *what* a person answers to each
question, not the order: the order, conditions and groups come from the real system.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from backend.nlg import texts
from forms import load_schema
from locales import translate
from tests.e2e.chat import Reply


class Chat(Protocol):
    def say(self, text: str) -> Reply: ...


# What to do for one question: a typed text, a button ("tap:<title>" in English, translated
# by the driver), or a function of the reply for anything cleverer.
Action = str | Callable[[Reply], str]


@dataclass
class IntakeDriver:
    chat: Chat
    language: str
    # question id -> action; a list of actions is used one per time the question is asked
    # (for groups: the item questions are asked once per item).
    answers: dict[str, Action | list[Action]]
    # For a question the test gives no answer: what to send (e.g. skip everything skippable).
    default: Callable[[str, Reply], str] | None = None
    transcript: list[tuple[str, str]] = field(default_factory=list)
    _asked: dict[str, int] = field(default_factory=dict)

    def t(self, message: str) -> str:
        return translate(self.language, message)

    def tap(self, reply: Reply, english_title: str) -> str:
        return reply.payload(self.t(english_title))

    def asked(self, reply: Reply) -> str:
        """The slot the reply asks for: the question (or summary) whose text comes last in it."""
        schema = load_schema()
        candidates: dict[str, list[str]] = {"intake_confirmed": [self.t(texts.FINAL_PROMPT)]}
        for section in schema.sections:
            candidates[section.confirm_slot] = [
                self.t(texts.SECTION_SUMMARY_INTRO).format(section=self.t(section.title))
            ]
        for question in schema.questions:
            prompts = [question.prompt] + ([question.more_prompt] if question.more_prompt else [])
            candidates[question.id] = [self.t(p) for p in prompts]
        best, position = "", -1
        text = reply.text
        for slot, prompts in candidates.items():
            for prompt in prompts:
                found = text.rfind(prompt)
                # Longer prompts win a tie: one prompt may contain a shorter one.
                if found > position or (found == position and found >= 0 and len(prompt) > len(best)):
                    best, position = slot, found
        if position < 0:
            raise AssertionError(f"no known question in the reply: {text!r}")
        return best

    def answer_for(self, slot: str, reply: Reply) -> str:
        planned = self.answers.get(slot)
        count = self._asked.get(slot, 0)
        self._asked[slot] = count + 1
        if isinstance(planned, list):
            planned = planned[min(count, len(planned) - 1)]
        if planned is None:
            if slot.startswith("confirm_") or slot == "intake_confirmed":
                return "/affirm"
            if self.default is not None:
                return self.default(slot, reply)
            raise AssertionError(f"the test has no answer for {slot!r}; the reply was {reply.text!r}")
        if callable(planned):
            return planned(reply)
        if planned.startswith("tap:"):
            return self.tap(reply, planned.removeprefix("tap:"))
        return planned

    def run(self, reply: Reply, stop_at: str | None = None, max_turns: int = 200) -> Reply:
        """Answer until the intake is sent (or `stop_at` is asked); returns the last reply."""
        for _turn in range(max_turns):
            if self.t(texts.RESPONSES["utter_intake_submitted"].text) in reply.text:
                return reply
            if any(self.t(check) in reply.text for check in texts.CHECK_REQUEST.values()):
                # "Do you want to talk to a person?" after an answer the classifier half took for
                # a request: the tests' people meant an answer.
                self.transcript.append(("check_request", "/deny"))
                reply = self.chat.say("/deny")
                continue
            slot = self.asked(reply)
            if slot == stop_at:
                return reply
            message = self.answer_for(slot, reply)
            self.transcript.append((slot, message))
            reply = self.chat.say(message)
        raise AssertionError(f"the intake did not finish in {max_turns} turns: {self.transcript[-10:]}")

    def times_asked(self, slot: str) -> int:
        return self._asked.get(slot, 0)


def fields_by_id(intake: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["question_id"]: f for section in intake["sections"] for f in section["fields"]}


def group_items(intake: dict[str, Any], group_id: str) -> list[dict[str, dict[str, Any]]]:
    group = next(g for s in intake["sections"] for g in s["groups"] if g["question_id"] == group_id)
    return [{f["question_id"]: f for f in item} for item in group["items"]]
