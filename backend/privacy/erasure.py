"""Deleting every row of one person: their conversation, their intake and all that hangs on
them, in the backend's database and in Rasa's tracker store.

What hangs on them is found from the tables' foreign keys, not from a hand-kept list: a table
added later that points at a conversation or an intake (directly or through another of the
person's rows) is deleted along with them, whatever its ON DELETE rule.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import Counter
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, delete, or_, select
from sqlalchemy.orm import Session

from backend.db import Base
from backend.models import AuditEvent, Conversation, DeletedConversationName, Intake
from backend.privacy.tracker import TrackerStore
from backend.security import token_hash

TRACKER_EVENTS = "rasa_tracker_events"
CONVERSATION_TABLE = Base.metadata.tables[Conversation.__tablename__]


def _children(parent: Table) -> list[tuple[Table, Any, Any]]:
    """(table, its column, the parent's column) for every foreign key pointing at `parent`."""
    found = []
    for table in Base.metadata.sorted_tables:
        for key in table.foreign_keys:
            if key.column.table is parent:
                found.append((table, key.parent, key.column))
    return found


def _delete_tree(session: Session, table: Table, where: ColumnElement[bool], counts: Counter[str]) -> None:
    """Delete the rows of `table` matching `where`, after every row that points at them."""
    for child, column, parent_column in _children(table):
        if child is table:
            continue  # no table of ours points at itself
        _delete_tree(session, child, column.in_(select(parent_column).where(where)), counts)
    result = session.execute(delete(table).where(where))
    if result.rowcount:  # type: ignore[attr-defined]
        counts[table.name] += result.rowcount  # type: ignore[attr-defined]


def deleted_name_hash(hashed_name: str) -> str:
    """What is kept of a deleted conversation's name: a hash of its hash (`token_hash`), made
    apart from every other hash we store, so that no table holds the name or its plain hash."""
    return hashlib.sha256(f"deleted conversation\0{hashed_name}".encode()).hexdigest()


def was_deleted(session: Session, conversation_name: str) -> bool:
    """Whether the conversation the action server names (Rasa's sender id, or the phone's token)
    was deleted: its saves must not make it anew."""
    return session.get(DeletedConversationName, deleted_name_hash(token_hash(conversation_name))) is not None


def _remember_deleted(session: Session, conversation: Conversation) -> None:
    for hashed in {token_hash(conversation.rasa_sender), conversation.token_hash}:
        session.merge(DeletedConversationName(name_hash=deleted_name_hash(hashed)))


def delete_conversation(session: Session, tracker: TrackerStore, conversation: Conversation) -> Counter[str]:
    """Delete the conversation, its intake, everything on them and Rasa's transcript of it.

    Its names are remembered (hashed), so that a save still waiting in the action server's
    outbox is refused (410) instead of making the conversation anew.
    Returns the number of rows per table (contents never leave this function). The backend's
    rows are deleted first and committed by the caller after Rasa's: if the tracker store cannot
    be reached the whole deletion is rolled back and can simply be tried again.
    """
    counts: Counter[str] = Counter()
    sender = conversation.rasa_sender
    _remember_deleted(session, conversation)
    _delete_tree(session, CONVERSATION_TABLE, Conversation.id == conversation.id, counts)
    session.flush()
    counts[TRACKER_EVENTS] += tracker.delete([sender])
    session.expire_all()  # the deleted objects are gone: never read (or flush) them again
    return counts


def audit_entries_about(intake_id: uuid.UUID | None, conversation_id: int) -> ColumnElement[bool]:
    """The audit log's entries that name this person's intake or conversation."""
    about_conversation = and_(AuditEvent.object_type == "conversation", AuditEvent.object_id == str(conversation_id))
    if intake_id is None:
        return about_conversation
    about_intake = and_(AuditEvent.object_type == "intake", AuditEvent.object_id == str(intake_id))
    return or_(about_intake, about_conversation)


def erase_person(session: Session, tracker: TrackerStore, intake: Intake) -> Counter[str]:
    """Erasure on request (AVG art. 17): every copy of the person's data, and the audit log's
    entries about them (who read it when), so that the log keeps only that an erasure happened."""
    conversation = session.get_one(Conversation, intake.conversation_id)
    audit_rows = session.execute(delete(AuditEvent).where(audit_entries_about(intake.id, conversation.id)))
    counts = delete_conversation(session, tracker, conversation)
    if audit_rows.rowcount:  # type: ignore[attr-defined]
        counts[AuditEvent.__tablename__] += audit_rows.rowcount  # type: ignore[attr-defined]
    return counts
