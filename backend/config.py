"""Settings, read once from the environment (see README "Configuration")."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from limits import parse
from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = PROJECT_DIR / "var"


def normalize_database_url(url: str) -> str:
    """Use the psycopg 3 driver for PostgreSQL URLs written the usual way."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


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

    # Limits (backend/throttle.py), in the `limits` notation ("5/minute", "20 per 10 minutes"),
    # counted in Redis when REDIS_URL is set (shared by every backend process), else in memory.
    # Staff logins: attempts per account and per network address, and a lockout of the account
    # after consecutive failures (the right password does not work until it ends).
    login_rate_per_account: str = "5/minute"
    login_rate_per_address: str = "20/minute"
    login_lockout_failures: int = Field(default=10, ge=1)
    login_lockout_minutes: int = Field(default=15, ge=1)
    # The chat: new conversations per network address, messages per conversation (a person types
    # one answer every few seconds at most).
    conversation_rate_per_address: str = "20 per 10 minutes"
    message_rate_per_conversation: str = "30/minute"
    # Request bodies: the JSON APIs of the phone and staff pages; the action server's saves and
    # Rasa's NLG calls carry a whole conversation and get more (they need the internal token).
    max_body_bytes: int = Field(default=64 * 1024, ge=1024)
    max_internal_body_bytes: int = Field(default=8 * 1024 * 1024, ge=1024)

    @field_validator("database_url")
    @classmethod
    def _driver(cls, value: str) -> str:
        return normalize_database_url(value)

    @field_validator(
        "login_rate_per_account",
        "login_rate_per_address",
        "conversation_rate_per_address",
        "message_rate_per_conversation",
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
