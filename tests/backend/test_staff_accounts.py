"""Staff accounts an operator can run: the administrators' API and the command line create and
deactivate staff, assign roles and municipalities, reset passwords and end logins; Argon2id
hashes (older ones upgraded at login); a minimum password policy in Dutch; every change audited."""

from __future__ import annotations

import base64
import hashlib
import os
import subprocess
import sys
import uuid
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from backend.db import session_scope
from backend.models import AuditEvent, Resource, StaffRole, StaffUser
from backend.workspace.text import nl_
from tests.backend.test_access import HOORN, MEDEMBLIK

STAFF = "/api/admin/staff"


def _name() -> str:
    return f"staff-{uuid.uuid4().hex[:8]}"


def _login(client: TestClient, username: str, password: str) -> Any:
    return client.post("/api/auth/login", json={"username": username, "password": password})


def _bearer(response: Any) -> dict[str, str]:
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def _stored_hash(username: str) -> str:
    with session_scope() as session:
        user = session.scalar(select(StaffUser).where(StaffUser.username == username))
        assert user is not None
        return user.password_hash


def _audit_of(username: str) -> list[tuple[str, dict[str, Any]]]:
    with session_scope() as session:
        user = session.scalar(select(StaffUser).where(StaffUser.username == username))
        assert user is not None
        events = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.object_type == "staff_user", AuditEvent.object_id == str(user.id))
            .order_by(AuditEvent.id)
        )
        return [(e.action, e.detail or {}) for e in events]


def test_an_administrator_runs_a_staff_account_from_creation_to_deactivation(  # type: ignore[no-untyped-def]
    client: TestClient, make_staff
) -> None:
    admin = make_staff(StaffRole.ADMINISTRATOR)
    username = _name()
    created = client.post(
        STAFF,
        headers=admin.headers,
        json={
            "username": username,
            "full_name": "Fatima de Vries",
            "role": "case_manager",
            "municipalities": ["Hoorn"],
        },
    )
    assert created.status_code == 201, created.text
    password = created.json()["password"]
    assert len(password) >= 20 and created.json()["account"]["municipalities"] == [HOORN]
    assert _stored_hash(username).startswith("$argon2id$") and password not in _stored_hash(username)
    with session_scope() as session:  # the new case manager can be planned in the calendar
        user = session.scalar(select(StaffUser).where(StaffUser.username == username))
        assert user is not None
        assert session.scalar(select(Resource).where(Resource.staff_user_id == user.id)) is not None

    first = _bearer(_login(client, username, password))
    assert client.get("/api/auth/me", headers=first).json()["municipalities"] == [HOORN]
    # Municipalities and name change; the login sees it at once.
    changed = client.patch(
        f"{STAFF}/{username}",
        headers=admin.headers,
        json={"municipalities": ["0405", "Medemblik"], "full_name": "F. de Vries"},
    )
    assert changed.status_code == 200, changed.text
    assert client.get("/api/auth/me", headers=first).json()["municipalities"] == sorted([HOORN, MEDEMBLIK])

    # A reset ends every login; the new (generated) password works, the old one not.
    reset = client.post(f"{STAFF}/{username}/password", headers=admin.headers, json={})
    assert reset.status_code == 200 and reset.json()["logins_ended"] == 1
    assert client.get("/api/auth/me", headers=first).status_code == 401
    assert _login(client, username, password).status_code == 401
    second = _bearer(_login(client, username, reset.json()["password"]))
    assert client.delete(f"{STAFF}/{username}/sessions", headers=admin.headers).json() == {"logins_ended": 1}
    assert client.get("/api/auth/me", headers=second).status_code == 401

    # Deactivated: no login with the right password, and every login ended.
    third = _bearer(_login(client, username, reset.json()["password"]))
    assert client.patch(f"{STAFF}/{username}", headers=admin.headers, json={"active": False}).json()["active"] is False
    assert client.get("/api/auth/me", headers=third).status_code == 401
    assert _login(client, username, reset.json()["password"]).status_code == 401
    listed = {a["username"]: a for a in client.get(STAFF, headers=admin.headers).json()}
    assert listed[username]["active"] is False and listed[username]["open_logins"] == 0

    actions = [action for action, _detail in _audit_of(username)]
    for expected in ("create_staff", "change_staff", "reset_staff_password", "end_staff_logins"):
        assert expected in actions, actions
    # Never a password in the audit log.
    assert all(reset.json()["password"] not in str(detail) for _action, detail in _audit_of(username))


