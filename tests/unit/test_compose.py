"""docker-compose.yml (production) is valid, refuses to start without its secrets, and has what
issue #11 asks of it: the worker, a TLS proxy in front of the backend (the only published
service), database roles that are not superusers, Redis with a password, pinned images, and a
restart policy, health check and resource limits for every service. The roles themselves are
tried on a real PostgreSQL in tests/backend/test_compose_database_roles.py."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from tools.paths import PROJECT_DIR

SECRETS = {
    "INTAKE_DOMAIN": "intake.example.nl",
    "POSTGRES_PASSWORD": "superuser-secret",
    "INTAKE_DB_PASSWORD": "app-secret",
    "RASA_DB_PASSWORD": "rasa-secret",
    "REDIS_PASSWORD": "redis-secret",
    "INTAKE_INTERNAL_API_TOKEN": "x" * 32,
}
ONE_SHOT = {"migrate"}  # runs, exits 0, and the app services wait for that: no health check
APP_ROLE, RASA_ROLE = "intake_app", "intake_rasa"


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


def config(env: dict[str, str], *options: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in SECRETS}
    return subprocess.run(
        [*compose_command(), "config", *options], cwd=PROJECT_DIR, env=clean | env, capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def services() -> dict[str, Any]:
    result = config(SECRETS)
    assert result.returncode == 0, result.stderr
    resolved: dict[str, Any] = yaml.safe_load(result.stdout)
    return dict(resolved["services"])


def environment(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):  # KEY=value items
        env = dict(item.split("=", 1) for item in env)
    return {k: str(v) for k, v in env.items()}


def test_compose_file_is_valid() -> None:
    result = config(SECRETS, "-q")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("secret", sorted(SECRETS))
def test_compose_refuses_a_missing_secret(secret: str) -> None:
    result = config({k: v for k, v in SECRETS.items() if k != secret}, "-q")
    assert result.returncode != 0
    assert secret in result.stderr


def test_the_worker_and_the_proxy_run_and_only_the_proxy_is_published(services: dict[str, Any]) -> None:
    assert {"proxy", "postgres", "redis", "migrate", "backend", "worker", "actions", "rasa"} <= set(services)
    assert services["worker"]["command"] == ["python", "-m", "backend.worker"]
    assert "caddy" in services["proxy"]["image"]
    assert any("Caddyfile" in str(volume) for volume in services["proxy"]["volumes"])
    caddyfile = (PROJECT_DIR / "docker" / "Caddyfile").read_text()
    assert "reverse_proxy backend:8000" in caddyfile and "{$INTAKE_DOMAIN}" in caddyfile
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"proxy"}
    # The proxy reaches the backend only, not the database, Redis or Rasa.
    assert set(services["proxy"]["networks"]) & set(services["postgres"]["networks"]) == set()
    assert set(services["proxy"]["networks"]) & set(services["backend"]["networks"])


def test_every_service_restarts_has_a_health_check_and_resource_limits(services: dict[str, Any]) -> None:
    for name, service in services.items():
        assert service.get("restart") in ("unless-stopped", "always") or (
            name in ONE_SHOT and str(service.get("restart")).startswith("on-failure")
        ), name
        limits = service.get("deploy", {}).get("resources", {}).get("limits", {})
        assert limits.get("memory") and limits.get("cpus"), name
        if name in ONE_SHOT:
            continue
        check = service.get("healthcheck", {})
        assert check.get("test") and not check.get("disable"), name
        assert check["test"][0] in ("CMD", "CMD-SHELL"), name


def test_images_are_pinned(services: dict[str, Any]) -> None:
    ours = {service["image"] for service in services.values() if "build" in service}
    for name, service in services.items():
        image = service["image"]
        if image in ours:
            continue  # built by this file, from pinned bases (below)
        assert re.fullmatch(r"[\w./-]+:\d+\.\d+[\w.-]*", image), f"{name}: {image} is not pinned to a version"
    for dockerfile in (PROJECT_DIR / "docker").glob("*.Dockerfile"):
        bases = re.findall(r"^FROM (\S+)", dockerfile.read_text(), re.MULTILINE)
        assert bases and all(re.fullmatch(r"[\w./-]+:\d+\.\d+[\w.-]*", base) for base in bases), dockerfile


def database_urls(services: dict[str, Any]) -> dict[tuple[str, str], str]:
    return {
        (name, key): value
        for name, service in services.items()
        for key, value in environment(service).items()
        if value.startswith(("postgresql://", "postgres://"))
    }


def test_the_app_and_rasa_connect_with_their_own_roles_which_are_not_superusers(services: dict[str, Any]) -> None:
    urls = database_urls(services)
    assert urls, "no service connects to PostgreSQL"
    users = {where: urlsplit(url).username for where, url in urls.items()}
    superuser = environment(services["postgres"])["POSTGRES_USER"]
    assert superuser not in users.values()
    for service in ("migrate", "backend", "worker"):
        assert users[(service, "DATABASE_URL")] == APP_ROLE
        # Rasa's transcripts: the app reads and deletes them with its own role too.
        assert users[(service, "RASA_TRACKER_URL")] == APP_ROLE
    assert users[("rasa", "RASA_TRACKER_URL")] == RASA_ROLE
    assert not any(service == "actions" for service, _key in urls)  # it saves through the backend

    # The roles are made by the init script, from these names, without superuser rights.
    postgres_env = environment(services["postgres"])
    assert (postgres_env["INTAKE_DB_USER"], postgres_env["RASA_DB_USER"]) == (APP_ROLE, RASA_ROLE)
    assert any("docker-entrypoint-initdb.d" in str(volume) for volume in services["postgres"]["volumes"])
    script = (PROJECT_DIR / "docker" / "postgres-init" / "10-roles.sql").read_text()
    roles = re.findall(r"CREATE ROLE :\"(\w+)\" LOGIN PASSWORD :'\w+'\s+NOSUPERUSER NOCREATEDB NOCREATEROLE", script)
    assert roles == ["app_role", "rasa_role"]


def test_redis_needs_a_password(services: dict[str, Any]) -> None:
    assert "--requirepass" in " ".join(services["redis"]["command"])
    for name, service in services.items():
        for key, value in environment(service).items():
            if value.startswith("redis://"):
                assert urlsplit(value).password == SECRETS["REDIS_PASSWORD"], (name, key)
    assert environment(services["rasa"])["RASA_REDIS_PASSWORD"] == SECRETS["REDIS_PASSWORD"]
    endpoints = (PROJECT_DIR / "bot" / "endpoints.yml").read_text()
    assert "password: ${RASA_REDIS_PASSWORD}" in endpoints


def test_rasa_and_the_action_server_can_run_as_several_replicas(services: dict[str, Any]) -> None:
    """`docker compose up --scale rasa=2 --scale actions=2`: no fixed container name or host port,
    Rasa's replicas share the PostgreSQL tracker store and the Redis lock store, and the action
    servers' outbox is on a volume (tests/e2e/test_two_rasa_two_actions.py runs two of each)."""
    for name in ("rasa", "actions"):
        assert "container_name" not in services[name] and not services[name].get("ports"), name
    rasa = environment(services["rasa"])
    assert rasa["RASA_LOCK_STORE"] == "rasa_addons.lock_store.AtomicRedisLockStore"
    assert rasa["RASA_TRACKER_DIALECT"] == "postgresql"
    volumes = [volume if isinstance(volume, str) else volume.get("target") for volume in services["actions"]["volumes"]]
    assert any("/app/var/outbox" in str(volume) for volume in volumes)
