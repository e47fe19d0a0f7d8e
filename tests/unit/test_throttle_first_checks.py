"""The first limit checks after a start may come at the same moment (the backend serves requests
on many threads): none of them may fail on how `limits` loads its Redis client."""

from __future__ import annotations

import subprocess
import sys

from tools.paths import PROJECT_DIR

# A fresh interpreter: the Redis client must not have been imported by anything else before.
SCRIPT = """
import threading
import backend.throttle as throttle
from limits.storage import RedisStorage

failures = []

def first_check():
    try:
        RedisStorage("redis://127.0.0.1:6379/0")  # what throttle._storage makes; no connection yet
    except Exception as exc:
        failures.append(repr(exc))

threads = [threading.Thread(target=first_check) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(failures)
"""


def test_concurrent_first_checks_find_the_redis_client() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=PROJECT_DIR, capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]", result.stdout
