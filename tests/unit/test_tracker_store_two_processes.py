"""Two Rasa processes on one tracker store: the tracker one keeps in memory is never used once the
other changed the conversation, also when the database then holds as many events as it has
(issue #11, several Rasa replicas).

Runs tests/support/tracker_store_two_processes.py with Rasa's Python against a real PostgreSQL
database (several Rasa processes need PostgreSQL's tracker store: SQLite gives a deleted row's
id again).
"""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.postgres import temporary_database
from tools.paths import BOT_DIR, PROJECT_DIR, RASA_PYTHON, rasa_environment


@pytest.mark.skipif(not RASA_PYTHON.exists(), reason="the Rasa environment is made by `make venvs`")
def test_a_kept_tracker_is_not_used_after_the_other_process_changed_the_conversation() -> None:
    environment = rasa_environment()
    environment["PYTHONPATH"] = str(BOT_DIR)
    script = PROJECT_DIR / "tests" / "support" / "tracker_store_two_processes.py"
    with temporary_database("intake_tracker_two") as url:
        done = subprocess.run(
            [str(RASA_PYTHON), str(script), url.replace("postgresql+psycopg://", "postgresql://")],
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {
        "failed_turn_then_other_process": True,
        "new_session_in_other_process": True,
        "erased_then_other_process": True,
    }
