"""Rasa's tracker store, seen from the backend: the transcript of every chat.

Rasa's SQL tracker store keeps one row per event (each message, each slot set) in a table
`events`, keyed by the sender id: the pseudonym the chat gateway gives Rasa
(`Conversation.rasa_sender`). It lives in a database of its own (backend/config.py,
`tracker_store_url`). The backend only reads and deletes rows there; Rasa writes them. The table
exists once Rasa has started; before that there is nothing to delete or show.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    Column,
    Engine,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    func,
    inspect,
    select,
)
from sqlalchemy.pool import NullPool

from backend.config import get_settings

# The columns of Rasa 3.6's `SQLTrackerStore.SQLEvent` that the backend uses.
EVENTS = Table(
    "events",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)
# Deleting in slices keeps each statement's parameter list small.
SLICE = 500


@dataclass(frozen=True)
class ChatLine:
    at: datetime
    by_person: bool  # the person typed it; otherwise the assistant said it
    text: str


class TrackerStore:
    def __init__(self, url: str) -> None:
        # No pool: the worker calls it once an hour, the admin API on an erasure request.
        self._engine: Engine = create_engine(url, poolclass=NullPool)

    @property
    def engine(self) -> Engine:
        return self._engine

    def _exists(self) -> bool:
        return inspect(self._engine).has_table(EVENTS.name)

    def delete(self, senders: Collection[str]) -> int:
        """Delete every event of these senders; returns how many."""
        if not senders or not self._exists():
            return 0
        ordered = sorted(senders)
        deleted = 0
        with self._engine.begin() as connection:
            for start in range(0, len(ordered), SLICE):
                result = connection.execute(
                    delete(EVENTS).where(EVENTS.c.sender_id.in_(ordered[start : start + SLICE]))
                )
                deleted += result.rowcount
        return deleted

    def last_event_times(self) -> dict[str, float]:
        """Every sender with the time (Unix seconds) of its newest event."""
        if not self._exists():
            return {}
        query = select(EVENTS.c.sender_id, func.max(EVENTS.c.timestamp)).group_by(EVENTS.c.sender_id)
        with self._engine.connect() as connection:
            return {sender: float(at or 0) for sender, at in connection.execute(query)}

    def chat_lines(self, sender: str) -> list[ChatLine]:
        """What the person typed and what the assistant said, in order."""
        if not self._exists():
            return []
        query = (
            select(EVENTS.c.timestamp, EVENTS.c.type_name, EVENTS.c.data)
            .where(EVENTS.c.sender_id == sender, EVENTS.c.type_name.in_(("user", "bot")))
            .order_by(EVENTS.c.id)
        )
        lines = []
        with self._engine.connect() as connection:
            for timestamp, type_name, data in connection.execute(query):
                text = _text_of(data)
                if text:
                    at = datetime.fromtimestamp(float(timestamp or 0), UTC)
                    lines.append(ChatLine(at=at, by_person=type_name == "user", text=text))
        return lines

    def close(self) -> None:
        self._engine.dispose()


def _text_of(data: str | None) -> str:
    try:
        event = json.loads(data or "{}")
    except ValueError:
        return ""
    text = event.get("text") if isinstance(event, dict) else None
    return str(text) if text else ""


def tracker_store() -> TrackerStore:
    return TrackerStore(get_settings().tracker_database_url)
