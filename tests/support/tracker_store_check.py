"""Run with Rasa's Python (.venv-rasa): checks rasa_addons.tracker_store against a real SQLite
database and prints one JSON line of findings for tests/unit/test_tracker_store.py."""

from __future__ import annotations

import asyncio
import json
import sys

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
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


async def turns_stored_once_in_order(turns: CachingSQLTrackerStore, sender: str) -> bool:
    tracker = DialogueStateTracker.from_events(sender, [ActionExecuted("action_listen")], DOMAIN.slots)
    await turns.save(tracker)
    added = list(tracker.events)
    for turn in range(4):
        kept = await turns.retrieve(sender)
        assert kept is not None
        new = [UserUttered(f"message {turn}"), SlotSet("full_name", f"name {turn}")]
        if turn == 2:
            new.insert(0, SessionStarted())
        for event in new:
            kept.update(event)
        added += new
        await turns.save(kept)
    everything = await turns.retrieve_full_tracker(sender)
    assert everything is not None
    return [e.as_dict() for e in everything.events] == [e.as_dict() for e in added]


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

    # Saving uses the count `retrieve` made for the kept tracker: turn after turn, exactly the new
    # events are stored, in order, also when a turn starts a new session; the same with the
    # database calls in a thread (as on PostgreSQL).
    turns = store()
    findings["turns_stored_once_in_order"] = await turns_stored_once_in_order(turns, "turns")
    in_threads = store()
    in_threads.off_loop = True
    findings["turns_stored_once_in_order_in_threads"] = await turns_stored_once_in_order(in_threads, "threads")

    # A save of another tracker object than the one just retrieved counts in the database again.
    kept = await turns.retrieve("turns")
    other = await store().retrieve("turns")
    assert kept is not None and other is not None and other is not kept
    other.update(UserUttered("from another object"))
    await turns.save(other)
    again = await store().retrieve("turns")
    findings["other_object_counted_again"] = again is not None and [e.as_dict() for e in again.events] == [
        e.as_dict() for e in other.events
    ]
    return findings


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1]))))
