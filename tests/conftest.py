"""Shared test setup. Every test talks to real components: no stubbed services."""

from __future__ import annotations

import os

# The backend's settings refuse to load without a shared internal token.
os.environ.setdefault("INTAKE_INTERNAL_API_TOKEN", "test-internal-token-0123456789")
os.environ.setdefault("INTAKE_ENVIRONMENT", "test")

# The running system (backend, action server, Rasa) shared by tests/e2e and tests/browser.
pytest_plugins = ["tests.system_fixtures"]
