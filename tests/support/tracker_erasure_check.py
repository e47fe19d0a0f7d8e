"""Run with Rasa's Python (.venv-rasa): writes or reads trackers in Rasa's own SQL tracker store,
for tests/unit/test_tracker_erasure.py (the backend deletes a sender's events in between).

    tracker_erasure_check.py write <sqlite file> <sender> <text>...   one tracker per call
    tracker_erasure_check.py read <sqlite file> <sender>...           prints {sender: events or null}
"""

from __future__ import annotations

import asyncio
import json
import sys

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

DOMAIN = Domain.from_yaml('version: "3.1"')


async def write(database: str, sender: str, texts: list[str]) -> None:
    store = SQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=database)
    tracker = DialogueStateTracker.from_events(sender, [ActionExecuted("action_listen")], DOMAIN.slots)
    for text in texts:
        tracker.update(UserUttered(text))
        tracker.update(BotUttered(f"reply to {text}"))
    await store.save(tracker)


async def read(database: str, senders: list[str]) -> dict[str, int | None]:
    store = SQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=database)
    found: dict[str, int | None] = {}
    for sender in senders:
        tracker = await store.retrieve(sender)
        found[sender] = None if tracker is None else len(tracker.events)
    return found


if __name__ == "__main__":
    mode, database, *rest = sys.argv[1:]
    if mode == "write":
        asyncio.run(write(database, rest[0], rest[1:]))
    else:
        print(json.dumps(asyncio.run(read(database, rest))))
