"""When the supervisor itself dies, its children die too (`make run`, issue #11).

The supervisor (tools/run.py) starts each process in a process group of its own, so that Ctrl-C
reaches only the supervisor and stopping a group stops a process's own children too (the action
server's Sanic workers). The other side of that: when the supervisor is killed with SIGKILL
(the OOM killer, `kill -9`, a crashed terminal) nothing stops the groups, and they hold their
ports until someone finds them. PR_SET_PDEATHSIG would reach only each group's first process,
not its workers, and needs a pre-exec function, which is unsafe in the threaded supervisor.

So the supervisor starts this small watchdog (standard library only, in a session of its own,
so that Ctrl-C and a terminal's hang-up do not reach it) with a pipe on its standard input, and
tells it every group it starts (`+<group>`) and every group it has stopped (`-<group>`). The
pipe's other end is held only by the supervisor: when the supervisor ends, however it ends, the
watchdog reads the end of the pipe and stops every group still named, SIGTERM first and SIGKILL
after STOP_GRACE_SECONDS. After a clean stop no group is named and it simply exits.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

# How long a group may take to stop after SIGTERM (Rasa closes its connections) before SIGKILL.
STOP_GRACE_SECONDS = 5.0


def live_group_members(group: int) -> set[int] | None:
    """The processes of a group that still run (a zombie holds no port and does no work); None
    where the system does not list them (no /proc, as on macOS)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    members = set()
    for stat in proc.glob("[0-9]*/stat"):
        try:
            # pid (command) state ppid pgrp ...: the command may hold spaces and parentheses
            state, _parent, process_group = stat.read_text().rsplit(")", 1)[1].split()[:3]
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        if int(process_group) == group and state != "Z":
            members.add(int(stat.parent.name))
    return members


def signal_group(group: int, signal_number: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):  # the whole group has gone already
        os.killpg(group, signal_number)


def _any_alive(groups: set[int]) -> bool:
    for group in groups:
        members = live_group_members(group)
        if members is None:
            try:
                os.killpg(group, 0)
            except ProcessLookupError:
                continue
            return True
        if members:
            return True
    return False


def stop_groups(groups: set[int], grace_seconds: float = STOP_GRACE_SECONDS) -> None:
    for group in groups:
        signal_group(group, signal.SIGTERM)
        signal_group(group, signal.SIGCONT)  # a frozen process handles SIGTERM only when it runs
    deadline = time.monotonic() + grace_seconds
    while _any_alive(groups) and time.monotonic() < deadline:
        time.sleep(0.05)
    for group in groups:
        signal_group(group, signal.SIGKILL)


def main() -> int:
    # Only the end of the pipe ends us: not Ctrl-C in the supervisor's terminal.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    groups: set[int] = set()
    for line in sys.stdin:
        command, number = line[:1], line[1:].strip()
        if not number.isdigit():
            continue
        if command == "+":
            groups.add(int(number))
        elif command == "-":
            groups.discard(int(number))
    if groups:
        print(f"watchdog: the supervisor has gone; stopping process groups {sorted(groups)}", file=sys.stderr)
        stop_groups(groups)
    return 0


class Watchdog:
    """The supervisor's side: start the watchdog, name the groups to it, close it after a clean stop."""

    def __init__(self, python: str, cwd: Path, log_file: Path) -> None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        with log_file.open("ab") as log:
            self._process = subprocess.Popen(
                [python, "-m", "tools.watchdog"],
                cwd=cwd,
                stdin=subprocess.PIPE,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self._lock = threading.Lock()  # the supervisor's health threads never write, but be safe

    def _send(self, line: str) -> None:
        stdin = self._process.stdin
        if stdin is None or stdin.closed:
            return
        with self._lock, contextlib.suppress(BrokenPipeError):
            stdin.write(line.encode() + b"\n")
            stdin.flush()

    def watch(self, group: int) -> None:
        self._send(f"+{group}")

    def forget(self, group: int) -> None:
        self._send(f"-{group}")

    def close(self) -> None:
        """After every group was stopped: the watchdog finds nothing to stop and exits."""
        if self._process.stdin is not None and not self._process.stdin.closed:
            with contextlib.suppress(BrokenPipeError):
                self._process.stdin.close()
        try:
            self._process.wait(STOP_GRACE_SECONDS + 5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()


if __name__ == "__main__":
    sys.exit(main())
