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
    assert [q.id for q in schema.questions][:3] == ["full_name", "date_of_birth", "municipality"]
    assert all(q.fills and q.label and q.prompt for q in schema.questions)


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
        (lambda d: d["sections"][0]["questions"][2].pop("options_from"), "valid under"),
        (lambda d: d["sections"][0]["questions"][0].update(colour="blue"), "Additional properties"),
    ],
)
def test_invalid_schemas_are_refused(change: Any, message: str) -> None:
    with pytest.raises(SchemaError, match=message):
        parse_schema(_broken(change))
