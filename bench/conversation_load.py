"""Conversation load benchmark against the real running system.

    make bench                      # starts its own system (SQLite, the `make run` default)
    make bench ARGS=--postgres      # PostgreSQL + Redis lock store, like production
    make bench ARGS="--postgres --scenarios 50 100 burst bookings --port-offset 100"

Each conversation is the start of an intake through the chat gateway (greeting, language
button, privacy, then the first three sections: 23 turns, see TURNS). Turn latency is the time the phone
waits for the backend's answer, which includes Rasa, the action server and the NLG calls.

Scenarios:
- one conversation at a time, no pause: the latency of a single turn;
- 20 concurrent conversations, each pausing 1-4 s between messages as people reading and
  typing on a phone do: the target case (p95 <= 150 ms);
- saturation: 20 senders without any pause, to find the most messages per second;
- the scenarios of issue #11 (bench/load_scenarios.py): 50 and 100 conversations with 1-3 s
  pauses, a burst of 100 answers at once, and 30 booking taps at once.
Prints Markdown tables for the README and writes bench/results/latest.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import secrets
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx

from bench.load_scenarios import BookingTaps, Latencies, booking_taps, burst, client_limits, seed_calendar
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
    errors: int  # a 5xx, or a turn without any answer
    seconds: float
    p50_ms: float
    p95_ms: float
    max_ms: float
    server_errors: int = 0  # 5xx: the target is none
    # CPU time each process spent per turn (where the time goes), and the machine's load
    # average at the end (other programs on the same cores make every number worse).
    cpu_ms_per_turn: dict[str, float] = field(default_factory=dict)
    load_average: float = 0.0

    @property
    def messages_per_second(self) -> float:
        return self.turns / self.seconds

    @classmethod
    def of(cls, name: str, concurrency: int, latencies: Latencies) -> Scenario:
        return cls(
            name=name,
            concurrency=concurrency,
            conversations=concurrency,
            turns=len(latencies.milliseconds),
            errors=sum(1 for status in latencies.statuses if status != 200),
            seconds=latencies.seconds,
            p50_ms=latencies.p50_ms,
            p95_ms=latencies.percentile(0.95),
            max_ms=latencies.max_ms,
            server_errors=latencies.server_errors,
        )


async def conversation(
    client: httpx.AsyncClient,
    latencies: list[float],
    statuses: list[int],
    pause: tuple[float, float] | None,
    rng: random.Random,
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
        statuses.append(response.status_code)
        if response.status_code != 200 or not response.json()["messages"]:
            errors += 1
    return errors


async def run_scenario(
    base_url: str, name: str, concurrency: int, conversations_each: int, pause: tuple[float, float] | None = None
) -> Scenario:
    latencies: list[float] = []
    statuses: list[int] = []
    rng = random.Random(42)  # noqa: S311 - the same pauses on every run, not a secret
    limits = client_limits(concurrency + 5)
    async with httpx.AsyncClient(base_url=base_url, timeout=60, limits=limits) as client:

        async def worker() -> int:
            return sum([await conversation(client, latencies, statuses, pause, rng) for _ in range(conversations_each)])

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
        server_errors=sum(1 for status in statuses if status >= 500),
    )


def _process_tree(pid: int) -> list[int]:
    """A process and all its children (the action server runs its workers as children)."""
    found, pids = [], [pid]
    while pids:
        current = pids.pop()
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except FileNotFoundError:
            continue
        found.append(current)
        pids.extend(int(c) for c in children)
    return found


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its children, in MB (from /proc)."""
    total_kb = 0
    for current in _process_tree(pid):
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total_kb += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
        except (FileNotFoundError, StopIteration):
            continue
    return total_kb / 1024


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by a process and its children (from /proc)."""
    ticks = 0
    for current in _process_tree(pid):
        try:
            # The fields after the command name (which may hold spaces): utime and stime are 12th and 13th.
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def measured(system: RunningSystem, run: Callable[[], Scenario]) -> Scenario:
    """Run a scenario and add the CPU time per turn of each process and the load average."""
    pids = {p.name: p.process.pid for p in system.processes if p.process}
    before = {name: cpu_seconds(pid) for name, pid in pids.items()}
    scenario = run()
    scenario.cpu_ms_per_turn = {
        name: (cpu_seconds(pid) - before[name]) * 1000 / max(scenario.turns, 1) for name, pid in pids.items()
    }
    scenario.load_average = float(Path("/proc/loadavg").read_text().split()[0])
    return scenario


def start(postgres: bool, port_offset: int = 0, calendar: bool = False) -> tuple[RunningSystem, object | None]:
    """The system on the bench's own ports (+ `port_offset`, to run beside another bench run),
    with the demo calendar when `calendar` (for booking)."""
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
        backend_port=18200 + port_offset,
        actions_port=15255 + port_offset,
        rasa_port=15205 + port_offset,
        environment="test",
        log_dir=VAR_DIR / "logs" / ("bench" if port_offset == 0 else f"bench-{18200 + port_offset}"),
    )
    prepare_database(config, demo=False)
    if calendar:
        seed_calendar(url)
    return start_system(config, model), database


SCENARIOS = ("single", "20", "saturation", "50", "100", "burst", "bookings")


def run_scenarios(
    system: RunningSystem, chosen: list[str], per_sender: int
) -> tuple[list[Scenario], BookingTaps | None]:
    base = system.config.backend_url
    runs: list[Callable[[], Scenario]] = []
    if "single" in chosen:
        runs.append(lambda: asyncio.run(run_scenario(base, "1 conversation, no pauses", 1, per_sender * 4)))
    if "20" in chosen:
        name = "20 concurrent conversations, 1-4 s pauses"
        runs.append(lambda: asyncio.run(run_scenario(base, name, 20, per_sender, (1, 4))))
    if "saturation" in chosen:
        runs.append(lambda: asyncio.run(run_scenario(base, "saturation: 20 senders, no pauses", 20, per_sender)))

    def with_pauses(people: int) -> Callable[[], Scenario]:
        name = f"{people} concurrent conversations, 1-3 s pauses"
        return lambda: asyncio.run(run_scenario(base, name, people, 1, (1, 3)))

    runs += [with_pauses(people) for people in (50, 100) if str(people) in chosen]
    if "burst" in chosen:
        answers = TURNS[3:6]
        runs.append(
            lambda: Scenario.of(
                "burst: 100 answers at once, 3 times",
                100,
                asyncio.run(burst(base, opening=TURNS[:3], answers=answers, people=100)),
            )
        )
    scenarios = [measured(system, run) for run in runs]
    taps = booking_taps(base, system.config.database_url, people=30) if "bookings" in chosen else None
    return scenarios, taps


def main() -> None:
    # Every conversation here comes from this one address, and the senders without pauses type
    # faster than a person can: the per-address and per-conversation limits (backend/config.py)
    # are raised for this run only. The bench measures capacity, not the limits.
    os.environ.setdefault("INTAKE_MESSAGE_RATE_PER_CONVERSATION", "10000/minute")
    os.environ.setdefault("INTAKE_CONVERSATION_RATE_PER_ADDRESS", "10000/minute")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL and Redis instead of SQLite")
    parser.add_argument("--conversations", type=int, default=3, help="conversations per concurrent sender")
    parser.add_argument("--scenarios", nargs="+", choices=SCENARIOS, default=list(SCENARIOS))
    parser.add_argument(
        "--port-offset", type=int, default=0, help="added to the bench's ports, to run beside another running system"
    )
    args = parser.parse_args()

    system, database = start(args.postgres, args.port_offset, calendar="bookings" in args.scenarios)
    try:
        base = system.config.backend_url
        asyncio.run(run_scenario(base, "warm-up", 2, 1))
        scenarios, taps = run_scenarios(system, args.scenarios, args.conversations)
        memory = {p.name: rss_mb(p.process.pid) for p in system.processes if p.process}
        startup = {p.name: p.healthy_after or 0.0 for p in system.processes}
    finally:
        system.stop()
        if database is not None:
            database.__exit__(None, None, None)  # type: ignore[attr-defined]

    machine = f"{platform.machine()}, {_cores()} cores, {_memory_gb():.0f} GiB, Python {platform.python_version()}"
    storage = "PostgreSQL + Redis lock store" if args.postgres else "SQLite (default)"
    print(f"\nConversation load benchmark, {time.strftime('%Y-%m-%d')}, {storage}; machine {machine}\n")
    print("| scenario | turns | errors | of which 5xx | p50 | p95 | max | messages/s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for s in scenarios:
        print(
            f"| {s.name} | {s.turns} | {s.errors} | {s.server_errors} | {s.p50_ms:.0f} ms | {s.p95_ms:.0f} ms "
            f"| {s.max_ms:.0f} ms | {s.messages_per_second:.1f} |"
        )
    names = list(scenarios[0].cpu_ms_per_turn) if scenarios else []
    print("\n| CPU per turn | " + " | ".join(names) + " | load average at the end |")
    print("|---|" + "---:|" * (len(names) + 1))
    for s in scenarios:
        cpu = " | ".join(f"{s.cpu_ms_per_turn[name]:.0f} ms" for name in names)
        print(f"| {s.name} | {cpu} | {s.load_average:.1f} |")
    if taps is not None:
        t = taps.taps
        print(
            "\n| booking taps at once | 5xx | confirmed to the phone | someone faster (new times) | booked "
            "| booked, not confirmed | confirmed, not booked | p50 | p95 | max |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        print(
            f"| {taps.prepared} | {t.server_errors} | {taps.confirmed} | {taps.taken} | {taps.booked} "
            f"| {taps.booked_not_confirmed} | {taps.confirmed_not_booked} | {t.p50_ms:.0f} ms "
            f"| {t.percentile(0.95):.0f} ms | {t.max_ms:.0f} ms |"
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
                "booking_taps": asdict(taps) if taps is not None else None,
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
