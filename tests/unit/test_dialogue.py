"""Which question comes next: conditions, repeating groups, section summaries, pause."""

from __future__ import annotations

from datetime import date
from typing import Any

from actions.submission import collected_answers
from forms import load_schema
from forms.conditions import raised_flags
from forms.dialogue import DONT_KNOW, SKIPPED, next_slot, required_slots

START = {"language": "en", "privacy_acknowledged": True}
PERSONAL = {"full_name": "Amanuel Tesfay", "date_of_birth": "1995", "country_of_origin": "Eritrea"}


def test_first_questions_are_language_privacy_then_the_first_section() -> None:
    assert next_slot({}) == "language"
    assert next_slot({"language": "ti"}) == "privacy_acknowledged"
    assert next_slot(START) == "full_name"


def test_each_section_ends_with_its_summary() -> None:
    slots = {**START, **PERSONAL, "municipality": "0405"}
    assert next_slot(slots) == "confirm_personal"
    assert next_slot({**slots, "confirm_personal": True}) == "phone"


def test_a_follow_up_question_is_asked_only_when_its_condition_holds() -> None:
    base = {**START, **PERSONAL, "municipality": "0405", "confirm_personal": True}
    base |= {"phone": SKIPPED, "email": SKIPPED, "digid_applied": "no"}
    assert next_slot({**base, "driving_licence": "yes"}) == "driving_licence_country"
    assert next_slot({**base, "driving_licence": "no"}) == "confirm_contact"
    assert "driving_licence_country" not in required_slots({**base, "driving_licence": DONT_KNOW})


def test_a_group_asks_its_item_questions_while_open() -> None:
    slots: dict[str, Any] = {**START, "partner": "no"}
    closed = required_slots(slots)
    assert "children" in closed and "child_date_of_birth" not in closed
    opened = {**slots, "group_items": {"children": {"items": [], "open": True}}}
    required = required_slots(opened)
    assert required.index("child_date_of_birth") < required.index("children")


def test_item_conditions_look_at_the_item_being_filled() -> None:
    slots = {**START, "group_items": {"schooling": {"items": [{"values": {"education_diploma": "yes"}}], "open": True}}}
    assert "diploma_in_possession" not in required_slots({**slots, "education_diploma": "no"})
    assert "diploma_in_possession" in required_slots({**slots, "education_diploma": "yes"})
    # After the group, "any school with a diploma" counts.
    assert "diploma_evaluation" in required_slots({**slots, "schooling": 1, "education_diploma": None})


def test_early_education_information_only_for_parents_of_young_children() -> None:
    def slots(born: str) -> dict[str, Any]:
        items = [{"values": {"child_date_of_birth": born}, "texts": {}}]
        return {**START, "children": 1, "group_items": {"children": {"items": items, "open": False}}}

    assert "early_education_info" in required_slots(slots(str(date.today().year - 3)))
    assert "early_education_info" not in required_slots(slots("2005"))


def test_pausing_ends_the_form() -> None:
    assert required_slots({**START, "paused": True}) == []


def test_flags_from_stored_values() -> None:
    schema = load_schema()
    values = {
        "child_date_of_birth": ["2010", "2023-05"],
        "digid_applied": ["unknown"],
        "mental_health_help": ["yes"],
        "latin_alphabet": ["no"],
        "interpreter_needed": ["yes"],
        "date_of_birth": ["2005-01-01"],
    }
    raised = {f.id for f in raised_flags(schema, lambda q: values.get(q, []), today=date(2026, 11, 23))}
    assert raised == {"young_children", "no_digid", "health_help", "low_literacy", "interpreter_needed", "young_person"}


def test_collected_answers_carry_items_texts_and_no_answer_reasons() -> None:
    slots = {
        **START,
        **PERSONAL,
        "country_of_origin": SKIPPED,
        "answer_texts": {"full_name": "Amanuel Tesfay", "job_title": "ሓጻቢ"},
        "jobs": None,
        "group_items": {
            "jobs": {"items": [{"values": {"job_title": "tailor", "job_years": 5}, "texts": {"job_title": "tailor"}}]}
        },
        "job_title": "ሓጻቢ",
        "driving_licence": "no",
        "driving_licence_country": "SD",  # answered before the licence answer changed
    }
    answers = {(a["question_id"], a["item"]): a for a in collected_answers(slots)}
    assert answers[("full_name", None)]["original_text"] == "Amanuel Tesfay"
    assert answers[("country_of_origin", None)] == {
        "question_id": "country_of_origin",
        "item": None,
        "value": None,
        "no_answer": "skipped",
    }
    assert answers[("job_title", 0)]["value"] == "tailor" and answers[("job_years", 0)]["value"] == 5
    assert answers[("job_title", 1)]["original_text"] == "ሓጻቢ"  # the item being filled
    assert ("jobs", None) not in answers  # the group is not finished yet
    assert answers[("driving_licence_country", None)]["no_answer"] == "not_applicable"
