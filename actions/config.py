"""Action server settings from the environment (set by tools/run.py or docker-compose)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class ActionSettings:
    backend_url: str
    internal_api_token: str
    timeout_seconds: float
    # The outbox of saves not yet delivered (actions/outbox.py), and the longest wait between tries.
    outbox_path: Path
    outbox_max_retry_seconds: float
    # How long the final submission waits for the backend's confirmation before the person is
    # told, honestly, that the answers are kept and sent as soon as possible.
    confirm_seconds: float


def default_outbox_path(backend_url: str) -> Path:
    """One file per backend: two systems on one machine (tests, a benchmark beside `make run`)
    never deliver each other's saves."""
    parts = urlsplit(backend_url)
    return PROJECT_DIR / "var" / "outbox" / f"saves-{parts.hostname}-{parts.port or 80}.sqlite3"


def load_settings() -> ActionSettings:
    backend_url = os.environ.get("INTAKE_BACKEND_URL", "http://127.0.0.1:8000")
    outbox = os.environ.get("INTAKE_ACTIONS_OUTBOX")
    return ActionSettings(
        backend_url=backend_url,
        internal_api_token=os.environ["INTAKE_INTERNAL_API_TOKEN"],
        timeout_seconds=float(os.environ.get("INTAKE_BACKEND_TIMEOUT_SECONDS", "10")),
        outbox_path=Path(outbox) if outbox else default_outbox_path(backend_url),
        outbox_max_retry_seconds=float(os.environ.get("INTAKE_OUTBOX_MAX_RETRY_SECONDS", "15")),
        confirm_seconds=float(os.environ.get("INTAKE_SAVE_CONFIRM_SECONDS", "5")),
    )
