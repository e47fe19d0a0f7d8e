"""Causes the held-out set-26 showed, fixed and tested with our own sentences."""

from __future__ import annotations

from datetime import date

import pytest

from forms import load_schema
from forms.understanding import interpret
from tests.unit.test_intake_form import Conversation
from tests.unit.test_reading_what_set19_taught import value_of
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
    # The second school's first question, no "yes or no?" ("a computer course" answers it: "Other").
    assert chat.asked == "education_level" or chat.slots["education_level"] == "other"
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


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # A nickname first, then the name in full after the word for the papers, in any script.
        ("am", "ሁሉም ሐጂ ሙሳ ይሉኛል፣ በመታወቂያ ላይ ሙሳ አሊ ከድር ነው", "ሙሳ አሊ ከድር"),
        ("ar", "الكل يعرفني ابو سامي، بالجواز مكتوب سامي يوسف الحلبي", "سامي يوسف الحلبي"),
        ("ti", "ኩሉ ሰብ ሓጂ ዑመር ይብለኒ፣ ኣብ ወረቐት ዑመር ኢድሪስ ሳልሕ እዩ", "ዑመር ኢድሪስ ሳልሕ"),
        # The name, then what everyone calls the person: the name.
        ("ar", "ابوي اسمه حسين علي الدليمي، الكل يسموه ابو علي", "حسين علي الدليمي"),
        ("ti", "shm abo'y Haile Berhe Tekle eyu, kulu seb Haji ybelo grn Haji aykonen shmu", "Haile Berhe Tekle"),
        ("en", "my father is Yusuf Omar Ali, everyone calls him Haji", "Yusuf Omar Ali"),
    ],
)
def test_the_name_beside_what_people_call_the_person(language: str, text: str, expected: str) -> None:
    assert value_of("full_name", text, language) == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ti", "ewe sebeytey msana ab enkhuizen"),
        ("en", "yes, my wife, we live in Zwaag"),
        ("ar", "نعم زوجتي معي بهورن"),
        ("tr", "evet eşim de Medemblik'te"),
    ],
)
def test_a_partner_in_a_town_here_is_in_the_netherlands(language: str, text: str) -> None:
    """A town of Westfriesland named at *Do you have a partner?* says the partner is here."""
    assert value_of("partner", text, language) == "in_netherlands"


@pytest.mark.parametrize(
    ("language", "text", "relations"),
    [
        ("tr", "ablam ve eniştem", ["sibling", "other_family"]),
        ("en", "my mother and my father", ["parent", "parent"]),
        ("ar", "امي واخوي", ["parent", "sibling"]),
    ],
)
def test_the_people_listed_at_anyone_else_are_each_an_item(language: str, text: str, relations: list[str]) -> None:
    result = interpret(load_schema().question("household_members"), text, language)
    assert result.kind == "answer" and result.reading is not None
    assert [item["member_relation"] for item in result.reading.items] == relations


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("tr", "annemle babam gelmek istiyor ama başvuru yok, hayır"),
        ("en", "my parents would like to come but there is no application, no"),
        ("ar", "امي وابوي بدهم يجوا بس ما في طلب، لا"),
    ],
)
def test_a_no_beside_the_family_corrects_no_age(monkeypatch: pytest.MonkeyPatch, language: str, text: str) -> None:
    """ "My parents want to come but there is no application, no" at *Are you waiting for family
    to come?*: a no; the Turkish "yok" (none, also a zero) is no new age for a member."""
    groups = {
        "household_members": {
            "items": [{"values": {"member_relation": "sibling", "member_name": "Murat", "member_age": 35}, "texts": {}}]
        }
    }
    slots = {**answered_until("family_reunification", language), "group_items": groups, "household_members": 1}
    chat = Conversation(monkeypatch, requested_slot="family_reunification", **slots)
    chat.say(text)
    assert chat.slots["family_reunification"] == "no"
    assert chat.slots["group_items"]["household_members"]["items"][0]["values"]["member_age"] == 35


@pytest.mark.parametrize(
    ("language", "question", "text", "expected"),
    [
        # Latin Tigrinya: a child's age, the papers.
        ("ti", "child_date_of_birth", "gualey 9 ametu", "~2017"),
        ("ti", "full_name", "ab wereqet Selam Tesfay Gebre eya", "Selam Tesfay Gebre"),
    ],
)
def test_words_the_files_lacked(language: str, question: str, text: str, expected: object) -> None:
    assert value_of(question, text, language) == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ar", "عفوا غلطت، مصطفى مواليد ٢٠١٣ مو ٢٠١٢"),
        ("en", "sorry, Mustafa was born in 2013, not 2012"),
        ("tr", "pardon, Mustafa 2013 doğumlu, 2012 değil"),
    ],
)
def test_a_child_named_by_name_is_put_right_by_the_year_said_wrong(
    monkeypatch: pytest.MonkeyPatch, language: str, text: str
) -> None:
    """A child called by their name (no word for "child") is known by the year said wrong; the
    person's own date of birth is not touched and the question asked stays."""
    items = [
        {"values": {"child_date_of_birth": y, "child_lives_with_you": "yes"}, "texts": {}} for y in ("2008", "2012")
    ]
    slots = {
        **answered_until("schooling", language),
        "group_items": {"children": {"items": items}},
        "children": 2,
        "date_of_birth": "1970-07-01",
    }
    chat = Conversation(monkeypatch, requested_slot="schooling", **slots)
    chat.say(text)
    assert [i["values"]["child_date_of_birth"] for i in chat.slots["group_items"]["children"]["items"]] == [
        "2008",
        "2013",
    ]
    assert chat.slots["date_of_birth"] == "1970-07-01"
    assert chat.asked == "schooling"
