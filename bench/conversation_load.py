"""Conversation load benchmark against the real running system.

    make bench                      # starts its own system (SQLite, the `make run` default)
    make bench ARGS=--postgres      # PostgreSQL + Redis lock store, like production

Each conversation is the start of an intake through the chat gateway (greeting, language
button, privacy, then the first three sections: 23 turns, see TURNS). Turn latency is the time the phone
waits for the backend's answer, which includes Rasa, the action server and the NLG calls.

Scenarios:
- one conversation at a time, no pause: the latency of a single turn;
- 20 concurrent conversations, each pausing 1-4 s between messages as people reading and
  typing on a phone do: the target case (p95 <= 150 ms);
- saturation: 20 senders without any pause, to find the most messages per second.
Prints a Markdown table for the README and writes bench/results/latest.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import random
import secrets
import statistics
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

from tools.paths import PROJECT_DIR, VAR_DIR
from tools.run import RunningSystem, SystemConfig, prepare_database, start_system
from tools.train import ensure_model

RESULTS = PROJECT_DIR / "bench" / "results"
# The first three sections of the pre-intake in Arabic, typed and tapped: every kind of turn
# (free text, dates, buttons, a repeating group, section summaries), each answer saved at once.
TURNS = [
    "hello",
    '/choose_language{"language": "ar"}',
    "/affirm",
    "فاطمة الزهراء",
    "١٥/٣/١٩٩٠",
    "سوريا",
    '/inform{"choice": "0405"}',
    "/affirm",  # section summary
    "06 12345678",
    "/skip",
    "/deny",
    "/deny",
    "/affirm",  # section summary
    '/inform{"choice": "in_netherlands"}',
    "/affirm",  # children: yes
    "حوالي ٢٠٢٢",
    "/affirm",
    "/deny",  # no other child
    "/affirm",  # early-education information
    "/deny",
    "/help",
    "/deny",
    "/affirm",  # section summary
]


@dataclass
class Scenario:
    name: str
    concurrency: int
    conversations: int
    turns: int
    errors: int
    seconds: float
    p50_ms: float
    p95_ms: float
    max_ms: float

    @property
    def messages_per_second(self) -> float:
        return self.turns / self.seconds


async def conversation(
    client: httpx.AsyncClient, latencies: list[float], pause: tuple[float, float] | None, rng: random.Random
) -> int:
    errors = 0
    created = await client.post("/api/chat/conversations")
    conversation_id = created.json()["conversation_id"]
    for text in TURNS:
        if pause is not None:
            await asyncio.sleep(rng.uniform(*pause))
        started = time.perf_counter()
        response = await client.post(f"/api/chat/conversations/{conversation_id}/messages", json={"text": text})
        latencies.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200 or not response.json()["messages"]:
            errors += 1
    return errors


async def run_scenario(
    base_url: str, name: str, concurrency: int, conversations_each: int, pause: tuple[float, float] | None = None
) -> Scenario:
    latencies: list[float] = []
    rng = random.Random(42)  # noqa: S311 - the same pauses on every run, not a secret
    limits = httpx.Limits(max_connections=concurrency + 5)
    async with httpx.AsyncClient(base_url=base_url, timeout=60, limits=limits) as client:

        async def worker() -> int:
            return sum([await conversation(client, latencies, pause, rng) for _ in range(conversations_each)])

        started = time.perf_counter()
        errors = sum(await asyncio.gather(*(worker() for _ in range(concurrency))))
        seconds = time.perf_counter() - started
    ordered = sorted(latencies)
    return Scenario(
        name=name,
        concurrency=concurrency,
        conversations=concurrency * conversations_each,
        turns=len(latencies),
        errors=errors,
        seconds=seconds,
        p50_ms=statistics.median(ordered),
        p95_ms=ordered[int(0.95 * (len(ordered) - 1))],
        max_ms=ordered[-1],
    )


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its children, in MB (from /proc)."""
    total_kb = 0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total_kb += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except (FileNotFoundError, StopIteration):
            continue
        pids.extend(int(c) for c in children)
    return total_kb / 1024


def start(postgres: bool) -> tuple[RunningSystem, object | None]:
    model = ensure_model()
    database = None
    if postgres:
        from tests.postgres import temporary_database

        database = temporary_database("intake_bench")
        url = database.__enter__()
        redis = "redis://127.0.0.1:6379/0"
    else:
        path = VAR_DIR / "bench" / f"intake-{secrets.token_hex(4)}.db"
        path.parent.mkdir(parents=True, exist_ok=True)
        url, redis = f"sqlite:///{path}", None
    config = SystemConfig(
        database_url=url,
        internal_api_token=secrets.token_urlsafe(32),
        redis_url=redis,
        backend_port=18200,
        actions_port=15255,
        rasa_port=15205,
        environment="test",
        log_dir=VAR_DIR / "logs" / "bench",
    )
    prepare_database(config, demo=False)
    return start_system(config, model), database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL and Redis instead of SQLite")
    parser.add_argument("--conversations", type=int, default=3, help="conversations per concurrent sender")
    args = parser.parse_args()

    system, database = start(args.postgres)
    try:
        base = system.config.backend_url
        asyncio.run(run_scenario(base, "warm-up", 2, 1))
        scenarios = [
            asyncio.run(run_scenario(base, "1 conversation, no pauses", 1, args.conversations * 4)),
            asyncio.run(
                run_scenario(base, "20 concurrent conversations, 1-4 s pauses", 20, args.conversations, (1, 4))
            ),
            asyncio.run(run_scenario(base, "saturation: 20 senders, no pauses", 20, args.conversations)),
        ]
        memory = {p.name: rss_mb(p.process.pid) for p in system.processes if p.process}
        startup = {p.name: p.healthy_after or 0.0 for p in system.processes}
    finally:
        system.stop()
        if database is not None:
            database.__exit__(None, None, None)  # type: ignore[attr-defined]

    machine = f"{platform.machine()}, {_cores()} cores, {_memory_gb():.0f} GiB, Python {platform.python_version()}"
    storage = "PostgreSQL + Redis lock store" if args.postgres else "SQLite (default)"
    print(f"\nConversation load benchmark, {time.strftime('%Y-%m-%d')}, {storage}; machine {machine}\n")
    print("| scenario | turns | errors | p50 | p95 | max | messages/s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for s in scenarios:
        print(
            f"| {s.name} | {s.turns} | {s.errors} | {s.p50_ms:.0f} ms | {s.p95_ms:.0f} ms | {s.max_ms:.0f} ms "
            f"| {s.messages_per_second:.1f} |"
        )
    print("\n| process | start-up until healthy | memory (RSS) |")
    print("|---|---:|---:|")
    for name in memory:
        print(f"| {name} | {startup[name]:.1f} s | {memory[name]:.0f} MB |")
    print(f"| **all** | {max(startup.values()):.1f} s | {sum(memory.values()):.0f} MB |")

    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(
        json.dumps(
            {
                "date": time.strftime("%Y-%m-%dT%H:%M:%S"),
                "machine": machine,
                "storage": storage,
                "scenarios": [asdict(s) | {"messages_per_second": s.messages_per_second} for s in scenarios],
                "startup_seconds": startup,
                "memory_mb": memory,
            },
            indent=2,
        )
    )


def _memory_gb() -> float:
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    return int(next(line for line in meminfo if line.startswith("MemTotal:")).split()[1]) / 1024 / 1024


def _cores() -> int:
    import os

    return os.cpu_count() or 0


if __name__ == "__main__":
    main()
