"""schemathesis against the app's own OpenAPI schema: whatever the generated requests hold (ids
past 32 and 64 bits, out-of-range dates and time-zone offsets, NUL in strings, wrong types,
missing fields), no endpoint answers with a server error (5xx). Lone surrogates, which
schemathesis does not send, are in tests/backend/test_bad_characters.py.

The case manager's token is used for the staff endpoints, the internal token for those of the
action server and Rasa; one run of every operation takes about 30 s."""

from __future__ import annotations

import os
import secrets

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode

from backend.main import create_app
from backend.models import StaffRole
from tests.backend.test_access import HOORN, submit

# Per operation, besides schemathesis's coverage cases (the boundaries of every parameter):
# enough to reach every kind of input, while the whole run stays well under 60 s.
EXAMPLES = 10

# The app's schema, read through ASGI (the database is only needed once requests are sent).
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app())
# Logging out would end the login the other operations run with.
schema = schema.exclude(path_regex="^/api/auth/logout$")
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], max_examples=EXAMPLES)


@pytest.fixture(scope="module")
def staff_headers(make_staff) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return dict(make_staff(StaffRole.CASE_MANAGER, (HOORN,)).headers)


@pytest.fixture(scope="module")
def real_ids(client: TestClient) -> dict[str, str]:
    """A conversation and its intake in the case manager's municipality: generated ids almost never
    exist, so without these the requests would stop at "not found" before the code that uses the
    rest of what they carry (offsets, dates, corrections)."""
    conversation_id = secrets.token_urlsafe(32)
    internal = {"Authorization": f"Bearer {os.environ['INTAKE_INTERNAL_API_TOKEN']}"}
    intake_id = submit(client, internal, HOORN, conversation=conversation_id)["intake_id"]
    return {"conversation_id": conversation_id, "intake_id": str(intake_id)}


@schema.parametrize()
@settings(deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_request_gives_a_server_error(
    case: schemathesis.Case, staff_headers: dict[str, str], real_ids: dict[str, str]
) -> None:
    # A chat message to a real conversation would go on to Rasa, which does not run in these tests.
    if not case.path.endswith("/messages"):
        for name in set(case.path_parameters or {}) & set(real_ids):
            case.path_parameters[name] = real_ids[name]  # type: ignore[index]
    # The action server's and Rasa's endpoints with their shared token, the rest as a case manager.
    internal = case.path.startswith(("/api/internal", "/nlg"))
    headers = {"Authorization": f"Bearer {os.environ['INTAKE_INTERNAL_API_TOKEN']}"} if internal else staff_headers
    case.call_and_validate(headers=headers, checks=[not_a_server_error])
