"""Start the whole system: backend, action server, Rasa and the worker, healthy; keep them up; stop them cleanly.

`make run` calls `python -m tools.run` after creating the environments. It compiles the
catalogs, regenerates the Rasa domain, trains when needed, migrates and seeds the database,
starts the four processes, waits until each answers, prints the URLs, and then supervises them:
a process that crashes or stops answering is stopped with its whole process group and started
again after a growing delay, while the others keep running. Ctrl-C (or SIGTERM) stops all of
them. The end-to-end tests and the benchmark use `start_system` too.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO
from urllib.parse import unquote, urlsplit, urlunsplit

import httpx
from sqlalchemy.engine import make_url

from backend.db import create_database_if_missing
from tools.paths import (
    APP_PYTHON,
    BOT_DIR,
    LOCALES_DIR,
    LOG_DIR,
    PROJECT_DIR,
    RASA_PYTHON,
    VAR_DIR,
    rasa_environment,
)
from tools.watchdog import Watchdog, live_group_members, signal_group

START_TIMEOUT_SECONDS = 120.0
# Supervision: the delay before each restart of a process that keeps failing (then the last one
# again); a process that has answered for STABLE_AFTER_SECONDS starts from the first delay again.
RESTART_DELAYS_SECONDS = (1.0, 2.0, 4.0, 8.0, 16.0, 30.0)
STABLE_AFTER_SECONDS = 60.0
SUPERVISE_EVERY_SECONDS = 1.0
HEALTH_TIMEOUT_SECONDS = 5.0
STOP_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class SystemConfig:
    database_url: str
    internal_api_token: str
    redis_url: str | None = None
    backend_host: str = "127.0.0.1"
    backend_port: int = 8000
    actions_port: int = 5055
    rasa_port: int = 5005
    environment: str = "development"
    log_dir: Path = LOG_DIR
    # A running process that has not answered its health check for this long is restarted (a
    # crash is noticed at once). Generous: a busy Rasa answers slowly but must not be restarted.
    unhealthy_restart_seconds: float = 30.0

    @property
    def backend_url(self) -> str:
        host = "127.0.0.1" if self.backend_host in ("0.0.0.0", "::") else self.backend_host  # noqa: S104
        return f"http://{host}:{self.backend_port}"

    @property
    def actions_url(self) -> str:
        return f"http://127.0.0.1:{self.actions_port}"

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @classmethod
    def from_environment(cls) -> SystemConfig:
        env = os.environ
        return cls(
            database_url=env.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'intake.db'}",
            internal_api_token=env.get("INTAKE_INTERNAL_API_TOKEN") or secrets.token_urlsafe(32),
            redis_url=env.get("REDIS_URL") or None,
            backend_host=env.get("INTAKE_BACKEND_HOST", "127.0.0.1"),
            backend_port=int(env.get("INTAKE_BACKEND_PORT", "8000")),
            actions_port=int(env.get("INTAKE_ACTIONS_PORT", "5055")),
            rasa_port=int(env.get("INTAKE_RASA_PORT", "5005")),
            environment=env.get("INTAKE_ENVIRONMENT", "development"),
            log_dir=Path(env.get("INTAKE_LOG_DIR") or LOG_DIR),
            unhealthy_restart_seconds=float(env.get("INTAKE_RESTART_UNHEALTHY_AFTER_SECONDS", "30")),
        )


def tracker_store_settings(database_url: str) -> tuple[str, str]:
    """Rasa's tracker store follows the backend's database choice, in a database of its own."""
    parts = urlsplit(database_url)
    scheme = parts.scheme.split("+")[0]
    if scheme == "sqlite":
        app_db = Path(make_url(database_url).database or "intake.db")
        app_db = app_db if app_db.is_absolute() else PROJECT_DIR / app_db
        return "sqlite", f"sqlite:///{app_db.parent / 'rasa-tracker.db'}"
    if scheme in ("postgresql", "postgres"):
        tracker_db = parts.path.lstrip("/") + "_rasa_tracker"
        return "postgresql", urlunsplit(("postgresql", parts.netloc, "/" + tracker_db, parts.query, ""))
    raise SystemExit(f"DATABASE_URL must be sqlite or postgresql, not {scheme!r}")


def redis_settings(redis_url: str | None) -> dict[str, str]:
    # Every variable that bot/endpoints.yml names must be set: Rasa refuses to start otherwise.
    if not redis_url:
        return {
            "RASA_LOCK_STORE": "in_memory",
            "RASA_REDIS_HOST": "localhost",
            "RASA_REDIS_PORT": "6379",
            "RASA_REDIS_DB": "0",
            "RASA_REDIS_PASSWORD": "",
        }
    parts = urlsplit(redis_url)
    return {
        "RASA_LOCK_STORE": "rasa_addons.lock_store.AtomicRedisLockStore",
        "RASA_REDIS_HOST": parts.hostname or "localhost",
        "RASA_REDIS_PORT": str(parts.port or 6379),
        "RASA_REDIS_DB": parts.path.lstrip("/") or "0",
        "RASA_REDIS_PASSWORD": unquote(parts.password or ""),  # redis://:password@host:6379/0
    }


def backend_environment(config: SystemConfig) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": config.database_url,
            "INTAKE_INTERNAL_API_TOKEN": config.internal_api_token,
            "INTAKE_RASA_URL": config.rasa_url,
            "INTAKE_BACKEND_URL": config.backend_url,
            "INTAKE_ENVIRONMENT": config.environment,
            "PYTHONPATH": str(PROJECT_DIR),
        }
    )
    if config.redis_url:
        env["REDIS_URL"] = config.redis_url
    return env


@dataclass
class ManagedProcess:
    name: str
    args: list[str]
    env: dict[str, str]
    health_url: str | None  # None: a worker without a port; healthy while it runs
    log_file: Path
    port: int | None = None
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    healthy_after: float | None = None
    # Kept by the Supervisor: failures in a row (for the backoff), when to start again, restarts so far.
    failures: int = 0
    restart_at: float | None = None
    restarts: int = 0
    healthy_since: float | None = None
    last_healthy_at: float | None = None
    # The processes of its group when it first answered (the action server's Sanic workers).
    members_when_healthy: set[int] = field(default_factory=set)
    # Told of every process group started and stopped, so that the supervisor's own death
    # (SIGKILL) stops them too (tools/watchdog.py).
    watchdog: Watchdog | None = None
    _group_stopped: bool = False

    def start(self) -> None:
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        self.started_at = time.monotonic()
        self.healthy_after = self.healthy_since = self.last_healthy_at = None
        self.members_when_healthy = set()
        self._group_stopped = False
        # A session (and so a process group) of its own: Ctrl-C reaches only the supervisor, which
        # stops the children in order, and stopping the group stops the children's own children.
        with self.log_file.open("ab") as log:
            self.process = subprocess.Popen(
                self.args, env=self.env, cwd=PROJECT_DIR, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        if self.watchdog is not None:
            self.watchdog.watch(self.process.pid)

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    def is_healthy(self, timeout: float = 2.0) -> bool:
        if self.health_url is None:
            return self.process is not None and self.process.poll() is None
        try:
            return httpx.get(self.health_url, timeout=timeout).status_code == 200
        except httpx.HTTPError:
            return False

    def exited(self) -> bool:
        return self.process is not None and self.process.poll() is not None

    def log_tail(self, characters: int = 3000) -> str:
        return self.log_file.read_text(errors="replace")[-characters:] if self.log_file.exists() else ""

    def stop(self, timeout: float = STOP_TIMEOUT_SECONDS) -> None:
        """Stop the whole process group, also when its leader has already gone: the action
        server's Sanic workers outlive a killed main process and keep its port."""
        if self.process is None or self._group_stopped:
            return
        # Only once per start: afterwards the group id is free and may be given to another program.
        self._group_stopped = True
        group = self.process.pid  # the leader of a new session: its pid is the group id
        signal_group(group, signal.SIGTERM)
        signal_group(group, signal.SIGCONT)  # a stopped (frozen) process handles SIGTERM only when it runs
        gone = _wait_until_group_gone(self.process, timeout)
        if not gone:
            signal_group(group, signal.SIGKILL)
            gone = _wait_until_group_gone(self.process, timeout)
        self.process.wait()
        if gone and self.watchdog is not None:
            self.watchdog.forget(group)


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    members = live_group_members(group)
    return True if members is None else bool(members)  # without /proc a zombie counts until reaped


