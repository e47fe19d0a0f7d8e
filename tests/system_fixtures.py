"""The real running system for end-to-end and browser tests, started as `make run` starts it.

Registered once in tests/conftest.py (`pytest_plugins`), so that every test directory shares
the same session-scoped system instead of starting a second one on the same ports.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from backend.db import make_engine
from backend.models import Municipality, StaffRole, StaffUser
from backend.security import hash_password
from forms.schema import load_municipalities
from tests.postgres import temporary_database
from tools.paths import VAR_DIR
from tools.run import RunningSystem, SystemConfig, prepare_database, start_system
from tools.train import ensure_model

E2E_LOGS = VAR_DIR / "logs" / "e2e"


def create_staff(database_url: str, role: StaffRole, municipalities: tuple[str, ...]) -> tuple[str, str]:
    """A staff account straight in the database under test; returns (username, password)."""
    username, password = f"e2e-{secrets.token_hex(4)}", secrets.token_urlsafe(12)
    engine = make_engine(database_url)
    with Session(engine) as session, session.begin():
        user = StaffUser(username=username, full_name=username, role=role, password_hash=hash_password(password))
        user.municipalities = [session.get_one(Municipality, code) for code in municipalities]
        session.add(user)
    engine.dispose()
    return username, password


def seed_calendar(database_url: str) -> None:
    """The demo calendar (an office with rooms per municipality, interpreters) and one case
    manager serving the whole region, so that the chat can offer and book times."""
    from backend.seed import seed_demo_calendar

    create_staff(database_url, StaffRole.CASE_MANAGER, tuple(m.code for m in load_municipalities()))
    engine = make_engine(database_url)
    with Session(engine) as session, session.begin():
        seed_demo_calendar(session)
    engine.dispose()


@pytest.fixture(scope="session")
def model() -> Path:
    return ensure_model()


@pytest.fixture(scope="session")
def system(model: Path) -> Iterator[RunningSystem]:
    """The production-like set-up: PostgreSQL for the backend and Rasa's tracker, Redis lock store."""
    with temporary_database("intake_e2e") as url:
        config = SystemConfig(
            database_url=url,
            internal_api_token=secrets.token_urlsafe(32),
            redis_url="redis://127.0.0.1:6379/0",
            backend_port=18000,
            actions_port=15055,
            rasa_port=15005,
            environment="test",
            log_dir=E2E_LOGS / "postgresql",
        )
        prepare_database(config, demo=False)
        seed_calendar(url)
        running = start_system(config, model)
        try:
            yield running
        finally:
            running.stop()