def test_the_password_policy_refuses_short_common_and_username_passwords_in_dutch(  # type: ignore[no-untyped-def]
    client: TestClient, make_staff
) -> None:
    admin = make_staff(StaffRole.ADMINISTRATOR)
    username = _name()
    cases = {
        "kort-1234": "The password must be at least %(length)d characters long.",
        "Wachtwoord1234": "This password is used by many people. Choose another one.",
        f"mijn-{username}-2026": "The password must not contain the username.",
    }
    for password, message in cases.items():
        body = {"username": username, "full_name": "Jan", "role": "volunteer", "municipalities": [HOORN]}
        refused = client.post(STAFF, headers=admin.headers, json={**body, "password": password})
        assert refused.status_code == 400, refused.text
        dutch = nl_(message, length=12) if "%(length)d" in message else nl_(message)
        assert refused.json()["detail"] == dutch and dutch != message.replace("%(length)d", "12")
    nobody = client.get(STAFF, headers=admin.headers).json()
    assert username not in {a["username"] for a in nobody}
    # A good one is taken, and the account can log in with it.
    good = "lange zin over de Westfriese dijk"
    body = {"username": username, "full_name": "Jan", "role": "volunteer", "municipalities": [HOORN], "password": good}
    created = client.post(STAFF, headers=admin.headers, json=body)
    assert created.status_code == 201 and created.json()["password"] is None
    assert _login(client, username, good).status_code == 200


def test_other_refusals_are_clear_and_the_last_administrator_stays(client: TestClient, make_staff) -> None:  # type: ignore[no-untyped-def]
    admin = make_staff(StaffRole.ADMINISTRATOR)
    manager = make_staff(StaffRole.CASE_MANAGER, (HOORN,))
    body = {"username": _name(), "full_name": "X", "role": "case_manager", "municipalities": ["Atlantis"]}
    unknown = client.post(STAFF, headers=admin.headers, json=body)
    assert unknown.status_code == 400
    assert unknown.json()["detail"] == nl_("Unknown municipality: %(municipality)s.", municipality="Atlantis")
    taken = client.post(STAFF, headers=admin.headers, json={**body, "username": manager.username, "municipalities": []})
    assert taken.status_code in (400, 409)
    assert client.patch(f"{STAFF}/nobody-here", headers=admin.headers, json={"active": False}).status_code == 404
    # A case manager may not manage accounts: refused and recorded.
    assert client.get(STAFF, headers=manager.headers).status_code == 403
    # Every other administrator deactivated: the last one cannot be.
    with session_scope() as session:
        others = session.scalars(
            select(StaffUser).where(
                StaffUser.role == StaffRole.ADMINISTRATOR,
                StaffUser.active.is_(True),
                StaffUser.username != admin.username,
            )
        )
        for other in others:
            other.active = False
    last = client.patch(f"{STAFF}/{admin.username}", headers=admin.headers, json={"active": False})
    assert last.status_code == 409
    assert last.json()["detail"] == nl_("This is the last active administrator. Make another administrator first.")