def _wait_until_group_gone(leader: subprocess.Popen[bytes], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while True:
        leader.poll()  # reap the leader, so that it does not stay a zombie of ours
        if not _group_alive(leader.pid):
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


def _exit_reason(returncode: int) -> str:
    if returncode < 0:
        try:
            return f"killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"killed by signal {-returncode}"
    return f"exit code {returncode}"


@dataclass
class RunningSystem:
    config: SystemConfig
    processes: list[ManagedProcess] = field(default_factory=list)
    watchdog: Watchdog | None = None

    def stop(self) -> None:
        # Rasa first (it calls the others), the backend last.
        for managed in reversed(self.processes):
            managed.stop()
        if self.watchdog is not None:
            self.watchdog.close()

    def restart(self, *names: str) -> None:
        """Stop and start some of the processes (tests: nothing may be lost across a restart)."""
        chosen = [p for p in self.processes if p.name in names]
        for managed in reversed(chosen):
            managed.stop()
        for managed in chosen:
            managed.start()
        wait_until_healthy(chosen, self.config.log_dir)

    def pids(self) -> dict[str, int]:
        return {p.name: p.process.pid for p in self.processes if p.process is not None}


class Supervisor:
    """Keeps the processes of a running system up (`make run`): a process that exits, or that
    stops answering its health check, is stopped with its whole process group and started again
    after a delay that grows while it keeps failing. The other processes keep running; the
    conversations go on, because every answer is in the database and Rasa's tracker store."""

    def __init__(self, system: RunningSystem, out: TextIO = sys.stdout) -> None:
        self.system = system
        self.out = out
        # Health checks side by side: one hanging process must not delay noticing another's crash.
        self._checks = ThreadPoolExecutor(max_workers=len(system.processes), thread_name_prefix="health")

    def run_forever(self) -> None:
        try:
            while True:
                self.check_once()
                time.sleep(SUPERVISE_EVERY_SECONDS)
        finally:
            self._checks.shutdown(wait=False, cancel_futures=True)

    def check_once(self) -> None:
        running = [p for p in self.system.processes if p.restart_at is None]
        answers = list(self._checks.map(lambda p: p.is_healthy(HEALTH_TIMEOUT_SECONDS), running))
        now = time.monotonic()
        for managed, healthy in zip(running, answers, strict=True):
            failure = self._failure(managed, healthy, now)
            if failure is not None:
                self._failed(managed, failure)
        for managed in self.system.processes:
            if managed.restart_at is not None and time.monotonic() >= managed.restart_at:
                self._start_again(managed)

    def _failure(self, managed: ManagedProcess, healthy: bool, now: float) -> str | None:
        """Why the process must be started again, or None while it is fine (or still starting)."""
        if managed.process is None:
            return None
        # Exit first: a killed action server's orphaned worker may still answer on its port.
        if managed.process.poll() is not None:
            return f"stopped unexpectedly ({_exit_reason(managed.process.returncode)})"
        members = live_group_members(managed.process.pid)
        if members is not None and managed.members_when_healthy - members:
            # Sanic does not replace a crashed worker: its main process lives on, deaf on its port.
            lost = ", ".join(str(pid) for pid in sorted(managed.members_when_healthy - members))
            return f"lost a process of its own (pid {lost})"
        if healthy:
            self._answered(managed, now, members)
            return None
        if managed.last_healthy_at is None:
            if now - managed.started_at > START_TIMEOUT_SECONDS:
                return f"did not answer within {START_TIMEOUT_SECONDS:.0f} s of starting"
            return None
        silent = now - managed.last_healthy_at
        if silent > self.system.config.unhealthy_restart_seconds:
            return f"has not answered for {silent:.0f} s"
        return None

    def _say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def _answered(self, managed: ManagedProcess, now: float, members: set[int] | None) -> None:
        if managed.healthy_since is None:
            managed.healthy_since = now
            managed.healthy_after = now - managed.started_at
            managed.members_when_healthy = members or set()
            if managed.restarts:
                self._say(
                    f"    {managed.name} is running again (pid {managed.pid}), "
                    f"healthy after {managed.healthy_after:.1f} s"
                )
        elif managed.failures and now - managed.healthy_since >= STABLE_AFTER_SECONDS:
            managed.failures = 0
        managed.last_healthy_at = now

    def _failed(self, managed: ManagedProcess, reason: str) -> None:
        managed.failures += 1
        delay = RESTART_DELAYS_SECONDS[min(managed.failures, len(RESTART_DELAYS_SECONDS)) - 1]
        self._say(f"\nThe {managed.name} process {reason}; restarting it in {delay:.0f} s.")
        if managed.failures == 1:  # the first failure of a series says why; the others would repeat it
            self._say(f"Its log ({managed.log_file}) ends with:\n{managed.log_tail(2000)}")
        managed.stop()
        managed.restart_at = time.monotonic() + delay

    def _start_again(self, managed: ManagedProcess) -> None:
        managed.restart_at = None
        if managed.port is not None and not _wait_until_port_free(managed.port, STOP_TIMEOUT_SECONDS):
            self._failed(managed, f"cannot start: port {managed.port} is still in use")
            return
        managed.restarts += 1
        managed.start()


def _wait_until_port_free(port: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not _port_free(port):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def prepare_database(config: SystemConfig, demo: bool) -> None:
    env = backend_environment(config)
    subprocess.run([str(APP_PYTHON), "-m", "backend.cli", "migrate"], env=env, cwd=PROJECT_DIR, check=True)
    seed = [str(APP_PYTHON), "-m", "backend.cli", "seed"] + (["--demo"] if demo else [])
    subprocess.run(seed, env=env, cwd=PROJECT_DIR, check=True)


def start_system(config: SystemConfig, model: Path, with_worker: bool = True) -> RunningSystem:
    """Start backend, action server, Rasa and the background worker; return when all are healthy.
    Without the worker: a second set of replicas beside a first (one worker is enough)."""
    for name, port in (
        ("backend", config.backend_port),
        ("action server", config.actions_port),
        ("Rasa", config.rasa_port),
    ):
        if not _port_free(port):
            raise SystemExit(
                f"Port {port} for the {name} is in use (is the system already running?). "
                "Stop the other program, or choose another port (see README, Configuration)."
            )
    env = backend_environment(config)
    dialect, tracker_url = tracker_store_settings(config.database_url)
    if dialect == "postgresql":
        create_database_if_missing(tracker_url)
    rasa_env = rasa_environment(env)
    rasa_env.update(
        {
            "RASA_TRACKER_DIALECT": dialect,
            "RASA_TRACKER_URL": tracker_url,
            "INTAKE_ACTIONS_URL": config.actions_url,
            **redis_settings(config.redis_url),
        }
    )
    actions_env = dict(env, SANIC_HOST="127.0.0.1", ACTION_SERVER_SANIC_WORKERS="1")

    system = RunningSystem(config, watchdog=Watchdog(str(APP_PYTHON), PROJECT_DIR, config.log_dir / "watchdog.log"))
    system.processes = [
        ManagedProcess(
            "backend",
            [
                str(APP_PYTHON),
                "-m",
                "uvicorn",
                "backend.main:app",
                "--host",
                config.backend_host,
                "--port",
                str(config.backend_port),
                "--no-access-log",
            ],
            env,
            f"{config.backend_url}/health",
            config.log_dir / "backend.log",
            port=config.backend_port,
        ),
        ManagedProcess(
            "actions",
            [str(APP_PYTHON), "-m", "rasa_sdk", "--actions", "actions", "--port", str(config.actions_port)],
            actions_env,
            f"{config.actions_url}/health",
            config.log_dir / "actions.log",
            port=config.actions_port,
        ),
        ManagedProcess(
            "rasa",
            [
                str(RASA_PYTHON),
                "-m",
                "rasa_addons.server",  # Rasa's CLI with cached JSON-schema validators
                "run",
                "--model",
                str(model),
                "--endpoints",
                str(BOT_DIR / "endpoints.yml"),
                "--credentials",
                str(BOT_DIR / "credentials.yml"),
                "--interface",
                "127.0.0.1",
                "--port",
                str(config.rasa_port),
            ],
            rasa_env,
            f"{config.rasa_url}/",
            config.log_dir / "rasa.log",
            port=config.rasa_port,
        ),
        ManagedProcess(
            "worker",
            [str(APP_PYTHON), "-m", "backend.worker"],
            env,
            None,
            config.log_dir / "worker.log",
        ),
    ]
    if not with_worker:
        system.processes = [p for p in system.processes if p.name != "worker"]
    for managed in system.processes:
        managed.watchdog = system.watchdog
    try:
        for managed in system.processes:
            managed.start()
        wait_until_healthy(system.processes, config.log_dir)
    except BaseException:
        system.stop()
        raise
    return system


def wait_until_healthy(processes: list[ManagedProcess], log_dir: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    waiting = list(processes)
    while waiting:
        for managed in list(waiting):
            if managed.exited():
                raise RuntimeError(
                    f"The {managed.name} process stopped while starting. "
                    f"Its log ({managed.log_file}):\n{managed.log_tail()}"
                )
            if managed.is_healthy():
                managed.healthy_after = time.monotonic() - managed.started_at
                waiting.remove(managed)
        if time.monotonic() > deadline:
            names = ", ".join(m.name for m in waiting)
            raise RuntimeError(f"Not healthy after {START_TIMEOUT_SECONDS:.0f} s: {names}. See {log_dir}.")
        time.sleep(0.2)


def _step(number: int, total: int, text: str) -> None:
    print(f"\n==> [{number}/{total}] {text}", flush=True)


def _catalogs_compiled() -> bool:
    """Every .mo newer than its .po: compiling again would rewrite files that running processes
    (another `make run`, the test suite's systems) may be reading."""
    catalogs = list(LOCALES_DIR.glob("*/LC_MESSAGES/messages.po"))
    return bool(catalogs) and all(
        po.with_suffix(".mo").exists() and po.with_suffix(".mo").stat().st_mtime >= po.stat().st_mtime
        for po in catalogs
    )


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    from tools.catalogs import compile_catalogs
    from tools.generate_rasa import GENERATED_DOMAIN, render
    from tools.train import ensure_model

    # From the very start: SIGTERM stops us like Ctrl-C, so that no child is left behind. A shell
    # starts background jobs with SIGINT ignored; Ctrl-C (or `kill -INT`) must still stop us.
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    config = SystemConfig.from_environment()
    try:
        _step(1, 5, "Compiling the language catalogs")
        if _catalogs_compiled():
            print("    up to date")
        else:
            compile_catalogs()
        _step(2, 5, "Generating the Rasa domain from forms/intake.yaml")
        if GENERATED_DOMAIN.read_text(encoding="utf-8") != render():
            GENERATED_DOMAIN.write_text(render(), encoding="utf-8")
            print("    bot/domain/generated.yml updated")
        else:
            print("    up to date")
        _step(3, 5, "Checking the Rasa model")
        model = ensure_model()
        database = "(SQLite)" if config.database_url.startswith("sqlite") else "(PostgreSQL)"
        _step(4, 5, f"Preparing the database {database}")
        # Demo staff accounts in development, unless INTAKE_DEMO_ACCOUNTS turns them off
        # (backend/config.py; production starts with `python -m backend.cli create-admin`).
        demo_off = os.environ.get("INTAKE_DEMO_ACCOUNTS", "true").strip().lower() in ("false", "0", "no", "off")
        prepare_database(config, demo=config.environment == "development" and not demo_off)
        _step(5, 5, "Starting backend, action server, Rasa and the worker")
        system = start_system(config, model)  # stops what it started when interrupted
    except KeyboardInterrupt:
        print("\nStopped before the system was running.", flush=True)
        return 130
    for managed in system.processes:
        print(f"    {managed.name:<8} healthy after {managed.healthy_after:.1f} s (pid {managed.pid})")

    logs = config.log_dir.relative_to(PROJECT_DIR) if config.log_dir.is_relative_to(PROJECT_DIR) else config.log_dir
    print(
        f"""
The intake assistant is running.
  Chat for statushouders:  {config.backend_url}/
  Staff workspace (Dutch): {config.backend_url}/werkplek
  Staff API (Swagger):     {config.backend_url}/docs
  Rasa (localhost only):   {config.rasa_url}
  Action server:           {config.actions_url}
Logs are in {logs}. A process that crashes is started again by itself.
Press Ctrl-C to stop.""",
        flush=True,
    )
    try:
        Supervisor(system).run_forever()
    except KeyboardInterrupt:
        # A second Ctrl-C must not cut the stopping short and leave children behind.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        print("\nStopping ...", flush=True)
        system.stop()
        print("Stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
