"""docker-compose.yml (production) is valid and refuses to start without its secrets."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tools.paths import PROJECT_DIR


def compose_command() -> list[str]:
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0:
        return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    if legacy is None:
        pytest.fail(
            "neither `docker compose` nor `docker-compose` is installed (scripts/system-services.sh installs it)"
        )
    return [legacy]


def config(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("POSTGRES_PASSWORD", "INTAKE_INTERNAL_API_TOKEN")}
    return subprocess.run(
        [*compose_command(), "config", "-q"], cwd=PROJECT_DIR, env=clean | env, capture_output=True, text=True
    )


def test_compose_file_is_valid() -> None:
    result = config({"POSTGRES_PASSWORD": "example", "INTAKE_INTERNAL_API_TOKEN": "x" * 32})
    assert result.returncode == 0, result.stderr


def test_compose_refuses_missing_secrets() -> None:
    result = config({})
    assert result.returncode != 0
    assert "POSTGRES_PASSWORD" in result.stderr
