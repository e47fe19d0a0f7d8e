"""Backend commands: `python -m backend.cli migrate|seed|create-admin|staff ...` (see README
"Staff accounts"). A refusal is printed in Dutch and English, never as a traceback."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from backend import accounts, audit
from backend.accounts import AccountError, staff_text
from backend.config import VAR_DIR, get_settings
from backend.db import create_database_if_missing, session_scope
from backend.models import StaffRole, StaffUser
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
    if demo and not get_settings().demo_accounts_allowed:
        raise AccountError(
            staff_text(
                "Demo accounts are for development only (INTAKE_ENVIRONMENT=production or"
                " INTAKE_DEMO_ACCOUNTS=false). Make the first administrator with: python -m backend.cli create-admin"
            )
        )
    with session_scope() as session:
        seed_municipalities(session)
        if demo:
            passwords = seed_demo_accounts(session, CREDENTIALS_FILE)
            seed_demo_calendar(session)
            print("Demo staff accounts (development only; passwords in var/demo-credentials.txt):")
            for account in DEMO_ACCOUNTS:
                scope = ", ".join(account.municipality_names) or "-"
                print(f"  {account.username:<14} {passwords[account.username]:<14} {account.role.value:<14} {scope}")
        elif _no_administrator(session):
            print("No administrator yet. Make the first one: python -m backend.cli create-admin USERNAME --name ...")


def _no_administrator(session: Session) -> bool:
    query = select(StaffUser.id).where(StaffUser.role == StaffRole.ADMINISTRATOR, StaffUser.active.is_(True))
    return session.scalar(query.limit(1)) is None


def _argument(value: str) -> str:
    """A command-line argument without characters that no database or driver takes (NUL, control
    characters, broken bytes that Python reads as lone surrogates): refused with a clear message."""
    if has_unstorable(value):
        raise argparse.ArgumentTypeError("holds a control character or a broken character; type it again")
    return value


# -- Staff accounts (backend/accounts.py) ----------------------------------------------------------


def _password(args: argparse.Namespace, username: str) -> tuple[str, bool]:
    """The new password: generated (--generate-password), the first line of standard input
    (--password-stdin, for scripts), or typed twice without echo. Returns (password, generated)."""
    if args.generate_password:
        return accounts.generated_password(), True
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n"), False
    first = getpass.getpass(f"Password for {username}: ")
    if getpass.getpass("The same password again: ") != first:
        raise AccountError(staff_text("The two passwords differ."))
    return first, False


def _record(session: Session, action: str, user: StaffUser, **detail: object) -> None:
    """Every change on the command line is audited, as the API's are, marked as made there."""
    audit.record(session, None, action, "staff_user", str(user.id), detail={"via": "command line", **detail})


def _show_password(password: str, generated: bool) -> None:
    if generated:
        print(f"Password (shown once, stored only as a hash): {password}")


def create_admin(args: argparse.Namespace) -> None:
    """The first administrator of a new installation (no demo accounts in production)."""
    with session_scope() as session:
        seed_municipalities(session)
        existing = session.scalar(
            select(StaffUser).where(StaffUser.role == StaffRole.ADMINISTRATOR, StaffUser.active.is_(True)).limit(1)
        )
        if existing is not None:
            raise AccountError(
                staff_text(
                    "There is an administrator already (%(username)s). Make further accounts with:"
                    " python -m backend.cli staff create"
                ),
                username=existing.username,
            )
        password, generated = _password(args, args.username)
        user = accounts.create(session, args.username, args.name, StaffRole.ADMINISTRATOR, [], password)
        _record(session, "create_staff", user, role=user.role.value, first_administrator=True)
    print(f"Administrator created: {args.username}")
    _show_password(password, generated)


