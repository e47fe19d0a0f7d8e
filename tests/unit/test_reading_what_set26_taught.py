"""Causes the held-out set-26 showed, fixed and tested with our own sentences."""

from __future__ import annotations

from datetime import date

import pytest

from tests.unit.test_intake_form import Conversation


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
