"""schemathesis against the app's own OpenAPI schema: whatever the generated requests hold (ids
past 32 and 64 bits, out-of-range dates and time-zone offsets, NUL in strings, wrong types,
missing fields), no endpoint answers with a server error (5xx). Lone surrogates, which
schemathesis does not send, are in tests/backend/test_bad_characters.py.

Every operation runs once, the staff endpoints with a case manager's token, those of the action
server and Rasa with the internal token; the staff endpoints run again as a volunteer and as an
administrator (who reach other code: the translation queue, staff accounts, erasure). The ids
in paths are those of a real intake of the staff member's municipality, one per operation."""

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
from tests.backend import test_privacy
from tests.backend.conftest import Staff
from tests.backend.test_access import HOORN, submit

# Per operation, besides schemathesis's coverage cases (the boundaries of every parameter):
# enough to reach every kind of input, while the runs of all roles stay well under 3 minutes.
EXAMPLES = 10
# The same operations again as a volunteer and as an administrator: most of their requests stop
# at "not allowed" or reach code the case manager's run went through, so fewer examples.
OTHER_ROLE_EXAMPLES = 5

# The app's schema, read through ASGI (the database is only needed once requests are sent).
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app())
# Logging out would end the login the other operations run with.
schema = schema.exclude(path_regex="^/api/auth/logout$")
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], max_examples=EXAMPLES)
# What staff log in for: not the phone's endpoints, not the action server's or Rasa's, not login.
staff_schema = schema.include(path_regex=r"^/api/(?!chat/|internal/|auth/login$)")

# Rasa's tracker store (of the privacy tests): an erasure needs it.
shared_tracker = test_privacy.shared_tracker


@pytest.fixture(scope="module")
def logins(make_staff) -> dict[StaffRole, Staff]:  # type: ignore[no-untyped-def]
    return {role: make_staff(role, () if role == StaffRole.ADMINISTRATOR else (HOORN,)) for role in StaffRole}


@pytest.fixture(scope="module")
def real_ids(client: TestClient, make_staff):  # type: ignore[no-untyped-def]
    """Ids that exist, per operation and role: a conversation and its intake in the staff member's
    municipality, and a staff account nobody logs in with. Generated ids almost never exist, so
    without these the requests would stop at "not found" before the code that uses the rest of
    what they carry (offsets, dates, corrections). One set per operation: an erasure or a change
    of account must not leave the next operation with nothing to find."""
    made: dict[tuple[str, StaffRole], dict[str, str]] = {}
    internal = {"Authorization": f"Bearer {os.environ['INTAKE_INTERNAL_API_TOKEN']}"}

    def for_operation(label: str, role: StaffRole) -> dict[str, str]:
        if (label, role) not in made:
            conversation_id = secrets.token_urlsafe(32)
            intake_id = submit(client, internal, HOORN, conversation=conversation_id)["intake_id"]
            username = make_staff(StaffRole.VOLUNTEER, (HOORN,)).username
            made[label, role] = {"conversation_id": conversation_id, "intake_id": str(intake_id), "username": username}
        return made[label, role]

    return for_operation


def _call(case: schemathesis.Case, headers: dict[str, str], ids: dict[str, str]) -> None:
    # A chat message to a real conversation would go on to Rasa, which does not run in these tests.
    if not case.path.endswith("/messages"):
        for name in set(case.path_parameters or {}) & set(ids):
            case.path_parameters[name] = ids[name]  # type: ignore[index]
    case.call_and_validate(headers=headers, checks=[not_a_server_error])


@pytest.mark.usefixtures("shared_tracker")
@schema.parametrize()
@settings(deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_request_gives_a_server_error(case: schemathesis.Case, logins, real_ids) -> None:  # type: ignore[no-untyped-def]
    # The action server's and Rasa's endpoints with their shared token, the rest as a case manager.
    internal = case.path.startswith(("/api/internal", "/nlg"))
    headers = (
        {"Authorization": f"Bearer {os.environ['INTAKE_INTERNAL_API_TOKEN']}"}
        if internal
        else logins[StaffRole.CASE_MANAGER].headers
    )
    _call(case, headers, real_ids(case.operation.label, StaffRole.CASE_MANAGER))


@pytest.mark.usefixtures("shared_tracker")
@pytest.mark.parametrize("role", [StaffRole.VOLUNTEER, StaffRole.ADMINISTRATOR])
@staff_schema.parametrize()
@settings(deadline=None, derandomize=True, max_examples=OTHER_ROLE_EXAMPLES, suppress_health_check=list(HealthCheck))
def test_no_staff_request_gives_a_server_error_as_a_volunteer_or_an_administrator(  # type: ignore[no-untyped-def]
    case: schemathesis.Case, role: StaffRole, logins, real_ids
) -> None:
    _call(case, logins[role].headers, real_ids(case.operation.label, role))
