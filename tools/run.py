"""Start the whole system: backend, action server and Rasa, healthy, and stop them cleanly.

`make run` calls `python -m tools.run` after creating the environments. It compiles the
catalogs, regenerates the Rasa domain, trains when needed, migrates and seeds the database,
starts the three processes, waits until each answers, prints the URLs, and on Ctrl-C
stops all of them. The end-to-end tests and the benchmark use `start_system` too.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
from sqlalchemy.engine import make_url

from backend.db import create_database_if_missing
from tools.paths import APP_PYTHON, BOT_DIR, LOG_DIR, PROJECT_DIR, RASA_PYTHON, VAR_DIR, rasa_environment

START_TIMEOUT_SECONDS = 120.0


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
    if not redis_url:
        return {
            "RASA_LOCK_STORE": "in_memory",
            "RASA_REDIS_HOST": "localhost",
            "RASA_REDIS_PORT": "6379",
            "RASA_REDIS_DB": "0",
        }
    parts = urlsplit(redis_url)
    return {
        "RASA_LOCK_STORE": "redis",
        "RASA_REDIS_HOST": parts.hostname or "localhost",
        "RASA_REDIS_PORT": str(parts.port or 6379),
        "RASA_REDIS_DB": parts.path.lstrip("/") or "0",
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
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    healthy_after: float | None = None

    def start(self) -> None:
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_file.open("ab")
        self.started_at = time.monotonic()
        # A session of its own: Ctrl-C reaches only the supervisor, which stops the children in order.
        self.process = subprocess.Popen(
            self.args, env=self.env, cwd=PROJECT_DIR, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def is_healthy(self) -> bool:
        if self.health_url is None:
            return self.process is not None and self.process.poll() is None
        try:
            return httpx.get(self.health_url, timeout=2.0).status_code == 200
        except httpx.HTTPError:
            return False

    def exited(self) -> bool:
        return self.process is not None and self.process.poll() is not None

    def log_tail(self, characters: int = 3000) -> str:
        return self.log_file.read_text(errors="replace")[-characters:] if self.log_file.exists() else ""

    def stop(self, timeout: float = 10.0) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


@dataclass
class RunningSystem:
    config: SystemConfig
    processes: list[ManagedProcess] = field(default_factory=list)

    def stop(self) -> None:
        # Rasa first (it calls the others), the backend last.
        for managed in reversed(self.processes):
            managed.stop()

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


def start_system(config: SystemConfig, model: Path) -> RunningSystem:
    """Start backend, action server, Rasa and the background worker; return when all are healthy."""
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

    system = RunningSystem(config)
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
        ),
        ManagedProcess(
            "actions",
            [str(APP_PYTHON), "-m", "rasa_sdk", "--actions", "actions", "--port", str(config.actions_port)],
            actions_env,
            f"{config.actions_url}/health",
            config.log_dir / "actions.log",
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
        ),
        ManagedProcess(
            "worker",
            [str(APP_PYTHON), "-m", "backend.worker"],
            env,
            None,
            config.log_dir / "worker.log",
        ),
    ]
    for managed in system.processes:
        managed.start()
    try:
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


def main() -> int:
    from tools.catalogs import compile_catalogs
    from tools.generate_rasa import GENERATED_DOMAIN, render
    from tools.train import ensure_model

    config = SystemConfig.from_environment()
    _step(1, 5, "Compiling the language catalogs")
    compile_catalogs()
    _step(2, 5, "Generating the Rasa domain from forms/intake.yaml")
    if GENERATED_DOMAIN.read_text(encoding="utf-8") != render():
        GENERATED_DOMAIN.write_text(render(), encoding="utf-8")
        print("    bot/domain/generated.yml updated")
    else:
        print("    up to date")
    _step(3, 5, "Checking the Rasa model")
    model = ensure_model()
    _step(
        4, 5, "Preparing the database " + ("(SQLite)" if config.database_url.startswith("sqlite") else "(PostgreSQL)")
    )
    prepare_database(config, demo=config.environment == "development")
    _step(5, 5, "Starting backend, action server and Rasa")
    system = start_system(config, model)
    for managed in system.processes:
        print(f"    {managed.name:<8} healthy after {managed.healthy_after:.1f} s")

    print(
        f"""
The intake assistant is running.
  Chat for statushouders:  {config.backend_url}/
  Staff page (Dutch):      {config.backend_url}/medewerkers
  Staff API (Swagger):     {config.backend_url}/docs
  Rasa (localhost only):   {config.rasa_url}
  Action server:           {config.actions_url}
Logs are in {config.log_dir.relative_to(PROJECT_DIR) if config.log_dir.is_relative_to(PROJECT_DIR) else config.log_dir}.
Press Ctrl-C to stop.""",
        flush=True,
    )

    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    # A shell starts background jobs with SIGINT ignored; Ctrl-C (or `kill -INT`) must still stop us.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        while True:
            for managed in system.processes:
                if managed.exited():
                    print(
                        f"\nThe {managed.name} process stopped unexpectedly. Its log:\n{managed.log_tail()}",
                        file=sys.stderr,
                    )
                    system.stop()
                    return 1
            time.sleep(1.0)
    except KeyboardInterrupt:
        print("\nStopping ...", flush=True)
        system.stop()
        print("Stopped.")
        return 0


if __name__ == "__main__":
    sys.exit(main())
