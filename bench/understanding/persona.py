"""A persona of the understanding benchmark walks the whole pre-intake through the chat gateway.

The persona answers each question with what its file says it types (a list: one per time asked),
taps "Yes" when the assistant checks a value that is right and "No" when it is wrong, confirms
section summaries, and says its interjections right after the named question. A question it has
no (more) words for gets a tap on "Skip" or "I don't know" where there is one, else "I don't know"
typed in English. Afterwards the intake is read through the staff API and compared fact by fact.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import yaml

from backend.nlg import texts
from backend.nlg.render import display_value
from bench.understanding.scoring import ConversationResult, means_none, same_value
from forms import load_schema
from locales import translate
from tests.e2e.chat import GatewayChat, Reply
from tests.e2e.intake_driver import IntakeDriver

MAX_TURNS = 200


@dataclass
class Persona:
    id: str
    language: str
    opening: str
    says: dict[str, Any]
    facts: dict[str, Any]
    interjections: list[dict[str, str]] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> Persona:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return cls(
            id=str(data["id"]),
            language=str(data["language"]),
            opening=str(data.get("opening") or "hello"),
            says=dict(data.get("says") or {}),
            facts=dict(data.get("facts") or {}),
            interjections=list(data.get("interjections") or []),
        )


def _confirmation_value(reply: Reply, language: str) -> str | None:
    """The value in "<value> — is that right?", or None when the reply is no such check."""
    template = translate(language, texts.CONFIRM_READING)
    before, _, after = template.partition("{value}")
    for line in reply.texts:
        if line.endswith(after) and line.startswith(before):
            return line[len(before) : len(line) - len(after)]
    return None


def _fallback(reply: Reply, language: str) -> str:
    for title in (texts.SKIP_BUTTON, texts.DONT_KNOW_BUTTON):
        wanted = translate(language, title)
        for button in reply.buttons:
            if button["title"] == wanted:
                return button["payload"]
    return "I don't know"


def walk(persona: Persona, backend_url: str, username: str, password: str) -> ConversationResult:
    schema = load_schema()
    result = ConversationResult(persona.id, persona.language)
    chat = GatewayChat(backend_url)
    driver = IntakeDriver(chat, persona.language, {})
    asked: dict[str, int] = {}
    interjections = {i["after"]: i["say"] for i in persona.interjections}
    expected_item = _expected_items(persona)

    transcript: list[tuple[str, str]] = []
    items = _ItemCounter()
    conditional_items: dict[str, list[int]] = {}  # the items a conditional item question was asked for

    def say(text: str, kind: str) -> Reply:
        result.turns += 1
        result.turn_kinds[kind] = result.turn_kinds.get(kind, 0) + 1
        reply = chat.say(text)
        transcript.append((text, reply.text[-160:]))
        return reply

    reply = say(persona.opening, "start")
    reply = say(f'/choose_language{{"language": "{persona.language}"}}', "start")
    reply = say("/affirm", "start")  # the privacy notice
    last_slot = None
    for _turn in range(MAX_TURNS):
        if translate(persona.language, texts.RESPONSES["utter_intake_submitted"].text) in reply.text:
            result.submitted = True
            break
        if any(translate(persona.language, check) in reply.text for check in texts.CHECK_REQUEST.values()):
            # "Do you want to talk to a person?": the people of the sets answer, they do not ask.
            reply = say("/deny", "check")
            continue
        shown = _confirmation_value(reply, persona.language)
        if shown is not None and last_slot is not None:
            question = schema.question(last_slot)
            wanted = expected_item(last_slot, items.current(last_slot, schema, asked.get(last_slot, 1) - 1))
            right = wanted is not None and display_value(question, wanted, persona.language) == shown
            reply = say("/affirm" if right else "/deny", "check")
            continue
        try:
            slot = driver.asked(reply)
        except AssertionError:
            reply = say(_fallback(reply, persona.language), "other")
            continue
        if slot.startswith("confirm_") or slot == "intake_confirmed":
            reply = say("/affirm", "send" if slot == "intake_confirmed" else "check")
            continue
        count = asked.get(slot, 0)
        asked[slot] = count + 1
        planned = persona.says.get(slot)
        index = items.index_of(slot, schema)
        if index is not None:
            # A question of a group's item: its answer is the item's (a question the person's
            # earlier words already answered for this item is not asked, so counting would shift).
            # A question asked only for some items ("Do you have this diploma with you?" after a
            # "yes") takes its answers in the order it is asked, as FORMAT.md says.
            repeated = items.repeated(slot)
            said_at = index
            if schema.question(slot).when is not None:
                asked_items = conditional_items.setdefault(slot, [])
                if index not in asked_items:
                    asked_items.append(index)
                said_at = asked_items.index(index)
            listed = isinstance(planned, list) and said_at < len(planned)
            message = str(planned[said_at]) if listed and not repeated and isinstance(planned, list) else None
            if planned is not None and not isinstance(planned, list) and said_at == 0 and not repeated:
                message = str(planned)
            if repeated:
                result.refusals += 1
        elif isinstance(planned, list):
            message = str(planned[count]) if count < len(planned) else None
        else:
            message = str(planned) if planned is not None and count == 0 else None
        if message is None and count > 0 and slot in persona.says and not isinstance(planned, list):
            result.refusals += 1  # asked again after its one answer
        if index is not None:
            kind = "again" if items.repeated(slot) else "item" if index > 0 else "question"
        else:
            kind = "again" if count > 0 and _asked_once(slot) else "item" if count > 0 else "question"
        reply = say(message if message is not None else _fallback(reply, persona.language), kind)
        last_slot = slot
        if slot in interjections and message is not None:
            reply = say(interjections.pop(slot), "correction")
    # Group questions are asked once per item ("Another child?"); every other question counts.
    single = {slot: n for slot, n in asked.items() if _asked_once(slot)}
    result.most_asked = max(single.values(), default=0)
    result.most_asked_question = max(single, key=lambda slot: single[slot], default="")
    result.last_turns = transcript
    result.asked = dict(asked)
    _score(persona, result, backend_url, username, password)
    return result


class _ItemCounter:
    """Which item of its group a question is asked for: a group's question asked again ("another
    child?") or an item question at or before the last one asked starts the next item."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.last_position: dict[str, int] = {}
        self.next_item: set[str] = set()
        self.answered: set[tuple[str, int]] = set()
        self._repeated = False

    def index_of(self, slot: str, schema: Any) -> int | None:
        if not schema.has_question(slot):
            return None
        question = schema.question(slot)
        if question.type == "group":
            if question.id in self.index or question.id in self.last_position:
                self.next_item.add(question.id)
            self.index.setdefault(question.id, 0)
            return None
        group = question.group_id
        if group is None:
            return None
        position = [q.id for q in schema.question(group).items].index(slot)
        if group in self.next_item or (group in self.last_position and position < self.last_position[group]):
            self.index[group] = self.index.get(group, 0) + 1
            self.next_item.discard(group)
        self.last_position[group] = position
        index = self.index.get(group, 0)
        self._repeated = (slot, index) in self.answered
        self.answered.add((slot, index))
        return index

    def repeated(self, slot: str) -> bool:
        return self._repeated

    def current(self, slot: str, schema: Any, fallback: int) -> int:
        question = schema.question(slot)
        return self.index.get(question.group_id, 0) if question.group_id else fallback


