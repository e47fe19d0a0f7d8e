"""Putting one item of a group right by naming it: a job's years, a school's years, a brother's
age, said with a word of correction beside the job's, the school's or the person's words, also
with the numbers written as words. Our own sentences, each in three or more languages. And a
value the backend would refuse never blocks the rest of the intake."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.test_intake_form import Conversation


def at_another_job(monkeypatch: pytest.MonkeyPatch, language: str, title: str, years: int) -> Conversation:
    """Asked "Did you have another job?" after one job: its answers still in the item slots."""
    return Conversation(
        monkeypatch,
        language=language,
        requested_slot="jobs",
        group_items={"jobs": {"items": [], "open": True}},
        job_title=title,
        job_tasks="-",
        job_years=years,
        job_country="SY",
    )


def job_years_sent(chat: Conversation) -> list[Any]:
    return [a["value"] for a in chat.sent[-1]["answers"] if a["question_id"] == "job_years"]


@pytest.mark.parametrize(
    ("language", "title", "years", "text", "expected"),
    [
        ("nl", "kapper", 6, "sorry, ik zei zes jaar kapper maar het was acht jaar", 8),
        ("en", "carpenter", 4, "wait, I was a carpenter for seven years, not four", 7),
        ("tr", "terzi", 5, "pardon terzilik beş değil on yıl sürdü", 10),
        ("fr", "coiffeuse", 3, "pardon, coiffeuse c'était pas trois ans mais cinq ans", 5),
        ("nl", "bakker", 2, "nee sorry, het werk in de bakkerij was niet 2 maar 4 jaar", 4),
    ],
)
def test_a_jobs_years_put_right_at_another_job(
    monkeypatch: pytest.MonkeyPatch, language: str, title: str, years: int, text: str, expected: int
) -> None:
    chat = at_another_job(monkeypatch, language, title, years)
    chat.say(text)
    assert chat.slots["job_years"] == expected
    assert chat.slots["job_title"] == title  # the same job, no new one opened
    assert chat.slots["group_items"]["jobs"]["items"] == []
    assert job_years_sent(chat) == [expected]


def test_a_finished_job_is_put_right_by_its_own_words(monkeypatch: pytest.MonkeyPatch) -> None:
    items = [
        {"values": {"job_title": "kapper", "job_years": 6, "job_country": "SY"}, "texts": {}},
        {"values": {"job_title": "schoonmaker", "job_years": 2, "job_country": "NL"}, "texts": {}},
    ]
    chat = Conversation(
        monkeypatch, language="nl", requested_slot="first_language", group_items={"jobs": {"items": items}}, jobs=2
    )
    chat.say("o sorry, als kapper werkte ik niet zes jaar maar negen jaar")
    stored = chat.slots["group_items"]["jobs"]["items"]
    assert [item["values"]["job_years"] for item in stored] == [9, 2]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "sorry my brother is 25 not 24"),
        ("nl", "sorry mijn broer is vijfentwintig, niet vierentwintig"),
        ("tr", "pardon kardeşim 24 değil 25 yaşında"),
    ],
)
def test_a_household_members_age_put_right(monkeypatch: pytest.MonkeyPatch, language: str, text: str) -> None:
    items = [
        {"values": {"member_relation": "sibling", "member_name": "Omar", "member_age": 24}, "texts": {}},
        {"values": {"member_relation": "parent", "member_name": "Fatma", "member_age": 61}, "texts": {}},
    ]
    chat = Conversation(
        monkeypatch,
        language=language,
        requested_slot="family_reunification",
        group_items={"household_members": {"items": items}},
        household_members=2,
    )
    chat.say(text)
    stored = chat.slots["group_items"]["household_members"]["items"]
    assert [item["values"]["member_age"] for item in stored] == [25, 61]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "nl",
            "ja nog een, maar eerst even dit: ik zei eerder dat ik zes jaar kapper was in Aleppo, want "
            "ik begon in 2010 bij mijn oom in de zaak en daarna heb ik nog jaren in Beiroet in een "
            "salon gewerkt tot we hierheen kwamen",
        ),
        (
            "en",
            "yes one more but first I need to explain that the work I told you about was in Damascus "
            "with my uncle, it started when I was a boy and I stayed there until the war came and we "
            "had to leave everything behind",
        ),
        (
            "tr",
            "evet bir tane daha ama once sunu anlatayim, amcamin dukkaninda cocukken basladim sonra "
            "savas cikinca her seyi birakip Lubnana gittik orada da yillarca calistim ve buraya gelene "
            "kadar devam ettim",
        ),
    ],
)
def test_a_story_is_no_job_title_and_nothing_blocks_the_save(
    monkeypatch: pytest.MonkeyPatch, language: str, text: str
) -> None:
    chat = at_another_job(monkeypatch, language, "kapper", 6)
    chat.say(text)
    assert chat.slots.get("job_title") != text  # the story is no title of a new job
    for answer in chat.sent[-1]["answers"] if chat.sent else []:
        if answer["question_id"] == "job_title" and answer["value"] is not None:
            assert len(answer["value"]) <= 100


def test_a_value_the_backend_would_refuse_is_sent_as_not_understood_with_the_words() -> None:
    from actions.submission import collected_answers

    story = "x" * 150
    answers = collected_answers({"group_items": {"jobs": {"items": [{"values": {"job_title": story}, "texts": {}}]}}})
    [title] = [a for a in answers if a["question_id"] == "job_title"]
    assert title["value"] is None and title["no_answer"] == "needs_help" and title["original_text"] == story


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "sorry, the university was five years not four"),
        ("nl", "sorry, de universiteit was vijf jaar, niet vier"),
        ("ar", "عفوا الجامعة كانت خمس سنين مو اربعة"),
    ],
)
def test_a_schools_years_put_right(monkeypatch: pytest.MonkeyPatch, language: str, text: str) -> None:
    items = [
        {"values": {"education_level": "secondary_upper", "education_years": 6}, "texts": {}},
        {"values": {"education_level": "university", "education_field": "law", "education_years": 4}, "texts": {}},
    ]
    groups = {"schooling": {"items": items}}
    chat = Conversation(monkeypatch, language=language, requested_slot="courses", group_items=groups, schooling=2)
    chat.say(text)
    stored = chat.slots["group_items"]["schooling"]["items"]
    assert [item["values"]["education_years"] for item in stored] == [6, 5]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "sorry, the job in Turkey was four years, not three"),
        ("fa", "ببخشید کار تو ترکیه چهار سال بود نه سه سال"),
        ("nl", "sorry, het werk in Turkije was vier jaar, niet drie"),
    ],
)
def test_a_correction_of_a_job_not_yet_given_is_no_end_of_the_jobs(
    monkeypatch: pytest.MonkeyPatch, language: str, text: str
) -> None:
    chat = at_another_job(monkeypatch, language, "kapper", 6)
    chat.say(text)
    state = chat.slots["group_items"]["jobs"]
    first = state["items"][0]["values"] if state["items"] else {"job_years": chat.slots["job_years"]}
    assert first["job_years"] == 6  # the job given is not changed
    # Asked again, or the job in Turkey opened as the next one: the jobs are not closed.
    assert state["open"] is True and chat.slots.get("jobs") is None
