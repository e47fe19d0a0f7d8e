"""Alembic environment: migrations run against the URL set by backend.cli (from the environment)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

from backend import models  # noqa: F401 - registers the tables on Base.metadata
from backend.db import Base, make_engine

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    url = config.get_main_option("sqlalchemy.url")
    assert url, "backend.cli sets sqlalchemy.url"
    engine = make_engine(url) if url.startswith("sqlite") else create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=url.startswith("sqlite"),  # SQLite alters tables by copying them
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations()
