"""Reference data (the seven municipalities) and, in development, demo staff accounts."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.models import (
    Location,
    LocationKind,
    Municipality,
    Resource,
    ResourceKind,
    StaffRole,
    StaffUser,
    WorkingHours,
)
from backend.security import hash_password
from forms.schema import load_municipalities


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: StaffRole
    municipality_names: tuple[str, ...]


DEMO_ACCOUNTS = (
    DemoAccount("cm.hoorn", "Casemanager Hoorn", StaffRole.CASE_MANAGER, ("Hoorn",)),
    # Stede Broec, Enkhuizen and Drechterland share one civil service (SED).
    DemoAccount("cm.sed", "Casemanager SED", StaffRole.CASE_MANAGER, ("Stede Broec", "Enkhuizen", "Drechterland")),
    DemoAccount("cm.medemblik", "Casemanager Medemblik", StaffRole.CASE_MANAGER, ("Medemblik", "Opmeer", "Koggenland")),
    # A volunteer helps in some municipalities and sees only their translation work.
    DemoAccount("vrijwilliger", "Vrijwilliger", StaffRole.VOLUNTEER, ("Hoorn",)),
    DemoAccount("beheerder", "Beheerder", StaffRole.ADMINISTRATOR, ()),
)


def seed_municipalities(session: Session) -> None:
    existing = {m.code for m in session.scalars(select(Municipality))}
    for municipality in load_municipalities():
        if municipality.code not in existing:
            session.add(Municipality(code=municipality.code, name=municipality.name))
    session.flush()


def seed_demo_accounts(session: Session, credentials_file: Path) -> dict[str, str]:
    """Create missing demo accounts with random passwords, kept in a local file (git-ignored).

    Returns username -> password for every demo account whose password is known.
    """
    known: dict[str, str] = {}
    if credentials_file.exists():
        for line in credentials_file.read_text(encoding="utf-8").splitlines():
            if "\t" in line:
                username, password = line.split("\t", 1)
                known[username] = password
    by_name = {m.name: m for m in session.scalars(select(Municipality))}
    for account in DEMO_ACCOUNTS:
        user = session.scalar(select(StaffUser).where(StaffUser.username == account.username))
        if user is not None and account.username in known:
            continue
        password = secrets.token_urlsafe(9)
        if user is None:
            user = StaffUser(
                username=account.username,
                full_name=account.full_name,
                role=account.role,
                password_hash=hash_password(password),
            )
            user.municipalities = [by_name[name] for name in account.municipality_names]
            session.add(user)
        else:
            user.password_hash = hash_password(password)
        known[account.username] = password
    session.flush()
    credentials_file.parent.mkdir(parents=True, exist_ok=True)
    credentials_file.write_text("".join(f"{u}\t{p}\n" for u, p in known.items()), encoding="utf-8")
    credentials_file.chmod(0o600)
    return known


# -- Demo calendar: offices, rooms, case managers' hours, interpreters --------------------

OFFICE_HOURS = [(weekday, time(9, 0), time(17, 0)) for weekday in range(5)]


def _add_hours(resource: Resource, hours: list[tuple[int, time, time]]) -> None:
    resource.hours = [WorkingHours(weekday=d, starts=s, ends=e) for d, s, e in hours]


def seed_demo_calendar(session: Session) -> None:
    """One office with two rooms per municipality, the demo case managers' hours and a few
    interpreters (one by telephone). Addresses are demo data. Runs once."""
    if session.scalar(select(Location).limit(1)) is not None:
        return
    for municipality in session.scalars(select(Municipality).order_by(Municipality.code)):
        office = Location(
            name=f"Gemeentehuis {municipality.name}",
            address=f"Demo-adres, {municipality.name}",
            kind=LocationKind.OFFICE,
            municipality_code=municipality.code,
        )
        session.add(office)
        session.flush()
        for number in (1, 2):
            room = Resource(kind=ResourceKind.ROOM, name=f"{office.name} spreekkamer {number}", location_id=office.id)
            _add_hours(room, OFFICE_HOURS)
            session.add(room)
    for user in session.scalars(select(StaffUser).where(StaffUser.role == StaffRole.CASE_MANAGER)):
        if session.scalar(select(Resource).where(Resource.staff_user_id == user.id)) is None:
            manager = Resource(kind=ResourceKind.CASE_MANAGER, name=user.full_name, staff_user_id=user.id)
            _add_hours(manager, OFFICE_HOURS)
            session.add(manager)
    interpreters = [
        ("Tolk Arabisch (demo)", ["ar"], False, [(d, time(9), time(13)) for d in (0, 2, 4)]),
        ("Tolk Tigrinya (demo)", ["ti", "tig", "am"], False, [(d, time(9), time(17)) for d in (1, 3)]),
        (
            "Telefonische tolkendienst (demo)",
            ["ar", "ti", "fa_AF", "fa", "ps", "so", "tr", "kmr", "ckb", "am", "tig", "en", "fr"],
            True,
            OFFICE_HOURS,
        ),
    ]
    for name, languages, by_phone, hours in interpreters:
        interpreter = Resource(kind=ResourceKind.INTERPRETER, name=name, languages=languages, by_phone=by_phone)
        _add_hours(interpreter, hours)
        session.add(interpreter)
    session.flush()
