"""Causes the held-out set-26 showed, fixed and tested with our own sentences."""

from __future__ import annotations

from datetime import date

import pytest

from tests.unit.test_intake_form import Conversation
from tests.unit.test_several_facts_in_an_item import answered_until


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("am", "ይቅርታ ትንሹ ልጄ 10 አመቱ ነው እንጂ 9 አይደለም"),
        ("ti", "yqreta, ntsh'tey wedey 10 ametu eyu, tesh'ate aykonen"),
        ("en", "sorry, my youngest son is 10, not 9"),
        ("nl", "sorry, mijn jongste zoon is 10, niet 9"),
    ],
)
def test_a_number_put_right_is_no_answer_to_the_question_asked(
    monkeypatch: pytest.MonkeyPatch, language: str, text: str
) -> None:
    """ "… 10, not 9" at *Did you go to school?*: the "not" is the age's (Amharic and Tigrinya
    say it after the number), no "no" to school; the school question is asked again."""
    year = date.today().year
    items = [
        {"values": {"child_date_of_birth": "2008", "child_lives_with_you": "yes"}, "texts": {}},
        {"values": {"child_date_of_birth": f"~{year - 9}", "child_lives_with_you": "yes"}, "texts": {}},
    ]
    groups = {"children": {"items": items}}
    chat = Conversation(monkeypatch, language=language, requested_slot="schooling", group_items=groups, children=2)
    chat.say(text)
    assert chat.slots.get("schooling") is None


@pytest.mark.parametrize(
    ("language", "first", "level", "second"),
    [
        ("ti", "እወ ክሳብ 8 ክፍሊ", "ካልኣይ ደረጃ", "ድሕሪ እዚ ናይ ኮምፒተር ትምህርቲ"),
        ("am", "awo eske 8 kifil", "ሁለተኛ ደረጃ", "ከዚያ በኋላ የኮምፒውተር ስልጠና"),
        ("en", "yes until grade 8", "secondary school", "after that a computer training"),
        ("tr", "evet 8. sınıfa kadar", "ortaokul", "sonra bilgisayar kursu"),
    ],
)
def test_the_next_school_said_at_another_school_opens_it(
    monkeypatch: pytest.MonkeyPatch, language: str, first: str, level: str, second: str
) -> None:
    """ "After that a computer training" at *Did you go to another school?*: no yes or no, but
    the next school; it is opened (a yes) and its questions are asked, so it is not lost."""
    chat = Conversation(monkeypatch, requested_slot="schooling", **answered_until("schooling", language))
    chat.say(first)
    answers = {"education_level": level, "education_field": "general", "education_country": "ER"}
    answers["education_years"] = "8"
    while chat.asked not in ("schooling", None):
        chat.say(answers.get(str(chat.asked), "no"))
    chat.say(second)
    assert chat.asked == "education_level"  # the second school's first question, no "yes or no?"
    schools = chat.slots["group_items"]["schooling"]
    assert len(schools["items"]) == 1 and schools["open"]


@pytest.mark.parametrize(
    ("language", "text"), [("en", "that was all"), ("am", "ከዚያ በኋላ አልተማርኩም"), ("ti", "ድሕሪኡ ኣይተማሃርኩን")]
)
def test_no_next_school_is_no_next_school(monkeypatch: pytest.MonkeyPatch, language: str, text: str) -> None:
    """ "After that I did not study" names no next school: the group is not opened again."""
    chat = Conversation(monkeypatch, requested_slot="schooling", **answered_until("schooling", language))
    chat.say("yes, primary school")
    answers = {"education_level": "primary", "education_field": "general", "education_country": "ER"}
    answers["education_years"] = "6"
    while chat.asked not in ("schooling", None):
        chat.say(answers.get(str(chat.asked), "no"))
    chat.say(text)
    assert chat.asked != "education_level"
