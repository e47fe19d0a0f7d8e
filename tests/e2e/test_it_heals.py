"""`make run` heals (issue #11, 3): the real system started as `make run` starts it
(`python -m tools.run`), each process killed with SIGKILL in the middle of a conversation (and one
of the action server's Sanic workers, whose orphans used to keep port 5055), the supervisor
starts it again on the same port with nothing of the old process group left, and the
conversation goes on with every answer in the backend, read back through the staff API.
SIGTERM still stops everything and frees every port.

The system runs on its own ports (a free offset from 18600 / 15655 / 15605) with a SQLite
database of its own (`make run`'s default), beside the suite's shared system.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from backend.models import StaffRole
from forms.schema import load_municipalities
from tests.e2e.chat import GatewayChat, Reply, staff_get
from tests.e2e.intake_driver import fields_by_id
from tests.system_fixtures import E2E_LOGS, create_staff
from tools.paths import APP_PYTHON, PROJECT_DIR
from tools.run import START_TIMEOUT_SECONDS

BACKEND_PORT, ACTIONS_PORT, RASA_PORT = 18600, 15655, 15605
# The supervisor restarts a process that has not answered for this long (default 30 s); the test
# freezes one and should not wait half a minute. Not much less: a busy process is no hung one.
UNHEALTHY_RESTART_SECONDS = 10
HEAL_TIMEOUT_SECONDS = 90.0
COMMANDS = {  # a supervised process, told apart by its command line
    "backend": "uvicorn backend.main:app",
    "actions": "rasa_sdk --actions actions",
    "rasa": "rasa_addons.server run",
    "worker": "backend.worker",
}


# -- processes and ports, read from /proc (Linux) ------------------------------------------------


def _stat(pid: int) -> tuple[str, int, int] | None:
    """(state, parent pid, process group) of a process, None when it has gone."""
    try:
        state, parent, group = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[:3]
    except (OSError, IndexError):
        return None
    return state, int(parent), int(group)


def alive(pid: int) -> bool:
    stat = _stat(pid)
    return stat is not None and stat[0] != "Z"


def _pids() -> list[int]:
    return [int(entry) for entry in os.listdir("/proc") if entry.isdigit()]


def children(parent: int) -> dict[str, int]:
    """The supervised processes: the supervisor's children, by name."""
    found: dict[str, int] = {}
    for pid in _pids():
        stat = _stat(pid)
        if stat is None or stat[1] != parent or stat[0] == "Z":
            continue
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        for name, marker in COMMANDS.items():
            if marker in command:
                found[name] = pid
    return found


def group_members(group: int) -> list[int]:
    """The live (not zombie) processes of a process group."""
    members = []
    for pid in _pids():
        stat = _stat(pid)
        if stat is not None and stat[2] == group and stat[0] != "Z":
            members.append(pid)
    return members


