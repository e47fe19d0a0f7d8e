"""Whatever Rasa needs from forms/intake.yaml is generated; the committed copy must be current."""

from __future__ import annotations

import yaml

from forms import load_schema
from tools.generate_rasa import GENERATED_DOMAIN, build_domain, render


def test_generated_domain_is_up_to_date() -> None:
    assert GENERATED_DOMAIN.read_text(encoding="utf-8") == render(), "run `make generate` and commit the result"


def test_every_question_is_a_form_slot_with_a_prompt() -> None:
    domain = build_domain()
    required = domain["forms"]["intake_form"]["required_slots"]
    for question in load_schema().questions:
        assert question.id in required
        assert question.id in domain["slots"]
        assert f"utter_ask_{question.id}" in domain["responses"]
    assert required[0] == "language" and required[-1] == "intake_confirmed"


def test_generated_file_is_valid_yaml() -> None:
    assert yaml.safe_load(GENERATED_DOMAIN.read_text(encoding="utf-8"))["version"] == "3.1"
