"""The intake schema is the single home of the questions: it must load and be checked."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from forms.schema import SCHEMA_FILE, SchemaError, load_municipalities, load_schema, parse_schema

RAW: dict[str, Any] = yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_schema_file_is_valid() -> None:
    schema = load_schema()
    assert [q.id for q in schema.questions][:4] == ["full_name", "date_of_birth", "country_of_origin", "municipality"]
    assert all(q.fills and q.label and q.prompt for q in schema.questions)


def test_schema_covers_the_brede_intake_topics() -> None:
    """The sections the law and the GGM model ask for (shared/domain.md §1.2, §3.2)."""
    sections = {s.id for s in load_schema().sections}
    assert {"personal", "contact", "household", "education", "work", "languages", "digital", "health"} <= sections
    assert {"finances", "housing", "social", "goals", "practical"} <= sections


def test_health_questions_are_optional_and_marked_sensitive() -> None:
    health = load_schema().section("health")
    assert health.intro
    assert all(q.skippable and q.sensitive for q in health.questions)


def test_repeating_groups_hold_their_item_questions() -> None:
    schema = load_schema()
    schooling = schema.question("schooling")
    assert schooling.type == "group" and schooling.more_prompt and schooling.max_items >= 1
    assert [q.id for q in schooling.items][:3] == ["education_level", "education_field", "education_country"]
    assert all(q.group_id == "schooling" for q in schooling.items)
    # The item questions follow their group in the asking order.
    ids = [q.id for q in schema.questions]
    assert ids.index("education_level") == ids.index("schooling") + 1


def test_options_carry_ggm_codes_where_ggm_has_them() -> None:
    level = load_schema().question("education_level")
    assert level.option("bachelor") is not None and level.option("bachelor").ggm == "HBO / Bachelor"  # type: ignore[union-attr]
    assert load_schema().question("dutch_level").option("good").ggm == "Goed"  # type: ignore[union-attr]


def test_conditions_refer_to_earlier_questions() -> None:
    when = load_schema().question("driving_licence_country").when
    assert when is not None and when.question == "driving_licence" and when.equals == "yes"


def test_municipality_options_are_the_seven_westfriesland_municipalities() -> None:
    names = {o.label for o in load_schema().question("municipality").options}
    assert names == {"Drechterland", "Enkhuizen", "Hoorn", "Koggenland", "Medemblik", "Opmeer", "Stede Broec"}
    assert all(len(m.code) == 4 and m.code.isdigit() for m in load_municipalities())


def _broken(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(RAW)
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["sections"][0]["questions"][0].pop("prompt"), "prompt"),
        (lambda d: d["sections"][0]["questions"][0].update(type="essay"), "essay"),
        (lambda d: d["sections"][0]["questions"][0].update(id="Full Name"), "does not match"),
        (lambda d: d["sections"][0]["questions"][1].update(id="full_name"), "used twice"),
        (lambda d: d["sections"][0]["questions"][0].update(id="language"), "reserved"),
        (lambda d: d["sections"][0]["questions"][3].pop("options_from"), "valid under"),
        (lambda d: d["sections"][0]["questions"][3].update(options_from="colours"), "unknown option list"),
        (
            lambda d: d["sections"][0]["questions"][0].update(when={"question": "municipality", "equals": "x"}),
            "asked before",
        ),
        (lambda d: d["flags"][0]["when"].update(any=[{"question": "nope", "equals": "x"}]), "unknown question"),
        (lambda d: d["sections"][0]["questions"][0].update(id="confirm_personal"), "reserved"),
        (
            lambda d: d["sections"][2]["questions"][1]["questions"][0].update(type="group"),
            "required property|cannot contain",
        ),
        (lambda d: d["sections"][0]["questions"][0].update(colour="blue"), "Additional properties"),
    ],
)
def test_invalid_schemas_are_refused(change: Any, message: str) -> None:
    with pytest.raises(SchemaError, match=message):
        parse_schema(_broken(change))
