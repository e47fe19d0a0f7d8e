"""Rasa's SQL tracker store, keeping the latest tracker of recent conversations in memory.

Why: on every message Rasa reads the whole conversation back from the database and replays
every event into a new tracker; a pre-intake has hundreds of events, so this grew with the
length of the intake and was one of the largest costs per turn (py-spy, README "Benchmarks").

Correctness: the database stays the only truth. Every `save` writes exactly what Rasa's SQL
store writes. A kept tracker is used only when the database holds exactly as many events for
the conversation as the kept tracker has, which one cheap COUNT query checks on every
`retrieve`: a message handled by another Rasa process (several workers behind the Redis lock
store) or a turn that failed before saving makes the counts differ, and the tracker is read
from the database as before. Rasa only ever appends events, so equal counts mean equal events.

Saving: Rasa's SQL store counts the conversation's stored events again before every save, to
know which are new. When the tracker being saved is the kept one that `retrieve` just checked
(same object, counted under the conversation's lock, which Rasa holds from reading the tracker
until it saved it), that count is used instead of asking again.

Off the event loop: Rasa runs these database calls in its one event loop, so every other
conversation waited while PostgreSQL committed. On PostgreSQL the count and the save run in a
thread (the conversation's lock keeps its own turns in order). Not on SQLite (the default
set-up): writes from several threads at once would meet SQLite's file lock.

Configured in bot/endpoints.yml: `type: rasa_addons.tracker_store.CachingSQLTrackerStore`.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections import OrderedDict
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

# Conversations kept. Only people chatting right now gain from it (a region has tens at the
# same time, not hundreds), and memory counts: a kept tracker costs about 12 kB per turn
# (measured), so a whole pre-intake of ~120 turns about 1.5 MB, and 100 of them ~150 MB.
MAX_KEPT = 100


class CachingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._kept: OrderedDict[str, DialogueStateTracker] = OrderedDict()
        # The kept tracker `retrieve` handed out, and how many of its events the database held
        # then: taken by the next `save` of that same tracker object (and only by it).
        self._counted: dict[str, tuple[DialogueStateTracker, int]] = {}
        self.off_loop = self.engine.dialect.name != "sqlite"

    async def _in_thread(self, call: Any, *args: Any) -> Any:
        return await asyncio.to_thread(call, *args) if self.off_loop else call(*args)

    def _count(self, session: Any, sender_id: str) -> int:
        return int(self._event_query(session, sender_id, fetch_events_from_all_sessions=False).count())

    def _stored_count(self, sender_id: str) -> int:
        with self.session_scope() as session:
            return self._count(session, sender_id)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        self._counted.pop(sender_id, None)
        kept = self._kept.pop(sender_id, None)
        if kept is not None and len(kept.events) == await self._in_thread(self._stored_count, sender_id):
            self._kept[sender_id] = kept  # most recently used last
            self._counted[sender_id] = (kept, len(kept.events))
            while len(self._counted) > MAX_KEPT:  # turns that failed before saving leave theirs
                self._counted.pop(next(iter(self._counted)))
            return kept
        return await super().retrieve(sender_id)

    def _store_new_events(self, tracker: DialogueStateTracker, stored: int | None) -> None:
        """What SQLTrackerStore.save stores (Rasa 3.6): the events beyond the `stored` ones
        (counted in the database when not known)."""
        with self.session_scope() as session:
            if stored is None:
                stored = self._count(session, tracker.sender_id)
            for event in itertools.islice(tracker.events, stored, len(tracker.events)):
                data = event.as_dict()
                session.add(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                        action_name=data.get("name"),
                        data=json.dumps(data),
                    )
                )
            session.commit()

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        counted = self._counted.pop(tracker.sender_id, None)
        stored = None
        if counted is not None and counted[0] is tracker and len(tracker.events) >= counted[1]:
            stored = counted[1]
        await self._in_thread(self._store_new_events, tracker, stored)
        self._counted.pop(tracker.sender_id, None)
        self._kept.pop(tracker.sender_id, None)
        self._kept[tracker.sender_id] = tracker
        while len(self._kept) > MAX_KEPT:
            self._kept.popitem(last=False)