def _asked_once(slot: str) -> bool:
    schema = load_schema()
    if not schema.has_question(slot):
        return True
    question = schema.question(slot)
    return question.type != "group" and question.group_id is None


def _expected_items(persona: Persona) -> Any:
    """The expected value of a question the n-th time it is asked (group items in order)."""
    schema = load_schema()

    def expected(question_id: str, index: int) -> Any:
        question = schema.question(question_id)
        if question.group_id is not None:
            items = persona.facts.get(question.group_id) or []
            return items[index].get(question_id) if index < len(items) else None
        return persona.facts.get(question_id)

    return expected


def _intake(backend_url: str, username: str, password: str, before: set[str]) -> dict[str, Any] | None:
    login = httpx.post(f"{backend_url}/api/auth/login", json={"username": username, "password": password}, timeout=30)
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    listed = httpx.get(f"{backend_url}/api/intakes", headers=headers, timeout=30).json()
    new = [i for i in listed if i["id"] not in before]
    if not new:
        return None
    detail: dict[str, Any] = httpx.get(f"{backend_url}/api/intakes/{new[-1]['id']}", headers=headers, timeout=30).json()
    before.add(new[-1]["id"])
    return detail


_SEEN: set[str] = set()


def _stored(field_out: dict[str, Any]) -> Any:
    if field_out.get("no_answer"):
        return {"no_answer": field_out["no_answer"]}
    return field_out.get("value")


def _matches(question_id: str, expected: Any, stored: Any) -> bool:
    question = load_schema().question(question_id)
    if expected == {"no_answer": "none"} and means_none(question, stored):
        return True
    if stored == {"no_answer": "none"} and means_none(question, expected):
        return True
    if isinstance(expected, dict) and "no_answer" in expected:
        return isinstance(stored, dict) and stored.get("no_answer") == expected["no_answer"]
    if expected == "any":
        return stored is not None and not isinstance(stored, dict)
    if isinstance(stored, dict) or stored is None:
        return False
    return same_value(question, expected, stored)


def _score(persona: Persona, result: ConversationResult, backend_url: str, username: str, password: str) -> None:
    intake = _intake(backend_url, username, password, _SEEN)
    fields: dict[str, Any] = {}
    groups: dict[str, list[dict[str, Any]]] = {}
    if intake is not None:
        for section in intake["sections"]:
            for f in section["fields"]:
                fields[f["question_id"]] = _stored(f)
            for g in section["groups"]:
                groups[g["question_id"]] = [{f["question_id"]: _stored(f) for f in item} for item in g["items"]]
    for question_id, expected in persona.facts.items():
        question = load_schema().question(question_id)
        if question.type == "group":
            items = groups.get(question_id, [])
            if expected == "yes":  # "there are some", nothing said about them
                _count(result, question_id, question_id, "items", "items" if items else "no items")
                continue
            wanted = [] if expected == "no" else expected or []
            for index, wanted_item in enumerate(wanted):
                got_item = items[index] if index < len(items) else {}
                for sub_id, sub_expected in (wanted_item or {}).items():
                    _count(result, question_id + f"[{index}]." + sub_id, sub_id, sub_expected, got_item.get(sub_id))
            if not wanted:
                _count(result, question_id, question_id, "no items", "no items" if not items else f"{len(items)} items")
            continue
        _count(result, question_id, question_id, expected, fields.get(question_id))


def _count(result: ConversationResult, name: str, question_id: str, expected: Any, stored: Any) -> None:
    result.facts += 1
    if (expected == stored and expected in ("no items", "items")) or _matches(question_id, expected, stored):
        result.right += 1
        if expected != "any":
            result.exact += 1
    else:
        result.wrong.append({"fact": name, "expected": expected, "stored": json.loads(json.dumps(stored, default=str))})
