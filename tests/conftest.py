"""Shared test setup. Every test talks to real components: no stubbed services."""

from __future__ import annotations

import os

# The backend's settings refuse to load without a shared internal token.
os.environ.setdefault("INTAKE_INTERNAL_API_TOKEN", "test-internal-token-0123456789")
os.environ.setdefault("INTAKE_ENVIRONMENT", "test")
# The production limits (backend/config.py) would stop a test run, which starts hundreds of
# conversations and logins from one address within minutes; tests/backend/test_limits.py sets
# them low again where it tests them. The running system of tests/e2e inherits these too.
os.environ.setdefault("INTAKE_LOGIN_RATE_PER_ACCOUNT", "1000/minute")
os.environ.setdefault("INTAKE_LOGIN_RATE_PER_ADDRESS", "10000/minute")
os.environ.setdefault("INTAKE_LOGIN_DELAY_AFTER_FAILURES", "1000")
os.environ.setdefault("INTAKE_CONVERSATION_RATE_PER_ADDRESS", "10000/minute")
os.environ.setdefault("INTAKE_MESSAGE_RATE_PER_CONVERSATION", "1000/minute")
os.environ.setdefault("INTAKE_ASSISTANCE_CODE_RATE_PER_ADDRESS", "10000/minute")
os.environ.setdefault("INTAKE_RESUME_CODE_RATE_PER_ADDRESS", "10000/minute")
os.environ.setdefault("INTAKE_RESUME_CODE_RATE_TOTAL", "10000/minute")

# The running system (backend, action server, Rasa) shared by tests/e2e and tests/browser.
pytest_plugins = ["tests.system_fixtures"]
