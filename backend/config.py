"""Settings, read once from the environment (see README "Configuration")."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

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
    rasa_timeout_seconds: float = 20.0
    staff_session_hours: int = 8

    @field_validator("database_url")
    @classmethod
    def _driver(cls, value: str) -> str:
        return normalize_database_url(value)

    @field_validator("internal_api_token")
    @classmethod
    def _not_placeholder(cls, value: str) -> str:
        if "changethis" in value:
            raise ValueError("INTAKE_INTERNAL_API_TOKEN still has its placeholder value")
        return value


@cache
def get_settings() -> Settings:
    return Settings()  # values come from the environment
