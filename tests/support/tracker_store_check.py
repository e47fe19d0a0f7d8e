"""Run with Rasa's Python (.venv-rasa): checks rasa_addons.tracker_store against a real SQLite
database and prints one JSON line of findings for tests/unit/test_tracker_store.py."""

from __future__ import annotations

import asyncio
import json
import sys

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_addons.tracker_store import CachingSQLTrackerStore

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
slots:
  full_name:
    type: text
    mappings: [{type: custom}]
"""
)


async def main(database: str) -> dict[str, object]:
    def store() -> CachingSQLTrackerStore:
        return CachingSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=database)

    first, second = store(), store()  # two Rasa processes sharing one database
    tracker = DialogueStateTracker.from_events("person", [ActionExecuted("action_listen")], DOMAIN.slots)
    tracker.update(UserUttered("hello"))
    await first.save(tracker)
    kept = await first.retrieve("person")
    findings: dict[str, object] = {"kept_is_reused": kept is tracker}

    # Another process handles the next message: the first must not answer from its memory.
    other = await second.retrieve("person")
    assert other is not None
    other.update(SlotSet("full_name", "Semhar Tekle"))
    await second.save(other)
    fresh = await first.retrieve("person")
    findings["sees_other_process"] = fresh is not None and fresh.get_slot("full_name") == "Semhar Tekle"

    # A turn that failed before saving left unsaved events on the kept tracker: read again.
    assert fresh is not None
    await first.save(fresh)
    fresh.update(SlotSet("full_name", "never saved"))
    again = await first.retrieve("person")
    findings["drops_unsaved_events"] = again is not None and again.get_slot("full_name") == "Semhar Tekle"
    findings["events_in_database"] = len(list((await store().retrieve("person")).events))  # type: ignore[union-attr]
    return findings


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1]))))
