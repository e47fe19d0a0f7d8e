"""Two Rasa processes on one Redis lock store handle a conversation's messages one at a time
(issue #11, several Rasa replicas; found by the two-Rasa test losing one of two messages sent at
the same moment).

Runs tests/support/lock_store_two_processes.py with Rasa's Python against the real Redis.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from tools.paths import BOT_DIR, PROJECT_DIR, RASA_PYTHON, rasa_environment

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.mark.skipif(not RASA_PYTHON.exists(), reason="the Rasa environment is made by `make venvs`")
def test_two_processes_never_hold_one_conversations_lock_together() -> None:
    environment = rasa_environment()
    environment["PYTHONPATH"] = str(BOT_DIR)
    script = PROJECT_DIR / "tests" / "support" / "lock_store_two_processes.py"
    done = subprocess.run(
        [str(RASA_PYTHON), str(script), REDIS_URL], env=environment, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {
        "rasa_store_same_ticket": True,  # Rasa's own store: both processes hold the lock
        "atomic_store_tickets": [0, 1],
        "one_at_a_time": True,
        "lock_gone": True,
    }
