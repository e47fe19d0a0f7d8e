"""Rasa's Redis lock store, with every change of a conversation's lock made atomic.

Why: with more than one Rasa process, the lock store is what keeps two messages of one
conversation from being handled at the same time. Rasa's RedisLockStore (3.6) changes a lock by
reading it from Redis, changing it in Python and writing it back. Two Rasa processes taking a
ticket at the same moment both read "no tickets", both take ticket 0 and both write: each then
holds the lock, both handle their message on the same tracker, and the later save drops the
earlier message (it stores only the events beyond those already stored). Our two-Rasa test saw
this: two messages sent at once, one of them gone from the conversation. Likewise, ending a turn
("remove my ticket", then "delete the lock if no one waits") could delete a ticket another
process had just taken.

How: every read-change-write of a lock runs as one Redis transaction (WATCH the key, read,
MULTI, write, EXEC); when another process wrote the key in between, Redis refuses the write
and redis-py runs the change again on the new value. A lock left with no tickets is deleted in
that same transaction. Waiting is unchanged (Rasa's ticket queue: first come, first served),
except that a waiting message looks again every 0.1 s instead of every second.

Configured in bot/endpoints.yml through RASA_LOCK_STORE (tools/run.py sets it when REDIS_URL is
set; the compose file sets it for its Rasa servers).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import Any, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

# How often a message waiting for its conversation's lock looks again. Rasa's 1 s made the
# second of two quick taps wait a whole second; a GET every 0.1 s per waiting message is nothing
# for Redis.
WAIT_SECONDS = 0.1

Result = TypeVar("Result")
# A change of a lock: from the stored lock (None: there is none) to the lock to store (None:
# delete it) and what the caller wants back.
Change = Callable[[TicketLock | None], tuple[TicketLock | None, Result]]


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        # The same settings as Rasa's own `type: redis` (host in `url`, the rest as keywords).
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)

    def _change(self, conversation_id: str, change: Change[Result]) -> Result:
        """Read the conversation's lock, let `change` give the new lock (None: delete it) and a
        result, and write it, all as one Redis transaction (run again when the key changed)."""
        key = self.key_prefix + conversation_id

        def in_transaction(pipe: Any) -> Result:
            stored = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(stored)) if stored else None
            new_lock, result = change(lock)
            pipe.multi()
            if new_lock is None:
                pipe.delete(key)
            else:
                pipe.set(key, new_lock.dumps())
            return result

        result: Result = self.red.transaction(in_transaction, key, value_from_callable=True)
        return result

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def take_ticket(lock: TicketLock | None) -> tuple[TicketLock | None, int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, take_ticket)
        except Exception as error:  # as Rasa's: the message is answered with an error, not lost silently
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: str) -> None:
        def drop_expired(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None  # a lock that is gone stays gone (its waiter gets Rasa's LockError)

        self._change(conversation_id, drop_expired)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self._remove_ticket(conversation_id, ticket_number)  # Rasa calls it from `cleanup` only

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """The turn is over: its ticket goes, and the lock with it when no one else waits (one
        transaction, so a ticket taken meanwhile is never deleted)."""
        self._remove_ticket(conversation_id, ticket_number)

    def _remove_ticket(self, conversation_id: str, ticket_number: int) -> None:
        def remove(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        self._change(conversation_id, remove)

    def lock(
        self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = WAIT_SECONDS
    ) -> AbstractAsyncContextManager[TicketLock]:
        return super().lock(conversation_id, lock_lifetime, min(wait_time_in_seconds, WAIT_SECONDS))
