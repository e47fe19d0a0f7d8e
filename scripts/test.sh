#!/usr/bin/env bash
# The whole test suite (README: `make test`; CI: .ci/run). Stops at the first failing stage.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
APP=.venv/bin/python

step "Machine services: PostgreSQL, Redis, Chromium, fonts"
./scripts/system-services.sh

step "Lint (ruff) and types (mypy)"
.venv/bin/ruff check .
.venv/bin/ruff format --check --quiet . || { echo "run: .venv/bin/ruff format ." >&2; exit 1; }
.venv/bin/mypy

step "Language catalogs compile"
$APP -m tools.catalogs compile

step "Generated Rasa files are up to date"
$APP -m tools.generate_rasa --check

step "Rasa: data validation"
export PYTHONWARNINGS=ignore
$APP - <<'PY'
import subprocess, sys
from tools.paths import BOT_DIR, RASA_BIN, rasa_environment
sys.exit(subprocess.run([str(RASA_BIN), "data", "validate", "--domain", "domain", "--data", "data", "--config",
                         "config.yml", "--quiet"], cwd=BOT_DIR, env=rasa_environment()).returncode)
PY

step "Rasa: model (trained only when its inputs changed)"
MODEL="$($APP -m tools.train | tail -1)"

step "Rasa: test stories (fails on any wrong prediction)"
MODEL="$MODEL" $APP - <<'PY'
import os, subprocess, sys
from tools.paths import PROJECT_DIR, RASA_BIN, VAR_DIR, rasa_environment
result = subprocess.run([str(RASA_BIN), "test", "core", "--model", os.environ["MODEL"], "--stories",
                         str(PROJECT_DIR / "tests" / "stories"), "--fail-on-prediction-errors", "--no-plot",
                         "--out", str(VAR_DIR / "rasa-test-results"), "--quiet"], env=rasa_environment())
sys.exit(result.returncode)
PY

step "Unit, backend (PostgreSQL), end-to-end and browser tests (pytest)"
set +e
$APP -m pytest -p no:cacheprovider "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then echo "ERROR: pytest collected no tests" >&2; exit 1; fi
exit "$status"
