"""Run with Rasa's Python (.venv-rasa): the conversation lock of two Rasa processes on one Redis
(its URL is the argument). Prints one JSON line of findings for tests/unit/test_lock_store.py.

- `rasa_store_same_ticket`: Rasa's own RedisLockStore, when a second process takes a ticket
  between the first one's read and write of the lock, gives both the same ticket (both hold
  the lock: the bug this project's lock store exists for). Expected True.
- `atomic_store_tickets`: the same moment with AtomicRedisLockStore: the two tickets.
- `one_at_a_time`: two OS processes, three conversations' worth of tasks each, all on one
  conversation: every turn (enter, a short wait, leave) finishes before the next one enters.
- `lock_gone`: when all turns are over no lock is left in Redis.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import secrets
import sys
from typing import Any
from urllib.parse import urlsplit

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import RedisLockStore
from rasa.utils.endpoints import EndpointConfig
from rasa_addons.lock_store import AtomicRedisLockStore

TURNS_PER_TASK = 5
TASKS_PER_PROCESS = 3


def endpoint(redis_url: str, prefix: str) -> EndpointConfig:
    parts = urlsplit(redis_url)
    return EndpointConfig(
        url=parts.hostname,
        type="rasa_addons.lock_store.AtomicRedisLockStore",
        port=parts.port or 6379,
        db=int(parts.path.lstrip("/") or 0),
        password=parts.password or "",
        key_prefix=prefix,
    )


def rasa_store_gives_the_same_ticket(config: EndpointConfig) -> bool:
    """The other process takes its ticket right after this one read the lock."""
    other = RedisLockStore(host=config.url, **config.kwargs)

    class Interrupted(RedisLockStore):
        def get_lock(self, conversation_id: str) -> TicketLock | None:
            lock = super().get_lock(conversation_id)
            self.others_ticket = other.issue_ticket(conversation_id)
            return lock

    first = Interrupted(host=config.url, **config.kwargs)
    ticket = first.issue_ticket("rasa-store")
    other.delete_lock("rasa-store")
    return ticket == first.others_ticket


def atomic_store_tickets(config: EndpointConfig) -> list[int]:
    other = AtomicRedisLockStore(config)
    others: list[int] = []

    class Interrupted(AtomicRedisLockStore):
        def _change(self, conversation_id: str, change: Any) -> Any:
            def change_after_the_other(lock: TicketLock | None) -> Any:
                if not others:  # the first time only: the retry must then see the other's ticket
                    others.append(other.issue_ticket(conversation_id))
                return change(lock)

            return super()._change(conversation_id, change_after_the_other)

    first = Interrupted(config)
    ticket = first.issue_ticket("atomic-store")
    for number in (ticket, *others):
        other.cleanup("atomic-store", number)
    return sorted([ticket, *others])


async def turns(config: EndpointConfig, redis_url: str, journal: str) -> None:
    store = AtomicRedisLockStore(config)
    log = redis.Redis.from_url(redis_url)

    async def task(name: str) -> None:
        for _ in range(TURNS_PER_TASK):
            async with store.lock("together"):
                log.rpush(journal, f"enter {name}")
                await asyncio.sleep(0.01)
                log.rpush(journal, f"leave {name}")

    await asyncio.gather(*(task(f"{os.getpid()}-{number}") for number in range(TASKS_PER_PROCESS)))


def run_turns(config: EndpointConfig, redis_url: str, journal: str) -> None:
    asyncio.run(turns(config, redis_url, journal))


def main(redis_url: str) -> None:
    prefix = "locktest" + secrets.token_hex(4)
    config = endpoint(redis_url, prefix)
    journal = f"{prefix}:journal"
    processes = [
        multiprocessing.get_context("spawn").Process(target=run_turns, args=(config, redis_url, journal))
        for _ in range(2)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    log = redis.Redis.from_url(redis_url)
    entries = [entry.decode() for entry in log.lrange(journal, 0, -1)]
    pairs = [entries[index : index + 2] for index in range(0, len(entries), 2)]
    one_at_a_time = len(entries) == 2 * 2 * TASKS_PER_PROCESS * TURNS_PER_TASK and all(
        enter.split()[0] == "enter" and leave == "leave " + enter.split()[1] for enter, leave in pairs
    )
    findings = {
        "rasa_store_same_ticket": rasa_store_gives_the_same_ticket(config),
        "atomic_store_tickets": atomic_store_tickets(config),
        "one_at_a_time": one_at_a_time,
        "lock_gone": not log.keys(f"{prefix}:*lock*"),
    }
    log.delete(journal)
    print(json.dumps(findings))


if __name__ == "__main__":
    main(sys.argv[1])
