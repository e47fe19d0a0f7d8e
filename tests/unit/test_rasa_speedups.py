"""Speed fixes of bot/rasa_addons/server.py that must leave Rasa's behaviour unchanged: replies
of the action server validated with the same outcome and errors, slots copied attribute by
attribute, and one kept HTTP session per endpoint (connections reused, not after
KEEP_ALIVE_SECONDS idle). Runs tests/support/rasa_speedups_check.py with Rasa's Python."""

from __future__ import annotations

import json
import subprocess

import pytest

from tools.paths import BOT_DIR, PROJECT_DIR, RASA_PYTHON, rasa_environment


@pytest.mark.skipif(not RASA_PYTHON.exists(), reason="the Rasa environment is made by `make venvs`")
def test_slot_copies_and_kept_http_sessions() -> None:
    environment = rasa_environment()
    environment["PYTHONPATH"] = str(BOT_DIR)
    done = subprocess.run(
        [str(RASA_PYTHON), str(PROJECT_DIR / "tests" / "support" / "rasa_speedups_check.py")],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    findings = json.loads(done.stdout.strip().splitlines()[-1])
    assert findings == {
        "valid_reply_passes": True,
        "same_errors": True,
        "slot_copy_same": True,
        "slot_copy_apart": True,
        "text_slot_copy_same": True,
        "answers": True,
        "one_connection": True,
        "new_connection_after_idle": True,
    }