def _scrypt_hash(password: str) -> str:
    """A hash as backend/security.py made them before Argon2id."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
    return f"scrypt$16384$8$1${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def test_an_older_scrypt_hash_is_upgraded_to_argon2id_at_login(client: TestClient) -> None:
    username, password = _name(), "een oud maar goed wachtwoord"
    with session_scope() as session:
        session.add(
            StaffUser(
                username=username, full_name="Oud", role=StaffRole.VOLUNTEER, password_hash=_scrypt_hash(password)
            )
        )
    assert _login(client, username, "wrong password!").status_code == 401
    assert _stored_hash(username).startswith("scrypt$")  # a wrong password changes nothing
    assert _login(client, username, password).status_code == 200
    assert _stored_hash(username).startswith("$argon2id$")
    assert _login(client, username, password).status_code == 200


def _cli(database_url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, DATABASE_URL=database_url, INTAKE_ENVIRONMENT="production")
    return subprocess.run(
        [sys.executable, "-m", "backend.cli", *args], input=stdin, env=env, capture_output=True, text=True, timeout=60
    )


def test_the_command_line_makes_the_first_administrator_and_runs_accounts(database_url: str) -> None:
    from tests.postgres import temporary_database

    # A fresh production installation: no demo accounts, a first administrator.
    with temporary_database("intake_cli") as url:
        assert _cli(url, "migrate").returncode == 0
        demo = _cli(url, "seed", "--demo")
        assert demo.returncode == 2 and "Traceback" not in demo.stderr
        assert "Fout: Demo-accounts zijn alleen voor ontwikkeling" in demo.stderr
        assert "Error: Demo accounts are for development only" in demo.stderr
        admin = _cli(url, "create-admin", "beheer", "--name", "Beheerder RIT", "--password-stdin", stdin="short\n")
        assert admin.returncode == 2 and "Traceback" not in admin.stderr
        assert nl_("The password must be at least %(length)d characters long.", length=12) in admin.stderr
        admin = _cli(url, "create-admin", "beheer", "--name", "Beheerder RIT", "--generate-password")
        assert admin.returncode == 0, admin.stderr
        again = _cli(url, "create-admin", "tweede", "--name", "Nog een", "--generate-password")
        assert again.returncode == 2 and "There is an administrator already (beheer)" in again.stderr

        made = _cli(url, "staff", "create", "cm.opmeer", "--name", "Klantmanager Opmeer", "--role", "case_manager",
                    "--municipality", "Opmeer", "--password-stdin", stdin="de polder bij Opmeer 1\n")  # fmt: skip
        assert made.returncode == 0, made.stderr
        unknown = _cli(url, "staff", "set-municipalities", "cm.opmeer", "Atlantis")
        assert unknown.returncode == 2 and "Onbekende gemeente: Atlantis." in unknown.stderr
        missing = _cli(url, "staff", "deactivate", "niemand")
        assert (
            missing.returncode == 2 and "Error: There is no staff account with the username niemand." in missing.stderr
        )
        for command in (
            ("staff", "set-role", "cm.opmeer", "volunteer"),
            ("staff", "reset-password", "cm.opmeer", "--generate-password"),
            ("staff", "revoke-sessions", "cm.opmeer"),
            ("staff", "deactivate", "cm.opmeer"),
        ):
            result = _cli(url, *command)
            assert result.returncode == 0, (command, result.stderr)
        listed = _cli(url, "staff", "list").stdout
        assert "cm.opmeer" in listed and "deactivated" in listed and "volunteer" in listed

        from sqlalchemy import create_engine

        engine = create_engine(url)
        with engine.connect() as connection:
            rows = connection.execute(
                select(AuditEvent.action, AuditEvent.detail).where(AuditEvent.object_type == "staff_user")
            ).all()
        engine.dispose()
        actions = [action for action, _detail in rows]
        assert (
            actions.count("create_staff") == 2 and "reset_staff_password" in actions and "end_staff_logins" in actions
        )
        assert actions.count("change_staff") == 2  # the role, and the deactivation
        assert all(detail["via"] == "command line" for _action, detail in rows)


def _workspace(bearer: dict[str, str]) -> dict[str, str]:
    """The same login as the workspace's session cookie, with its CSRF token (for the forms)."""
    from backend.workspace.sessions import CSRF_HEADER, SESSION_COOKIE, csrf_token_for

    token = bearer["Authorization"].removeprefix("Bearer ")
    return {"Cookie": f"{SESSION_COOKIE}={token}", CSRF_HEADER: csrf_token_for(token)}


