"""Backend tests: the FastAPI app against a real PostgreSQL database made for this run."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from tests.postgres import temporary_database


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    with temporary_database() as url:
        os.environ["DATABASE_URL"] = url
        from backend.cli import migrate
        from backend.config import get_settings
        from backend.db import get_engine, get_sessionmaker

        get_settings.cache_clear()
        get_engine.cache_clear()
        get_sessionmaker.cache_clear()
        migrate(url)
        from backend.db import session_scope
        from backend.seed import seed_municipalities

        with session_scope() as session:
            seed_municipalities(session)
        yield url
        get_engine().dispose()


@pytest.fixture(scope="session")
def client(database_url: str) -> Iterator[TestClient]:
    from backend.main import create_app

    with TestClient(create_app()) as test_client:
        yield test_client


@dataclass(frozen=True)
class Staff:
    username: str
    password: str
    headers: dict[str, str]


@pytest.fixture(scope="session")
def make_staff(client: TestClient):  # type: ignore[no-untyped-def]
    """Create a staff account and log it in; returns its bearer headers."""
    from backend.db import session_scope
    from backend.models import Municipality, StaffRole, StaffUser
    from backend.security import hash_password

    def _make(role: StaffRole, municipalities: tuple[str, ...] = ()) -> Staff:
        username = f"user-{uuid.uuid4().hex[:8]}"
        password = uuid.uuid4().hex
        with session_scope() as session:
            user = StaffUser(username=username, full_name=username, role=role, password_hash=hash_password(password))
            user.municipalities = [session.get_one(Municipality, code) for code in municipalities]
            session.add(user)
        response = client.post("/api/auth/login", json={"username": username, "password": password})
        assert response.status_code == 200, response.text
        return Staff(username, password, {"Authorization": f"Bearer {response.json()['access_token']}"})

    return _make


@pytest.fixture()
def internal_headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {os.environ['INTAKE_INTERNAL_API_TOKEN']}"}


def start_assistance(client: TestClient, conversation: str, volunteer: Staff) -> int:
    """The volunteer asks for a one-time code on their own device and it is typed on the
    person's phone (backend/assistance.py); returns the phone's status code."""
    code = client.post("/api/assistance/codes", headers=volunteer.headers)
    assert code.status_code == 201, code.text
    return client.post(
        f"/api/chat/conversations/{conversation}/assistance", json={"code": code.json()["code"]}
    ).status_code
