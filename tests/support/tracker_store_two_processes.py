"""Run with Rasa's Python (.venv-rasa): two CachingSQLTrackerStore objects on one PostgreSQL
database (its URL is the argument), as two Rasa processes behind the Redis lock store, in the
cases where the number of stored events alone cannot tell that the other process changed the
conversation. Prints one JSON line of findings for tests/unit/test_tracker_store_two_processes.py:
True where the process that kept a tracker reads what the other stored instead of its memory.

Each case ends with the database holding as many events of the conversation as the first
process's kept tracker has, but other ones:
- a turn that failed in the first process (its kept tracker holds two unsaved events) and the
  resent message handled by the second, which stored two events of its own;
- the second process started a new session (Rasa counts only the latest session's events);
- the conversation's events erased (the backend's erasure or retention) and a new conversation
  under the same sender id stored by the second process.
"""

from __future__ import annotations

import asyncio
import json
import sys

import sqlalchemy as sa
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


async def kept_by_first(first: CachingSQLTrackerStore, sender: str) -> DialogueStateTracker:
    """The first process handled the conversation's first turn and keeps its tracker."""
    tracker = DialogueStateTracker.from_events(sender, [ActionExecuted("action_listen")], DOMAIN.slots)
    tracker.update(UserUttered("hello"))
    tracker.update(SlotSet("full_name", "Semhar"))
    await first.save(tracker)
    kept = await first.retrieve(sender)
    assert kept is tracker, "the first process keeps its tracker"
    return kept


async def read_by_first(first: CachingSQLTrackerStore, sender: str) -> bool:
    """The first process's next retrieve answers what the database holds."""
    tracker = await first.retrieve(sender)
    stored = await store(first.engine.url).retrieve(sender)
    assert tracker is not None and stored is not None
    assert len(tracker.events) == len(stored.events), "the case must keep the counts equal"
    return [e.as_dict() for e in tracker.events] == [e.as_dict() for e in stored.events]


async def failed_turn_then_other_process(first: CachingSQLTrackerStore, second: CachingSQLTrackerStore) -> bool:
    kept = await kept_by_first(first, "failed")
    kept = await first.retrieve("failed")  # the next message, under the lock
    assert kept is not None
    kept.update(UserUttered("Semhar Tekle"))
    kept.update(SlotSet("full_name", "Semhar Tekle"))  # ... then the NLG call failed: never saved
    other = await second.retrieve("failed")  # the phone sent the message again, to the other Rasa
    assert other is not None
    other.update(UserUttered("Semhar T."))
    other.update(SlotSet("full_name", "Semhar T."))
    await second.save(other)
    return await read_by_first(first, "failed")


async def new_session_in_other_process(first: CachingSQLTrackerStore, second: CachingSQLTrackerStore) -> bool:
    kept = await kept_by_first(first, "session")
    other = await second.retrieve("session")
    assert other is not None
    for event in (SessionStarted(), ActionExecuted("action_listen"), UserUttered("hello again")):
        other.update(event)
    await second.save(other)  # the new session holds 3 events, as many as the kept tracker
    assert len(kept.events) == 3
    return await read_by_first(first, "session")


async def erased_then_other_process(first: CachingSQLTrackerStore, second: CachingSQLTrackerStore) -> bool:
    await kept_by_first(first, "erased")
    with first.engine.begin() as conn:  # what the backend's erasure does to Rasa's events
        conn.execute(sa.text("DELETE FROM events WHERE sender_id = 'erased'"))
    fresh = DialogueStateTracker.from_events("erased", [ActionExecuted("action_listen")], DOMAIN.slots)
    fresh.update(UserUttered("hi"))
    fresh.update(SlotSet("full_name", "someone else"))
    await second.save(fresh)
    return await read_by_first(first, "erased")


def store(url: sa.engine.URL) -> CachingSQLTrackerStore:
    return CachingSQLTrackerStore(
        domain=DOMAIN,
        dialect="postgresql",
        host=url.host,
        port=url.port,
        db=url.database,
        username=url.username,
        password=url.password,
    )


async def main(database_url: str) -> dict[str, bool]:
    url = sa.engine.make_url(database_url)
    first, second = store(url), store(url)
    return {
        "failed_turn_then_other_process": await failed_turn_then_other_process(first, second),
        "new_session_in_other_process": await new_session_in_other_process(first, second),
        "erased_then_other_process": await erased_then_other_process(first, second),
    }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1]))))
