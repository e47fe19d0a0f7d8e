"""Several facts of one group item in one message (issue #10, deliverable 4): "I was a
hairdresser in Sudan for 4 years" at the job title also answers where and how long, so those
questions are not asked for that job; what is not plainly said is still asked."""

from __future__ import annotations

from typing import Any

import pytest

from forms.dialogue import SKIPPED, next_slot
from forms.schema import SECTION_CONFIRM_PREFIX, load_schema
from tests.unit.test_intake_form import Conversation


def answered_until(slot: str, language: str, **given: Any) -> dict[str, Any]:
    """Slots as they are when `slot` is asked: everything before it answered (or skipped), but the
    `given` answers (`partner="in_netherlands"`: the questions asked of people with a partner)."""
    schema = load_schema()
    slots: dict[str, Any] = {"language": language, "privacy_acknowledged": True, **given}
    while (name := next_slot(slots, schema)) != slot:
        assert name is not None, f"{slot} is never asked"
        if name.startswith(SECTION_CONFIRM_PREFIX):
            slots[name] = True
        elif schema.has_question(name) and schema.question(name).type == "group":
            slots[name] = 0
        else:
            slots[name] = SKIPPED
    return slots


@pytest.mark.parametrize(
    ("language", "title", "country"),
    [
        ("en", "I was a hairdresser in Sudan for 4 years", "SD"),
        ("ar", "كنت حلاقة في السودان ٤ سنوات", "SD"),
        ("fr", "coiffeuse au Soudan pendant 4 ans", "SD"),
        ("ti", "ኣብ ሱዳን 4 ዓመት ጸጉሪ ሰሪሐ", "SD"),
    ],
)
def test_a_job_title_with_where_and_how_long_answers_those_too(
    monkeypatch: pytest.MonkeyPatch, language: str, title: str, country: str
) -> None:
    chat = Conversation(monkeypatch, requested_slot="jobs", **answered_until("jobs", language))
    chat.say("/affirm", intent="affirm")
    assert chat.asked == "job_title"
    chat.say(title)
    assert chat.slots["job_years"] == 4 and chat.slots["job_country"] == country
    assert chat.asked == "job_tasks"
    chat.say("cutting and washing hair, colours")
    # Where and how long were said: the next thing asked is whether there is another job.
    assert chat.asked == "jobs"
    chat.say("no", intent="deny")
    job = chat.slots["group_items"]["jobs"]["items"][-1]["values"]
    assert (job["job_years"], job["job_country"]) == (4, country)


@pytest.mark.parametrize(
    ("language", "title"),
    [("en", "Turkish teacher"), ("so", "macalin af soomaali"), ("tr", "Türkçe öğretmeni")],
)
def test_a_language_in_the_job_title_is_no_country(monkeypatch: pytest.MonkeyPatch, language: str, title: str) -> None:
    chat = Conversation(monkeypatch, requested_slot="jobs", **answered_until("jobs", language))
    chat.say("/affirm", intent="affirm")
    chat.say(title)
    chat.say("teaching children")
    assert chat.slots.get("job_country") is None
    assert chat.asked == "job_years"
    chat.say("6")
    assert chat.asked == "job_country"


@pytest.mark.parametrize(
    ("language", "tasks"),
    [("en", "I cooked for 4 children"), ("nl", "ik kookte voor 40 mensen"), ("ar", "كنت اطبخ ل ٤ اطفال")],
)
def test_a_number_that_is_no_duration_is_not_the_years(
    monkeypatch: pytest.MonkeyPatch, language: str, tasks: str
) -> None:
    chat = Conversation(monkeypatch, requested_slot="jobs", **answered_until("jobs", language))
    chat.say("/affirm", intent="affirm")
    chat.say("cook")
    chat.say(tasks)
    assert chat.slots.get("job_years") is None and chat.asked == "job_years"


@pytest.mark.parametrize(
    ("language", "relation"),
    [("en", "my mother, she is 60 years old"), ("ar", "امي عمرها ٦٠ سنة"), ("tr", "annem, 60 yaşında")],
)
def test_the_age_beside_the_relation_is_not_asked_again(
    monkeypatch: pytest.MonkeyPatch, language: str, relation: str
) -> None:
    before = answered_until("household_members", language)
    chat = Conversation(monkeypatch, requested_slot="household_members", **before)
    chat.say("/affirm", intent="affirm")
    assert chat.asked == "member_relation"
    chat.say(relation)
    assert chat.slots["member_relation"] == "parent"
    assert chat.slots["member_age"] == 60
    assert chat.asked == "member_name"


@pytest.mark.parametrize(
    ("language", "answer", "country"),
    [
        ("en", "yes, I was a driver in Iraq for 5 years", "IQ"),
        ("nl", "ja ik was 5 jaar chauffeur in Irak", "IQ"),
        ("fa", "بله ۵ سال در ایران راننده بودم", "IR"),
    ],
)
def test_the_group_answer_gives_the_first_items_facts(
    monkeypatch: pytest.MonkeyPatch, language: str, answer: str, country: str
) -> None:
    chat = Conversation(monkeypatch, requested_slot="jobs", **answered_until("jobs", language))
    chat.say(answer)
    assert chat.slots["job_years"] == 5 and chat.slots["job_country"] == country
    assert chat.asked == "job_title"
    chat.say("driver")
    chat.say("driving a truck")
    assert chat.asked == "jobs"  # another job? — where and how long were said
