"""Backend commands: `python -m backend.cli migrate|seed`."""

from __future__ import annotations

import argparse
from pathlib import Path

from alembic import command
from alembic.config import Config

from backend.config import VAR_DIR, get_settings
from backend.db import create_database_if_missing, session_scope
from backend.seed import DEMO_ACCOUNTS, seed_demo_accounts, seed_demo_calendar, seed_municipalities
from backend.text_input import has_unstorable

ALEMBIC_INI = Path(__file__).resolve().parent / "alembic.ini"
CREDENTIALS_FILE = VAR_DIR / "demo-credentials.txt"


def alembic_config(database_url: str | None = None) -> Config:
    config = Config(str(ALEMBIC_INI))
    config.set_main_option("sqlalchemy.url", database_url or get_settings().database_url)
    return config


def migrate(database_url: str | None = None) -> None:
    command.upgrade(alembic_config(database_url), "head")


def seed(demo: bool) -> None:
    with session_scope() as session:
        seed_municipalities(session)
        if demo:
            passwords = seed_demo_accounts(session, CREDENTIALS_FILE)
            seed_demo_calendar(session)
            print("Demo staff accounts (development only; passwords in var/demo-credentials.txt):")
            for account in DEMO_ACCOUNTS:
                scope = ", ".join(account.municipality_names) or "-"
                print(f"  {account.username:<14} {passwords[account.username]:<14} {account.role.value:<14} {scope}")


def _argument(value: str) -> str:
    """A command-line argument without characters that no database or driver takes (NUL, control
    characters, broken bytes that Python reads as lone surrogates): refused with a clear message."""
    if has_unstorable(value):
        raise argparse.ArgumentTypeError("holds a control character or a broken character; type it again")
    return value


def main() -> None:
    parser = argparse.ArgumentParser(prog="backend.cli")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="bring the database schema up to date")
    seed_parser = sub.add_parser("seed", help="load the municipalities (and demo accounts with --demo)")
    seed_parser.add_argument("--demo", action="store_true")
    database_parser = sub.add_parser("create-database", help="create a PostgreSQL database if it is missing")
    database_parser.add_argument("url", type=_argument)
    args = parser.parse_args()
    if args.command == "migrate":
        migrate()
    elif args.command == "seed":
        seed(demo=args.demo)
    elif args.command == "create-database":
        create_database_if_missing(args.url)


if __name__ == "__main__":
    main()
