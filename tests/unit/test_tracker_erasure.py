"""The backend reads and deletes the transcript in Rasa's own tracker store (Rasa writes it).

Runs tests/support/tracker_erasure_check.py with Rasa's Python against a real SQLite file, so
that the backend's description of Rasa's `events` table is checked against Rasa itself.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from backend.config import tracker_store_url
from backend.privacy.tracker import TrackerStore
from tools.paths import PROJECT_DIR, RASA_PYTHON, rasa_environment
from tools.run import tracker_store_settings

CHECK = PROJECT_DIR / "tests" / "support" / "tracker_erasure_check.py"


def _rasa(*args: str) -> str:
    done = subprocess.run(
        [str(RASA_PYTHON), str(CHECK), *args], env=rasa_environment(), capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.skipif(not RASA_PYTHON.exists(), reason="the Rasa environment is made by `make venvs`")
def test_the_backend_deletes_one_senders_transcript_from_rasas_store(tmp_path: Path) -> None:
    database = str(tmp_path / "rasa-tracker.db")
    _rasa("write", database, "erase-me", "my name is Semhar", "I was born in 1990")
    _rasa("write", database, "keep-me", "hello")
    store = TrackerStore(f"sqlite:///{database}")

    lines = store.chat_lines("erase-me")
    assert [(line.by_person, line.text) for line in lines] == [
        (True, "my name is Semhar"),
        (False, "reply to my name is Semhar"),
        (True, "I was born in 1990"),
        (False, "reply to I was born in 1990"),
    ]
    assert set(store.last_event_times()) == {"erase-me", "keep-me"}

    assert store.delete(["erase-me"]) > 4
    store.close()
    assert json.loads(_rasa("read", database, "erase-me", "keep-me").strip().splitlines()[-1]) == {
        "erase-me": None,
        "keep-me": 3,  # its action_listen, message and reply
    }


def test_an_empty_tracker_store_has_nothing_to_delete(tmp_path: Path) -> None:
    # Before Rasa's first start its table does not exist yet.
    store = TrackerStore(f"sqlite:///{tmp_path / 'not-yet.db'}")
    assert store.delete(["anyone"]) == 0
    assert store.last_event_times() == {}
    assert store.chat_lines("anyone") == []


@pytest.mark.parametrize(
    "database_url",
    ["sqlite:///var/intake.db", "sqlite:////srv/data/intake.db", "postgresql+psycopg://app:secret@db:5432/intake"],
)
def test_the_backend_finds_the_tracker_store_where_rasa_is_told_it_is(database_url: str) -> None:
    assert tracker_store_url(database_url) == tracker_store_settings(database_url)[1]
