"""The database roles of the production layout (docker/postgres-init/10-roles.sql), run the way
PostgreSQL's image runs it, on the real server with names of its own: neither role is a superuser,
the app migrates its own database, Rasa writes only its tracker database, and the app may only
read and delete Rasa's rows (retention, erasure)."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import pytest

from backend.cli import migrate
from tests.postgres import ADMIN_URL
from tools.paths import PROJECT_DIR

ROLES_SQL = PROJECT_DIR / "docker" / "postgres-init" / "10-roles.sql"


@dataclass(frozen=True)
class Roles:
    app_db: str
    app_role: str
    rasa_db: str
    rasa_role: str

    def url(self, role: str, database: str) -> str:
        server = ADMIN_URL.split("@", 1)[1].rsplit("/", 1)[0]
        return f"postgresql://{role}:secret@{server}/{database}"


@pytest.fixture(scope="module")
def roles() -> Iterator[Roles]:
    psql = shutil.which("psql")
    assert psql, "psql (PostgreSQL's client) is needed; scripts/system-services.sh installs PostgreSQL"
    suffix = uuid.uuid4().hex[:10]
    names = Roles(f"roles_app_{suffix}", f"roles_app_{suffix}", f"roles_rasa_{suffix}", f"roles_rasa_{suffix}")
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{names.app_db}"')  # as the image does for POSTGRES_DB
    env = dict(
        os.environ,
        POSTGRES_DB=names.app_db,
        INTAKE_DB_USER=names.app_role,
        INTAKE_DB_PASSWORD="it's secret",  # a quote in a password must not break the script
        RASA_TRACKER_DB=names.rasa_db,
        RASA_DB_USER=names.rasa_role,
        RASA_DB_PASSWORD="secret",
    )
    admin_on_app_db = ADMIN_URL.rsplit("/", 1)[0] + f"/{names.app_db}"
    try:
        result = subprocess.run(
            [psql, "-v", "ON_ERROR_STOP=1", "--no-password", "-d", admin_on_app_db, "-f", str(ROLES_SQL)],
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        yield names
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
            for database in (names.app_db, names.rasa_db):
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            for role in (names.app_role, names.rasa_role):
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def test_neither_role_is_a_superuser_or_may_create_databases_or_roles(roles: Roles) -> None:
    with psycopg.connect(ADMIN_URL) as conn:
        rows = conn.execute(
            "SELECT rolname, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolcanlogin "
            "FROM pg_roles WHERE rolname IN (%s, %s) ORDER BY rolname",
            (roles.app_role, roles.rasa_role),
        ).fetchall()
    assert [name for name, *_ in rows] == sorted([roles.app_role, roles.rasa_role])
    # not a superuser, no CREATEDB, CREATEROLE, REPLICATION or BYPASSRLS; may log in
    assert [tuple(flags) for _, *flags in rows] == [(False, False, False, False, False, True)] * 2


def test_the_app_migrates_its_own_database(roles: Roles) -> None:
    migrate(roles.url(roles.app_role, roles.app_db).replace("postgresql://", "postgresql+psycopg://"))
    with psycopg.connect(roles.url(roles.app_role, roles.app_db)) as conn:
        owners = {owner for (owner,) in conn.execute("SELECT tableowner FROM pg_tables WHERE schemaname = 'public'")}
    assert owners == {roles.app_role}


def test_rasa_cannot_reach_the_intake_database(roles: Roles) -> None:
    with pytest.raises(psycopg.OperationalError, match="permission denied"):
        psycopg.connect(roles.url(roles.rasa_role, roles.app_db)).close()


def test_the_app_reads_and_deletes_rasas_transcripts_and_nothing_more(roles: Roles) -> None:
    # Rasa creates its table on its first start, as its own role.
    with psycopg.connect(roles.url(roles.rasa_role, roles.rasa_db)) as conn:
        conn.execute("CREATE TABLE events (id SERIAL PRIMARY KEY, sender_id TEXT, data TEXT)")
        conn.execute("INSERT INTO events (sender_id, data) VALUES ('a', '{}'), ('b', '{}')")
    with psycopg.connect(roles.url(roles.app_role, roles.rasa_db), autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchone() == (2,)
        assert conn.execute("DELETE FROM events WHERE sender_id = 'a'").rowcount == 1
        for forbidden in (
            "INSERT INTO events (sender_id, data) VALUES ('c', '{}')",
            "UPDATE events SET data = 'x'",
            "DROP TABLE events",
            "CREATE TABLE mine (id INT)",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(forbidden)