def listening_pids(port: int) -> set[int]:
    """The processes holding a listening TCP socket on the port."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            columns = line.split()
            local, state, inode = columns[1], columns[3], columns[9]
            if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                inodes.add(f"socket:[{inode}]")
    holders = set()
    for pid in _pids():
        try:
            descriptors = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue
        for descriptor in descriptors:
            try:
                if os.readlink(f"/proc/{pid}/fd/{descriptor}") in inodes:
                    holders.add(pid)
            except OSError:
                continue
    return holders


def _environment(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(entry.decode(errors="replace").split("=", 1) for entry in raw if b"=" in entry)


def wait_for(
    what: str, condition: Callable[[], bool], timeout: float = HEAL_TIMEOUT_SECONDS, said: Callable[[], str] = str
) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout:.0f} s: {what}. The supervisor said:\n{said()[-4000:]}")
        time.sleep(0.2)


# -- the system as `make run` starts it ---------------------------------------------------------


@dataclass
class Supervised:
    supervisor: subprocess.Popen[bytes]
    output: Path
    database_url: str
    ports: dict[str, int]
    health: dict[str, str] = field(default_factory=dict)

    @property
    def backend_url(self) -> str:
        return f"http://127.0.0.1:{self.ports['backend']}"

    def said(self) -> str:
        return self.output.read_text(errors="replace")

    def logs(self, characters: int = 2500) -> str:
        """The ends of the supervisor's output and of each process's log: why a turn came back
        empty (Rasa answers [] when an action or its NLG call failed) is told there."""
        parts = []
        for path in [self.output, *sorted(self.output.parent.glob("*.log"))]:
            parts.append(f"--- {path.name}\n{path.read_text(errors='replace')[-characters:]}")
        return "\n".join(parts)

    def processes(self) -> dict[str, int]:
        return children(self.supervisor.pid)

    def answers(self, name: str) -> bool:
        if name == "worker":
            return "worker" in self.processes()
        try:
            return httpx.get(self.health[name], timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def all_groups(self) -> list[int]:
        return list(self.processes().values())


def _free_offset() -> int:
    for offset in range(0, 60, 3):
        ports = (BACKEND_PORT + offset, ACTIONS_PORT + offset, RASA_PORT + offset)
        if not any(listening_pids(port) for port in ports):
            return offset
    raise AssertionError("no free ports for the supervised system")


def start_supervised(directory: Path) -> Supervised:
    offset = _free_offset()
    ports = {"backend": BACKEND_PORT + offset, "actions": ACTIONS_PORT + offset, "rasa": RASA_PORT + offset}
    logs = E2E_LOGS / f"heals-{ports['backend']}"
    logs.mkdir(parents=True, exist_ok=True)
    database_url = f"sqlite:///{directory / 'intake.db'}"
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"} | {
        "DATABASE_URL": database_url,
        "INTAKE_BACKEND_PORT": str(ports["backend"]),
        "INTAKE_ACTIONS_PORT": str(ports["actions"]),
        "INTAKE_RASA_PORT": str(ports["rasa"]),
        "INTAKE_LOG_DIR": str(logs),
        "INTAKE_RESTART_UNHEALTHY_AFTER_SECONDS": str(UNHEALTHY_RESTART_SECONDS),
    }
    output = logs / "make-run.txt"
    with output.open("wb") as out:
        supervisor = subprocess.Popen(
            [str(APP_PYTHON), "-m", "tools.run"], cwd=PROJECT_DIR, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    system = Supervised(supervisor, output, database_url, ports)
    system.health = {
        "backend": f"{system.backend_url}/health",
        "actions": f"http://127.0.0.1:{ports['actions']}/health",
        "rasa": f"http://127.0.0.1:{ports['rasa']}/",
    }
    deadline = time.monotonic() + START_TIMEOUT_SECONDS + 60  # the catalogs, the model check, the database
    while "Press Ctrl-C to stop." not in system.said():
        if supervisor.poll() is not None or time.monotonic() > deadline:
            stop_supervised(system)
            raise AssertionError(f"`python -m tools.run` did not start:\n{system.said()[-3000:]}")
        time.sleep(0.2)
    return system


def stop_supervised(system: Supervised) -> None:
    """SIGTERM, as on a server; whatever is left after it (a failed test) is killed."""
    groups = system.all_groups()
    if system.supervisor.poll() is None:
        system.supervisor.send_signal(signal.SIGTERM)
        try:
            system.supervisor.wait(60)
        except subprocess.TimeoutExpired:
            system.supervisor.kill()
            system.supervisor.wait()
    for group in groups:
        for pid in group_members(group):
            os.kill(pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def supervised(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Supervised]:
    system = start_supervised(tmp_path_factory.mktemp("heals"))
    try:
        yield system
    finally:
        stop_supervised(system)


# -- the conversation -----------------------------------------------------------------------------


def say_when_back(chat: GatewayChat, text: str) -> Reply:
    """Send as the phone does: with a message id, sent again with the same id while the system is
    not back (a refused connection, a 5xx from the gateway, no answer in time), so that a resend is
    never a second answer."""
    message_id = secrets.token_urlsafe(12)
    url = f"{chat.backend_url}/api/chat/conversations/{chat.conversation_id}/messages"
    deadline = time.monotonic() + HEAL_TIMEOUT_SECONDS
    while True:
        try:
            response = httpx.post(url, json={"text": text, "client_message_id": message_id}, timeout=30)
            if response.status_code < 500:
                response.raise_for_status()
                messages = response.json()["messages"]
                return Reply([m["text"] for m in messages], [b for m in messages for b in m["buttons"]])
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"the system did not take {text!r} within {HEAL_TIMEOUT_SECONDS:.0f} s")
        time.sleep(0.3)


def tap(reply: Reply, title: str) -> str:
    return reply.payload(title)


@dataclass
class Crash:
    name: str
    before: dict[str, int]  # the supervised processes when it was killed
    group: list[int]  # the processes of the killed one's group
    at: float


def crash(system: Supervised, name: str, victim: int | None = None, how: signal.Signals = signal.SIGKILL) -> Crash:
    """SIGKILL the process (or `victim`, one of its group; or freeze it with SIGSTOP)."""
    before = system.processes()
    group = group_members(before[name])
    if name in system.ports:
        assert listening_pids(system.ports[name]) <= set(group)
    os.kill(victim or before[name], how)
    return Crash(name, before, group, time.monotonic())


def assert_healed(system: Supervised, crashed: Crash) -> None:
    """The supervisor has started it again: a new process, answering, the only holder of its
    port; nothing of the old process group left; the other processes untouched."""
    name, old = crashed.name, crashed.before[crashed.name]
    wait_for(
        f"{name} started again",
        lambda: system.processes().get(name, old) != old and system.answers(name),
        said=system.said,
    )
    new = system.processes()[name]
    # No orphan of the killed process is left: not the Sanic workers either.
    assert [pid for pid in crashed.group if alive(pid)] == []
    assert group_members(old) == []
    if name in system.ports:
        holders = listening_pids(system.ports[name])
        assert holders and holders <= set(group_members(new)), (holders, group_members(new))
    others = {k: v for k, v in system.processes().items() if k != name}
    assert others == {k: v for k, v in crashed.before.items() if k != name}
    print(f"{name}: healed in {time.monotonic() - crashed.at:.1f} s")


def test_each_process_killed_mid_conversation_is_restarted_and_nothing_is_lost(supervised: Supervised) -> None:
    system = supervised
    assert set(system.processes()) == set(COMMANDS)
    chat = GatewayChat(system.backend_url)
    reply = chat.say("hello")
    reply = chat.say(tap(reply, "English"))
    reply = chat.say("/affirm")  # the privacy notice
    reply = chat.say("Amina Yusuf")

    # The backend: the phone's next message, sent at once, goes through when it is back.
    crashed = crash(system, "backend")
    reply = say_when_back(chat, "12 March 1991")
    assert_healed(system, crashed)
    # Started again with the same internal token as the action server's (a new one would leave
    # every save refused with 401: actions/outbox.py reports that, tests/backend/test_outbox_token.py).
    tokens = {name: _environment(pid).get("INTAKE_INTERNAL_API_TOKEN") for name, pid in system.processes().items()}
    assert len(set(tokens.values())) == 1 and None not in tokens.values(), tokens.keys()

    # Rasa: the gateway answers 5xx meanwhile; the tracker store keeps the conversation.
    crashed = crash(system, "rasa")
    reply = say_when_back(chat, "I come from Somalia")
    assert_healed(system, crashed)

    # The action server's main process: its Sanic worker used to stay behind, holding the port.
    # (What is typed while the action server is away is the outbox's part: tests/faults.)
    assert_healed(system, crash(system, "actions"))
    reply = say_when_back(chat, tap(reply, "Hoorn"))

    # One Sanic worker of the action server: its main process stays but no longer answers.
    actions = system.processes()["actions"]
    [worker_child] = listening_pids(system.ports["actions"]) - {actions}
    assert worker_child in group_members(actions)
    assert_healed(system, crash(system, "actions", victim=worker_child))
    assert f"lost a process of its own (pid {worker_child})" in system.said()
    reply = say_when_back(chat, "0612345678")

    # The background worker (no port).
    crashed = crash(system, "worker")
    reply = say_when_back(chat, "amina.yusuf@example.org")
    assert "DigiD" in reply.text, f"{reply.text!r}\n{system.logs()}"
    assert_healed(system, crashed)

    # A hung backend (frozen): the phone's message waits, and goes through once it was restarted.
    crashed = crash(system, "backend", how=signal.SIGSTOP)
    reply = say_when_back(chat, tap(reply, "No"))
    assert_healed(system, crashed)
    assert "The backend process has not answered for" in system.said()

    # Every answer reached the backend, through all five crashes.
    username, password = create_staff(
        system.database_url, StaffRole.CASE_MANAGER, tuple(m.code for m in load_municipalities())
    )
    expected = {
        "full_name": "Amina Yusuf",
        "date_of_birth": "1991-03-12",
        "country_of_origin": "SO",
        "municipality": "0405",
        "phone": "+31612345678",
        "email": "amina.yusuf@example.org",
        "digid_applied": "no",
    }
    found: dict[str, Any] = {}

    def all_saved() -> bool:
        nonlocal found
        for summary in staff_get(system.backend_url, username, password, "/api/intakes").json():
            intake = staff_get(system.backend_url, username, password, f"/api/intakes/{summary['id']}").json()
            found = {q: f["value"] for q, f in fields_by_id(intake).items() if q in expected}
            if found.get("full_name") == "Amina Yusuf":
                return found == expected
        return False

    wait_for("every answer saved", all_saved, timeout=30, said=system.said)


def test_sigterm_stops_every_process_and_frees_every_port(supervised: Supervised) -> None:
    system = supervised
    wait_for("all four running", lambda: len(system.processes()) == 4 and all(map(system.answers, COMMANDS)))
    groups = system.all_groups()
    members = [pid for group in groups for pid in group_members(group)]
    started = time.monotonic()
    system.supervisor.send_signal(signal.SIGTERM)
    assert system.supervisor.wait(60) == 0
    took = time.monotonic() - started
    assert "Stopped." in system.said()
    assert [pid for pid in members if alive(pid)] == []
    for port in system.ports.values():
        assert listening_pids(port) == set()
    print(f"stopped in {took:.1f} s")


def test_the_supervisors_own_death_by_sigkill_leaves_no_process_and_frees_every_port(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """kill -9 of `make run` itself: its watchdog (tools/watchdog.py) stops the four process
    groups, so that no orphan keeps a port and a new `make run` can start at once."""
    system = start_supervised(tmp_path_factory.mktemp("supervisor-killed"))
    groups: list[int] = []
    try:
        wait_for("all four running", lambda: len(system.processes()) == 4 and all(map(system.answers, COMMANDS)))
        groups = system.all_groups()
        members = [pid for group in groups for pid in group_members(group)]
        assert all(listening_pids(port) for port in system.ports.values())
        started = time.monotonic()
        system.supervisor.kill()
        system.supervisor.wait()
        wait_for(
            "every process of the four groups gone and every port free",
            lambda: (
                not [pid for pid in members if alive(pid)]
                and not any(listening_pids(port) for port in system.ports.values())
            ),
            timeout=15,
            said=system.said,
        )
        print(f"after kill -9 of the supervisor: all gone in {time.monotonic() - started:.1f} s")
    finally:
        stop_supervised(system)
        for group in groups:  # the supervisor is gone: its children are no longer found by it
            for pid in group_members(group):
                os.kill(pid, signal.SIGKILL)
