"""Settings, read once from the environment (see README "Configuration")."""

from __future__ import annotations

from datetime import time
from functools import cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from limits import parse
from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = PROJECT_DIR / "var"


def normalize_database_url(url: str) -> str:
    """Use the psycopg 3 driver for PostgreSQL URLs written the usual way."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def tracker_store_url(database_url: str) -> str:
    """Rasa's tracker store, as tools/run.py configures Rasa: a database of its own beside the
    backend's (`var/rasa-tracker.db` next to a SQLite file, `<name>_rasa_tracker` on PostgreSQL)."""
    parts = urlsplit(database_url)
    scheme = parts.scheme.split("+")[0]
    if scheme == "sqlite":
        app_db = Path(make_url(database_url).database or "intake.db")
        app_db = app_db if app_db.is_absolute() else PROJECT_DIR / app_db
        return f"sqlite:///{app_db.parent / 'rasa-tracker.db'}"
    if scheme in ("postgresql", "postgres"):
        tracker_db = parts.path.lstrip("/") + "_rasa_tracker"
        return urlunsplit(("postgresql", parts.netloc, "/" + tracker_db, parts.query, ""))
    raise ValueError(f"DATABASE_URL must be sqlite or postgresql, not {scheme!r}")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INTAKE_", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = Field(
        default=f"sqlite:///{VAR_DIR / 'intake.db'}",
        validation_alias=AliasChoices("DATABASE_URL", "INTAKE_DATABASE_URL"),
    )
    redis_url: str | None = Field(default=None, validation_alias=AliasChoices("REDIS_URL", "INTAKE_REDIS_URL"))
    # Shared secret between the backend, Rasa (NLG calls) and the action server (submissions).
    internal_api_token: str = Field(min_length=24)
    rasa_url: str = "http://127.0.0.1:5005"
    # Once a turn has reached Rasa the gateway waits for its outcome: giving up early would tell
    # the phone "failed" while the turn (a booking, say) may still complete. So this is longer
    # than the action server's slowest path: a backend call (INTAKE_BACKEND_TIMEOUT_SECONDS, 10 s)
    # tried twice, plus Rasa's own work. Overload never reaches this wait: see the back-pressure below.
    rasa_timeout_seconds: float = 40.0
    # Back-pressure (backend/api/rasa_gate.py): at most this many chat turns at Rasa at once
    # (more only interleave on the same cores, each slower); at most `chat_turns_waiting` more
    # wait in line, each at most `chat_turn_wait_seconds`. Beyond that the person is told at
    # once, in their language, to send again in a minute.
    chat_turns_in_flight: int = Field(default=8, ge=1)
    chat_turns_waiting: int = Field(default=200, ge=0)
    chat_turn_wait_seconds: float = Field(default=10.0, gt=0)
    # The database work around a chat turn runs on threads of its own, so that Rasa's calls back
    # into this backend (NLG, the action server's saves and bookings) never queue behind chat turns.
    chat_database_threads: int = Field(default=8, ge=1)
    staff_session_hours: int = 8
    # Demo staff accounts (backend/seed.py, `python -m backend.cli seed --demo`, which `make run`
    # uses in development): allowed unless set to false; never in production, where the first
    # administrator is made with `python -m backend.cli create-admin` (README "Staff accounts").
    demo_accounts: bool = True

    # Limits (backend/throttle.py), in the `limits` notation ("5/minute", "20 per 10 minutes"),
    # counted in Redis when REDIS_URL is set (shared by every backend process), else in memory.
    # Staff logins: attempts per account and per network address, and a lockout of the account
    # after consecutive failures (the right password does not work until it ends).
    login_rate_per_account: str = "5/minute"
    login_rate_per_address: str = "20/minute"
    login_lockout_failures: int = Field(default=10, ge=1)
    login_lockout_minutes: int = Field(default=15, ge=1)
    # A growing delay before that: after this many consecutive failures of an account, or from
    # an address, the next try must wait 1, 2, 4 ... s (at most the second setting).
    login_delay_after_failures: int = Field(default=3, ge=1)
    login_delay_max_seconds: int = Field(default=60, ge=1)
    # The chat: new conversations per network address, messages per conversation (a person types
    # one answer every few seconds at most).
    conversation_rate_per_address: str = "20 per 10 minutes"
    message_rate_per_conversation: str = "30/minute"
    # Volunteers: the one-time code a volunteer gets on the staff page and types on the person's
    # phone to start helping there (backend/assistance.py) is valid this long, and can be tried
    # this often per conversation and per network address (six digits: a million codes).
    assistance_code_minutes: int = Field(default=5, ge=1, le=60)
    assistance_code_rate_per_conversation: str = "5 per 10 minutes"
    assistance_code_rate_per_address: str = "20 per 10 minutes"
    # Resume codes (backend/resume.py): the person continues the chat on another device with an
    # eight-character code, valid this long and used once. Tries are limited per network address
    # and over all addresses together (against guessing from many addresses).
    resume_code_hours: int = Field(default=24, ge=1, le=24 * 14)
    resume_code_rate_per_address: str = "10 per 10 minutes"
    resume_code_rate_total: str = "300/hour"
    # A real person in the chat (backend/handover.py): when someone is at work to answer, in
    # Amsterdam time; outside these hours the person is told when someone will answer.
    handover_days: list[int] = Field(default=[0, 1, 2, 3, 4])  # 0 = Monday
    handover_opens: time = time(9, 0)
    handover_closes: time = time(17, 0)
    # Request bodies: the JSON APIs of the phone and staff pages; the action server's saves and
    # Rasa's NLG calls carry a whole conversation and get more (they need the internal token).
    max_body_bytes: int = Field(default=64 * 1024, ge=1024)
    max_internal_body_bytes: int = Field(default=8 * 1024 * 1024, ge=1024)

    # Retention (backend/privacy/retention.py; the defaults are explained in README "Privacy").
    # A partial intake (or a chat without one) nobody touched for this long is deleted whole:
    retention_abandoned_days: int = Field(default=30, ge=1)
    # Rasa's transcript (every message, in its tracker store) once the intake is sent, counted
    # from the sending or from the last message, whichever is later:
    retention_transcript_days: int = Field(default=7, ge=0)
    # The sent intake (or a partial one the team took up) with everything that hangs on it,
    # counted from the last thing that happened to it (this system holds no PIP decision date),
    # never while an appointment is still ahead:
    retention_intake_days: int = Field(default=365, ge=1)
    # Transcripts of a Rasa sender no conversation knows (from before the pseudonymous sender id,
    # or a turn that was still running during an erasure):
    retention_orphan_transcript_hours: int = Field(default=24, ge=1)
    retention_interval_minutes: float = Field(default=60, gt=0)
    # Rasa's tracker store; by default derived from DATABASE_URL as tools/run.py does for Rasa.
    rasa_tracker_url: str | None = Field(
        default=None, validation_alias=AliasChoices("RASA_TRACKER_URL", "INTAKE_RASA_TRACKER_URL")
    )

    @field_validator("database_url")
    @classmethod
    def _driver(cls, value: str) -> str:
        return normalize_database_url(value)

    @property
    def demo_accounts_allowed(self) -> bool:
        return self.demo_accounts and self.environment != "production"

    @property
    def tracker_database_url(self) -> str:
        return normalize_database_url(self.rasa_tracker_url or tracker_store_url(self.database_url))

    @field_validator(
        "login_rate_per_account",
        "login_rate_per_address",
        "conversation_rate_per_address",
        "message_rate_per_conversation",
        "assistance_code_rate_per_conversation",
        "assistance_code_rate_per_address",
        "resume_code_rate_per_address",
        "resume_code_rate_total",
    )
    @classmethod
    def _rate(cls, value: str) -> str:
        parse(value)  # a typo fails at start-up, not at the first request
        return value

    @field_validator("internal_api_token")
    @classmethod
    def _not_placeholder(cls, value: str) -> str:
        if "changethis" in value:
            raise ValueError("INTAKE_INTERNAL_API_TOKEN still has its placeholder value")
        return value


@cache
def get_settings() -> Settings:
    return Settings()  # values come from the environment
