"""A throw-away PostgreSQL database on the real server, for backend and end-to-end tests."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

# The server the tests use; each run creates and drops databases of its own there.
ADMIN_URL = os.environ.get("TEST_POSTGRES_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


@contextmanager
def temporary_database(prefix: str = "intake_test") -> Iterator[str]:
    """Yield the SQLAlchemy URL of a new, empty database; drop it (and its tracker twin) afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}".replace("postgresql://", "postgresql+psycopg://", 1)
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
            for database in (name, f"{name}_rasa_tracker"):
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
