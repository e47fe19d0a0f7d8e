"""Rasa's SQL tracker store, keeping the latest tracker of recent conversations in memory.

Why: on every message Rasa reads the whole conversation back from the database and replays
every event into a new tracker; a pre-intake has hundreds of events, so this grew with the
length of the intake and was one of the largest costs per turn (py-spy, README "Benchmarks").

Correctness: the database stays the only truth. Every `save` writes exactly what Rasa's SQL
store writes. A kept tracker is used only when the database holds exactly as many events for
the conversation as the kept tracker has, which one cheap COUNT query checks on every
`retrieve`: a message handled by another Rasa process (several workers behind the Redis lock
store) or a turn that failed before saving makes the counts differ, and the tracker is read
from the database as before. Equal counts alone are not enough with two Rasa processes: a turn
that failed in one after changing its kept tracker, a new session started by the other, or the
backend's erasure followed by a new conversation can leave as many events in the database as
the kept tracker has, but other ones. So the same query also reads the id of the newest stored
event, and the kept tracker is used only when that is still the id this process gave the last
event it saved (ids only grow, so any event stored since by anyone has a larger one).

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

import sqlalchemy as sa
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
        # The id of the newest event stored of each kept tracker (the last one this process saved).
        self._newest: dict[str, int] = {}
        # The kept tracker `retrieve` handed out, and how many of its events the database held
        # then: taken by the next `save` of that same tracker object (and only by it).
        self._counted: dict[str, tuple[DialogueStateTracker, int]] = {}
        self.off_loop = self.engine.dialect.name != "sqlite"

    async def _in_thread(self, call: Any, *args: Any) -> Any:
        return await asyncio.to_thread(call, *args) if self.off_loop else call(*args)

    def _count(self, session: Any, sender_id: str) -> int:
        return int(self._event_query(session, sender_id, fetch_events_from_all_sessions=False).count())

    def _stored_count_and_newest(self, sender_id: str) -> tuple[int, int | None]:
        with self.session_scope() as session:
            query = self._event_query(session, sender_id, fetch_events_from_all_sessions=False)
            columns = (sa.func.count(self.SQLEvent.id), sa.func.max(self.SQLEvent.id))
            count, newest = query.with_entities(*columns).order_by(None).one()
            return int(count), newest

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        self._counted.pop(sender_id, None)
        kept = self._kept.pop(sender_id, None)
        newest = self._newest.pop(sender_id, None)
        if kept is not None and (len(kept.events), newest) == await self._in_thread(
            self._stored_count_and_newest, sender_id
        ):
            self._newest[sender_id] = newest
            self._kept[sender_id] = kept  # most recently used last
            self._counted[sender_id] = (kept, len(kept.events))
            while len(self._counted) > MAX_KEPT:  # turns that failed before saving leave theirs
                self._counted.pop(next(iter(self._counted)))
            return kept
        return await super().retrieve(sender_id)

    def _store_new_events(self, tracker: DialogueStateTracker, stored: int | None) -> int | None:
        """What SQLTrackerStore.save stores (Rasa 3.6): the events beyond the `stored` ones
        (counted in the database when not known). Returns the id of the last one stored (None
        when there was none)."""
        last = None
        with self.session_scope() as session:
            if stored is None:
                stored = self._count(session, tracker.sender_id)
            for event in itertools.islice(tracker.events, stored, len(tracker.events)):
                data = event.as_dict()
                last = self.SQLEvent(
                    sender_id=tracker.sender_id,
                    type_name=event.type_name,
                    timestamp=data.get("timestamp"),
                    intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                    action_name=data.get("name"),
                    data=json.dumps(data),
                )
                session.add(last)
            session.flush()  # gives the rows their ids
            newest = None if last is None else int(last.id)
            session.commit()
            return newest

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        counted = self._counted.pop(tracker.sender_id, None)
        stored = None
        if counted is not None and counted[0] is tracker and len(tracker.events) >= counted[1]:
            stored = counted[1]
        newest = await self._in_thread(self._store_new_events, tracker, stored)
        self._counted.pop(tracker.sender_id, None)
        self._kept.pop(tracker.sender_id, None)
        self._newest.pop(tracker.sender_id, None)
        if newest is None:  # nothing new stored: the newest id is not known here, so not kept
            return
        self._kept[tracker.sender_id] = tracker
        self._newest[tracker.sender_id] = newest
        while len(self._kept) > MAX_KEPT:
            self._newest.pop(self._kept.popitem(last=False)[0], None)
