"""Start Rasa's own command line with one speed fix: JSON-schema validators are built once.

Why: Rasa checks every reply of the action server and of the NLG endpoint with
`jsonschema.validate(reply, spec)`. That call first validates the *spec itself* against the
JSON Schema meta-schema (draft 2020-12, slow) and builds a new validator: about half of
Rasa's CPU time per message on our machines (measured with py-spy). The specs never change,
so we build each validator once and validate replies exactly as `jsonschema.validate` does.

Usage (tools/run.py): `python -m rasa_addons.server run --model ... --endpoints ...`
"""

from __future__ import annotations

import functools
import json
import sys
from typing import Any

import jsonschema
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for

_original_validate = jsonschema.validate


@functools.lru_cache(maxsize=64)
def _validator(schema_json: str) -> Any:
    schema = json.loads(schema_json)
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def cached_validate(instance: Any, schema: Any, cls: Any = None, *args: Any, **kwargs: Any) -> None:
    """Same result and errors as `jsonschema.validate`, with the validator cached per schema."""
    if cls is not None or args or kwargs:
        _original_validate(instance, schema, cls, *args, **kwargs)
        return
    error = best_match(_validator(json.dumps(schema, sort_keys=True)).iter_errors(instance))
    if error is not None:
        raise error


def main() -> None:
    jsonschema.validate = cached_validate  # Rasa imports `validate` from jsonschema at call time
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
