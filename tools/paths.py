"""Where things live on disk. Nothing is written outside the project folder (or INTAKE_CACHE_DIR)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = PROJECT_DIR / "var"
LOG_DIR = VAR_DIR / "logs"
BOT_DIR = PROJECT_DIR / "bot"
LOCALES_DIR = PROJECT_DIR / "locales"
APP_PYTHON = PROJECT_DIR / ".venv" / "bin" / "python"
RASA_BIN = PROJECT_DIR / ".venv-rasa" / "bin" / "rasa"
RASA_PYTHON = PROJECT_DIR / ".venv-rasa" / "bin" / "python"
# Trained models are cached by the hash of their inputs; CI points this outside the clone.
CACHE_DIR = Path(os.environ.get("INTAKE_CACHE_DIR", PROJECT_DIR / ".cache"))
MODEL_CACHE_DIR = CACHE_DIR / "models"


def rasa_environment(base: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for every Rasa command: no telemetry, nothing in the user's home folder."""
    env = dict(base if base is not None else os.environ)
    rasa_home = VAR_DIR / "rasa-home"
    rasa_home.mkdir(parents=True, exist_ok=True)
    env.update(
        {
            "HOME": str(rasa_home),  # Rasa writes ~/.config/rasa, Keras ~/.keras
            "XDG_CONFIG_HOME": str(rasa_home / ".config"),
            "XDG_CACHE_HOME": str(rasa_home / ".cache"),
            "MPLCONFIGDIR": str(rasa_home / "matplotlib"),
            "RASA_TELEMETRY_ENABLED": "false",
            "RASA_CACHE_DIRECTORY": str(VAR_DIR / "rasa-graph-cache"),
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "PYTHONWARNINGS": "ignore",
            # Our own Rasa components (bot/rasa_addons) are importable by the Rasa process.
            "PYTHONPATH": str(BOT_DIR),
        }
    )
    return env
