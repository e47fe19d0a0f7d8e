"""The background worker: `python -m backend.worker` (the launcher starts it).

Every round it sends due appointment reminders (backend/scheduling/reminders.py) and
machine-translates waiting free-text answers into Dutch (backend/translation/queue.py). Both
jobs claim their rows in the database, so a restart or a second worker never does anything twice.
Every `retention_interval_minutes` it deletes what is kept long enough
(backend/privacy/retention.py); deleting twice is harmless.
"""

from __future__ import annotations

import logging
import os
import signal
import time
from collections.abc import Callable

from backend.config import get_settings
from backend.privacy.retention import retention_pass
from backend.scheduling.reminders import load_notifier, send_due_reminders
from backend.translation.machine import machine_translator
from backend.translation.queue import translate_waiting

log = logging.getLogger("backend.worker")


def run_forever(interval_seconds: float) -> None:
    notifier = load_notifier(os.environ.get("INTAKE_NOTIFIER"))
    translator = machine_translator()
    log.info("worker started; translation pairs installed: %s", sorted(translator.pairs()) or "none")
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    retention_every = get_settings().retention_interval_minutes * 60
    next_retention = time.monotonic()  # once at start, then at its interval
    while not stopping:
        jobs: list[tuple[str, Callable[[], object]]] = [
            ("reminders", lambda: send_due_reminders(notifier)),
            ("translations", lambda: translate_waiting(translator)),
        ]
        if time.monotonic() >= next_retention:
            jobs.append(("retention", retention_pass))
            next_retention = time.monotonic() + retention_every
        for job, run in jobs:
            try:
                run()
            except Exception:  # the database may be restarting: try again next round
                log.exception("%s pass failed", job)
        deadline = time.monotonic() + interval_seconds
        while not stopping and time.monotonic() < deadline:
            time.sleep(0.2)
    log.info("worker stopped")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(levelname)s %(message)s")
    run_forever(float(os.environ.get("INTAKE_WORKER_INTERVAL_SECONDS", "5")))