def test_the_administrators_page_makes_changes_and_deactivates_accounts(client: TestClient, make_staff) -> None:  # type: ignore[no-untyped-def]
    admin = _workspace(make_staff(StaffRole.ADMINISTRATOR).headers)
    page = client.get("/werkplek/medewerkers", headers=admin)
    assert page.status_code == 200 and nl_("Staff accounts") in page.text
    assert 'name="csrf_token"' in page.text

    username = _name()
    form = {"username": username, "full_name": "Semhar Tesfay", "role": "volunteer", "municipality": [HOORN]}
    short = client.post("/werkplek/medewerkers", headers=admin, data={**form, "password": "te kort"})
    assert short.status_code == 400
    assert nl_("The password must be at least %(length)d characters long.", length=12) in short.text
    made = client.post("/werkplek/medewerkers", headers=admin, data=form)
    assert made.status_code == 200, made.text
    shown = nl_("Its password (shown only now): %(password)s", password="")
    password = made.text.split(shown, 1)[1].split("<", 1)[0].strip()
    assert len(password) >= 20
    login = _bearer(_login(client, username, password))
    assert client.get("/api/auth/me", headers=login).json()["role"] == "volunteer"

    account = f"/werkplek/medewerkers/{username}"
    moved = client.post(f"{account}/wijzigen", headers=admin, data={"role": "volunteer", "municipality": [MEDEMBLIK]})
    assert moved.status_code == 200
    assert client.get("/api/auth/me", headers=login).json()["municipalities"] == [MEDEMBLIK]
    off = client.post(f"{account}/actief", headers=admin, data={"active": "false"})
    assert off.status_code == 200
    assert client.get("/api/auth/me", headers=login).status_code == 401
    assert _login(client, username, password).status_code == 401
    # Without the CSRF token a form does nothing.
    no_csrf = {"Cookie": admin["Cookie"]}
    assert client.post(f"{account}/actief", headers=no_csrf, data={"active": "true"}).status_code == 403
    with session_scope() as session:
        user = session.scalar(select(StaffUser).where(StaffUser.username == username))
        assert user is not None and user.active is False

    actions = [action for action, _detail in _audit_of(username) if action != "login"]
    assert actions == ["create_staff", "change_staff", "change_staff"], actions
    with session_scope() as session:  # the refused one too, by the name it asked for
        refused = session.scalars(select(AuditEvent).where(AuditEvent.action == "create_staff_failed"))
        assert any((e.detail or {}).get("username") == username for e in refused)
    # A volunteer's login does not open the page; the refusal is recorded.
    volunteer = make_staff(StaffRole.VOLUNTEER, (HOORN,))
    assert client.get("/werkplek/medewerkers", headers=_workspace(volunteer.headers)).status_code == 403


def test_staff_change_their_own_password_and_their_other_logins_end(client: TestClient, make_staff) -> None:  # type: ignore[no-untyped-def]
    staff = make_staff(StaffRole.VOLUNTEER, (HOORN,))
    other = _bearer(_login(client, staff.username, staff.password))  # the same person on another device
    new = "een nieuw wachtwoord voor de dijk"
    wrong = client.post(
        "/api/auth/password", headers=staff.headers, json={"current_password": "not it", "new_password": new}
    )
    assert wrong.status_code == 400 and wrong.json()["detail"] == nl_("The current password is not right.")
    weak = client.post(
        "/api/auth/password", headers=staff.headers, json={"current_password": staff.password, "new_password": "kort"}
    )
    assert weak.status_code == 400
    changed = client.post(
        "/api/auth/password", headers=staff.headers, json={"current_password": staff.password, "new_password": new}
    )
    assert changed.status_code == 200 and changed.json() == {"other_logins_ended": 1}
    assert client.get("/api/auth/me", headers=staff.headers).status_code == 200  # this login stays
    assert client.get("/api/auth/me", headers=other).status_code == 401
    assert _login(client, staff.username, staff.password).status_code == 401
    assert _login(client, staff.username, new).status_code == 200
    actions = [action for action, _detail in _audit_of(staff.username)]
    assert "change_own_password" in actions and "change_own_password_failed" in actions
