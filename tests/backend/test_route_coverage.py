"""Every route says what it is (backend/policy.py): audited, staff only, or not a staff route;
every audited route records refused and failed calls too."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, RouteContext, iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import select

from backend.deps import current_user
from backend.models import AuditEvent, StaffRole
from backend.policy import Declaration, declaration_of
from tests.backend.test_access import HOORN, MEDEMBLIK, submit


def _dependants(dependant: Dependant) -> Iterator[Dependant]:
    for sub in dependant.dependencies:
        yield sub
        yield from _dependants(sub)


def _routes() -> list[RouteContext]:
    """Every route of the app as it serves it (with the prefixes and dependencies of its router),
    in the schema or not."""
    from backend.main import create_app

    app: FastAPI = create_app()
    return [route for route in iter_route_contexts(app.routes) if isinstance(route.original_route, APIRoute)]


def declarations(route: RouteContext) -> list[Declaration]:
    found = (declaration_of(d.call) for d in _dependants(route.dependant))
    return [d for d in found if d is not None]


def _kinds(route: RouteContext) -> list[str]:
    return [d.kind for d in declarations(route)]


def uses_bearer_login(route: RouteContext) -> bool:
    return any(d.call is current_user for d in _dependants(route.dependant))


def _name(route: RouteContext) -> str:
    return f"{sorted(route.methods or ())} {route.path}"


def test_every_route_declares_whether_it_is_a_staff_route_and_what_it_records(database_url: str) -> None:
    routes = _routes()
    assert len(routes) > 30
    undeclared = [_name(r) for r in routes if not declarations(r)]
    assert not undeclared, f"declare these routes (backend/policy.py docstring): {undeclared}"
    twice = [_name(r) for r in routes if len(declarations(r)) > 1]
    assert not twice, f"routes with more than one declaration: {twice}"
    # A route with a staff login is never declared as 'not a staff route'.
    disguised = [_name(r) for r in routes if uses_bearer_login(r) and "not_staff" in _kinds(r)]
    assert not disguised, f"staff routes declared as not_staff: {disguised}"


def test_the_routes_that_return_the_persons_data_are_audited(database_url: str) -> None:
    """The known readers of intakes, appointments and translations: audited, for case managers only
    (translations also for volunteers)."""
    declared = [(r, declarations(r)) for r in _routes()]
    by_route = {(method, r.path): found[0] for r, found in declared if found for method in r.methods or ()}
    for method, path in (
        ("GET", "/api/intakes"),
        ("GET", "/api/intakes/{intake_id}"),
        ("GET", "/api/intakes/{intake_id}/export"),
        ("GET", "/api/intakes/{intake_id}/timeline"),
        ("GET", "/api/appointments"),
        ("GET", "/api/appointments/{appointment_id}/history"),
        ("GET", "/api/translations"),
        ("GET", "/api/admin/audit"),
    ):
        declaration = by_route[(method, path)]
        assert declaration.kind == "audited", path
        assert StaffRole.VOLUNTEER not in declaration.roles or path == "/api/translations", path


def _placeholder(name: str) -> str:
    return "1" if name.endswith("_id") and not name.startswith(("intake", "appointment")) else str(uuid.uuid4())


def _path(route: RouteContext) -> str:
    path = route.path or ""
    for param in route.dependant.path_params:
        path = path.replace("{" + param.name + "}", _placeholder(param.name) if param.name != "question_id" else "x")
    return path


def _events(actor_username: str) -> list[AuditEvent]:
    from backend.db import session_scope
    from backend.models import StaffUser

    with session_scope() as session:
        actor = session.scalar(select(StaffUser).where(StaffUser.username == actor_username))
        assert actor is not None
        # In the order they were written (without ORDER BY the database may return any order).
        return list(session.scalars(select(AuditEvent).where(AuditEvent.actor_id == actor.id).order_by(AuditEvent.id)))


def _logged_in_both_ways(bearer: dict[str, str]) -> dict[str, str]:
    """The JSON API's bearer token, and the same login as the workspace's session cookie (with
    its CSRF token), so that every route finds the staff member however it logs in."""
    from backend.workspace.sessions import CSRF_HEADER, SESSION_COOKIE, csrf_token_for

    token = bearer["Authorization"].removeprefix("Bearer ")
    return {**bearer, "Cookie": f"{SESSION_COOKIE}={token}", CSRF_HEADER: csrf_token_for(token)}


def test_every_audited_route_records_a_refused_call(client: TestClient, make_staff) -> None:  # type: ignore[no-untyped-def]
    """Called by a role it does not serve: 403, and an `<action>_refused` record by that person."""
    # (A route without a declaration fails the first test.)
    declared = [(r, declarations(r)) for r in _routes()]
    audited = [(r, found[0]) for r, found in declared if found and found[0].kind == "audited"]
    assert len(audited) >= 20
    for route, declaration in audited:
        outsiders = [role for role in StaffRole if role not in declaration.roles]
        if not outsiders:
            continue
        staff = make_staff(outsiders[0], (HOORN,))
        for method in route.methods or ():
            response = client.request(
                method, _path(route), headers=_logged_in_both_ways(staff.headers), json={}, follow_redirects=False
            )
            assert response.status_code == 403, (_name(route), response.text)
        records = [(e.action, (e.detail or {}).get("status")) for e in _events(staff.username)]
        assert (f"{declaration.action}_refused", 403) in records, (_name(route), records)


def test_reads_of_another_municipalitys_intake_are_refused_and_recorded_for_every_reader(  # type: ignore[no-untyped-def]
    client: TestClient, make_staff, internal_headers: dict[str, str]
) -> None:
    intake_id = submit(client, internal_headers, HOORN)["intake_id"]
    medemblik = make_staff(StaffRole.CASE_MANAGER, (MEDEMBLIK,))
    readers = {
        f"/api/intakes/{intake_id}": "read_intake",
        f"/api/intakes/{intake_id}/export": "export_intake",
        f"/api/intakes/{intake_id}/timeline": "read_timeline",
        f"/api/intakes/{intake_id}/slots": "search_slots",
    }
    for path in readers:
        assert client.get(path, headers=medemblik.headers).status_code == 404, path
    refused = {(e.action, e.object_id) for e in _events(medemblik.username)}
    for action in readers.values():
        assert (f"{action}_refused", intake_id) in refused


def test_a_read_that_fails_after_the_check_is_recorded_as_failed(  # type: ignore[no-untyped-def]
    client: TestClient, make_staff, internal_headers: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from backend.api import intakes

    intake_id = submit(client, internal_headers, HOORN)["intake_id"]
    hoorn = make_staff(StaffRole.CASE_MANAGER, (HOORN,))

    def broken(*_args: Any) -> Any:
        raise RuntimeError("the presenter broke")

    monkeypatch.setattr(intakes, "detail", broken)
    assert client.get(f"/api/intakes/{intake_id}", headers=hoorn.headers).status_code == 500
    monkeypatch.undo()
    records = [(e.action, e.object_id, e.municipality_code, e.detail) for e in _events(hoorn.username)]
    assert ("read_intake_failed", intake_id, HOORN, {"status": 500}) in records
    # and a read that works is recorded once, as itself
    assert client.get(f"/api/intakes/{intake_id}", headers=hoorn.headers).status_code == 200
    actions = [e.action for e in _events(hoorn.username) if e.object_id == intake_id]
    assert actions == ["read_intake_failed", "read_intake"]


def test_a_change_that_fails_is_undone_but_the_attempt_is_recorded(  # type: ignore[no-untyped-def]
    client: TestClient, make_staff, internal_headers: dict[str, str]
) -> None:
    intake_id = submit(client, internal_headers, HOORN)["intake_id"]
    hoorn = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    bad = client.put(f"/api/intakes/{intake_id}/fields/date_of_birth", headers=hoorn.headers, json={"value": "soon"})
    assert bad.status_code == 400
    records = [(e.action, e.object_id, (e.detail or {}).get("status")) for e in _events(hoorn.username)]
    assert ("correct_field_failed", intake_id, 400) in records
