"""Action server settings from the environment (set by tools/run.py or docker-compose)."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class ActionSettings:
    backend_url: str
    internal_api_token: str
    timeout_seconds: float


def load_settings() -> ActionSettings:
    return ActionSettings(
        backend_url=os.environ.get("INTAKE_BACKEND_URL", "http://127.0.0.1:8000"),
        internal_api_token=os.environ["INTAKE_INTERNAL_API_TOKEN"],
        timeout_seconds=float(os.environ.get("INTAKE_BACKEND_TIMEOUT_SECONDS", "10")),
    )
