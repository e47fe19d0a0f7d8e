"""The backend alone (uvicorn, a real PostgreSQL database of its own, Redis) for the browser
tests of the staff workspace: staff pages need neither Rasa nor the action server, so these
tests start in seconds instead of minutes. Intakes are stored as the action server stores them,
through the internal API.

    with workspace_backend() as backend:
        username, password = create_staff(backend.database_url, StaffRole.CASE_MANAGER, ("0405",))
        intake_id = backend.submit("ti", [{"question_id": "full_name", "value": "Helen"}])
"""

from __future__ import annotations

import secrets
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from tests.postgres import temporary_database
from tools.paths import APP_PYTHON, PROJECT_DIR, VAR_DIR
from tools.run import SystemConfig, backend_environment, prepare_database

LOG_DIR = VAR_DIR / "logs" / "workspace-tests"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


# One pass of the worker's translation job with no machine model installed (an empty folder):
# what it takes from the waiting answers goes to the human translation queue.
_TRANSLATION_PASS = (
    "from pathlib import Path; "
    "from backend.translation.machine import MachineTranslator; "
    "from backend.translation.queue import translate_waiting; "
    "translate_waiting(MachineTranslator(Path('var/no-translation-models')))"
)


@dataclass(frozen=True)
class WorkspaceBackend:
    url: str
    database_url: str
    internal_api_token: str
    environment: dict[str, str]

    def run_translation_pass(self) -> None:
        """The worker's translation job, once (the worker itself does not run here)."""
        command = [str(APP_PYTHON), "-c", _TRANSLATION_PASS]
        subprocess.run(command, env=self.environment, cwd=PROJECT_DIR, check=True, timeout=120)

    def submit(self, language: str, answers: list[dict[str, Any]], complete: bool = True) -> str:
        """An intake as the action server saves it; returns its id."""
        body = {
            "conversation_id": secrets.token_urlsafe(32),
            "language": language,
            "answers": answers,
            "complete": complete,
        }
        headers = {"Authorization": f"Bearer {self.internal_api_token}"}
        response = httpx.post(f"{self.url}/api/internal/intakes", json=body, headers=headers, timeout=30)
        response.raise_for_status()
        intake_id: str = response.json()["intake_id"]
        return intake_id

    def bearer(self, username: str, password: str) -> dict[str, str]:
        """The JSON API's login (bearer token), to check what the pages did."""
        response = httpx.post(f"{self.url}/api/auth/login", json={"username": username, "password": password})
        response.raise_for_status()
        return {"Authorization": f"Bearer {response.json()['access_token']}"}


@contextmanager
def workspace_backend() -> Iterator[WorkspaceBackend]:
    port = _free_port()
    with temporary_database("intake_workspace") as database_url:
        config = SystemConfig(
            database_url=database_url,
            internal_api_token=secrets.token_urlsafe(32),
            redis_url="redis://127.0.0.1:6379/0",
            backend_port=port,
            environment="test",
            log_dir=LOG_DIR,
        )
        prepare_database(config, demo=False)
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        url = f"http://127.0.0.1:{port}"
        command = [str(APP_PYTHON), "-m", "uvicorn", "backend.main:app", "--port", str(port), "--no-access-log"]
        with (LOG_DIR / "backend.log").open("ab") as log:
            environment = backend_environment(config)
            process = subprocess.Popen(command, env=environment, cwd=PROJECT_DIR, stdout=log, stderr=subprocess.STDOUT)
            try:
                _wait_until_healthy(url, process)
                yield WorkspaceBackend(url, database_url, config.internal_api_token, environment)
            finally:
                process.terminate()
                process.wait(timeout=20)


def _wait_until_healthy(url: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the backend exited ({process.returncode}): see {LOG_DIR / 'backend.log'}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the backend did not become healthy in {timeout} s: see {LOG_DIR / 'backend.log'}")