def staff(args: argparse.Namespace) -> None:
    with session_scope() as session:
        if args.action == "list":
            for user in session.scalars(select(StaffUser).order_by(StaffUser.username)):
                scope = ",".join(sorted(user.municipality_codes)) or "-"
                state = "active" if user.active else "deactivated"
                print(f"{user.username:<20} {user.role.value:<14} {state:<14} {scope:<20} {user.full_name}")
            return
        if args.action == "create":
            password, generated = _password(args, args.username)
            serving = accounts.municipalities(session, args.municipality or [])
            user = accounts.create(session, args.username, args.name, StaffRole(args.role), serving, password)
            _record(session, "create_staff", user, role=user.role.value, municipalities=sorted(user.municipality_codes))
            print(f"Account created: {user.username}")
            _show_password(password, generated)
            return
        user = accounts.find(session, args.username)
        if args.action == "set-role":
            accounts.set_role(session, user, StaffRole(args.role))
            _record(session, "change_staff", user, role=args.role)
        elif args.action == "set-municipalities":
            accounts.set_municipalities(session, user, accounts.municipalities(session, args.municipalities))
            _record(session, "change_staff", user, municipalities=sorted(user.municipality_codes))
        elif args.action == "deactivate":
            ended = accounts.deactivate(session, user)
            _record(session, "change_staff", user, changed=["active"], logins_ended=ended)
        elif args.action == "activate":
            accounts.activate(session, user)
            _record(session, "change_staff", user, changed=["active"])
        elif args.action == "reset-password":
            password, generated = _password(args, user.username)
            ended = accounts.set_password(session, user, password)
            _record(session, "reset_staff_password", user, generated=generated, logins_ended=ended)
            _show_password(password, generated)
        elif args.action == "revoke-sessions":
            ended = accounts.revoke_sessions(session, user)
            _record(session, "end_staff_logins", user, logins_ended=ended)
            print(f"Logins ended: {ended}")
    print("Done.")


def _add_password_options(parser: argparse.ArgumentParser) -> None:
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--generate-password", action="store_true", help="make a random password and print it once")
    choice.add_argument("--password-stdin", action="store_true", help="read the password from standard input")


def _staff_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    admin = sub.add_parser("create-admin", help="make the first administrator of a new installation")
    admin.add_argument("username", type=_argument)
    admin.add_argument("--name", required=True, type=_argument, help="full name")
    _add_password_options(admin)

    staff_parser = sub.add_parser("staff", help="staff accounts: list, create, change, deactivate, passwords")
    actions = staff_parser.add_subparsers(dest="action", required=True)
    actions.add_parser("list", help="every account with its role, state and municipalities")
    create = actions.add_parser("create", help="a new account")
    create.add_argument("username", type=_argument)
    create.add_argument("--name", required=True, type=_argument, help="full name")
    create.add_argument("--role", required=True, choices=[r.value for r in StaffRole])
    create.add_argument("--municipality", action="append", type=_argument, help="code or name; repeat for more")
    _add_password_options(create)
    role = actions.add_parser("set-role", help="change the role")
    role.add_argument("username", type=_argument)
    role.add_argument("role", choices=[r.value for r in StaffRole])
    serving = actions.add_parser("set-municipalities", help="replace the municipalities served")
    serving.add_argument("username", type=_argument)
    serving.add_argument("municipalities", nargs="+", type=_argument, help="codes or names")
    for name, text in (
        ("deactivate", "the account can no longer log in; its logins end"),
        ("activate", "the account can log in again"),
        ("revoke-sessions", "end every login of the account now"),
    ):
        actions.add_parser(name, help=text).add_argument("username", type=_argument)
    reset = actions.add_parser("reset-password", help="a new password; every login of the account ends")
    reset.add_argument("username", type=_argument)
    _add_password_options(reset)


def _refuse(error: AccountError) -> None:
    print(f"Fout: {error.message}\nError: {error.english}", file=sys.stderr)
    raise SystemExit(2)


def main() -> None:
    try:
        _main()
    except AccountError as refused:
        _refuse(refused)
    except OperationalError:
        _refuse(
            AccountError(
                staff_text("The database cannot be reached. Check DATABASE_URL and that PostgreSQL is running.")
            )
        )
    except (KeyboardInterrupt, EOFError):
        _refuse(AccountError(staff_text("Interrupted; nothing was changed.")))


def _main() -> None:
    parser = argparse.ArgumentParser(prog="backend.cli")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="bring the database schema up to date")
    seed_parser = sub.add_parser("seed", help="load the municipalities (and demo accounts with --demo)")
    seed_parser.add_argument("--demo", action="store_true")
    database_parser = sub.add_parser("create-database", help="create a PostgreSQL database if it is missing")
    database_parser.add_argument("url", type=_argument)
    _staff_parser(sub)
    args = parser.parse_args()
    if args.command == "migrate":
        migrate()
    elif args.command == "seed":
        seed(demo=args.demo)
    elif args.command == "create-database":
        create_database_if_missing(args.url)
    elif args.command == "create-admin":
        create_admin(args)
    elif args.command == "staff":
        staff(args)


if __name__ == "__main__":
    main()
