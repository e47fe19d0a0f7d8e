"""The tracker store that keeps recent trackers in memory never answers from stale memory.

Runs tests/support/tracker_store_check.py with Rasa's own Python against a real SQLite file.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tools.paths import BOT_DIR, PROJECT_DIR, RASA_PYTHON, rasa_environment


@pytest.mark.skipif(not RASA_PYTHON.exists(), reason="the Rasa environment is made by `make venvs`")
def test_kept_trackers_are_checked_against_the_database(tmp_path: Path) -> None:
    environment = rasa_environment()
    environment["PYTHONPATH"] = str(BOT_DIR)
    done = subprocess.run(
        [str(RASA_PYTHON), str(PROJECT_DIR / "tests" / "support" / "tracker_store_check.py"), str(tmp_path / "t.db")],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    findings = json.loads(done.stdout.strip().splitlines()[-1])
    assert findings == {
        "kept_is_reused": True,
        "sees_other_process": True,
        "drops_unsaved_events": True,
        "events_in_database": 3,
        "turns_stored_once_in_order": True,
        "turns_stored_once_in_order_in_threads": True,
        "other_object_counted_again": True,
    }
