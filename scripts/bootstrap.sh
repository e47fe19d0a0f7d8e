#!/usr/bin/env bash
# Create the two virtual environments when missing or outdated, and install pinned dependencies.
#   .venv       Python 3.11: backend, action server, tools, tests   (requirements/app.txt)
#   .venv-rasa  Python 3.10: the Rasa server only                   (requirements/rasa.txt)
# The two are never mixed: Rasa 3.6 pins pydantic 1 and SQLAlchemy 1.4.
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE_DIR="${INTAKE_CACHE_DIR:-$PWD/.cache}"
export PIP_CACHE_DIR="${PIP_CACHE_DIR:-$CACHE_DIR/pip}"   # never the user's home folder
export PIP_DISABLE_PIP_VERSION_CHECK=1

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf '\n\033[31mERROR: %s\033[0m\n' "$*" >&2; exit 1; }

source scripts/find_python.sh

# make_venv DIR PYTHON_VERSION LOCKFILE DESCRIPTION
make_venv() {
  local dir="$1" version="$2" lock="$3" what="$4" python stamp
  stamp="$(sha256sum "$lock" | cut -c1-16)"
  if [ -f "$dir/.installed-$stamp" ]; then
    return 0
  fi
  python="$(find_python "$version")" || fail "Python $version was not found.
  $what needs Python $version. Install it with pyenv ('pyenv install $version') or your
  package manager (it must be reachable as 'python$version'), then run this command again."
  step "Setting up $what in $dir (Python $version, $("$python" -V 2>&1 | cut -d' ' -f2))"
  if [ ! -x "$dir/bin/python" ] || [ "$("$dir/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" != "$version" ]; then
    rm -rf "$dir"
    "$python" -m venv "$dir"
  fi
  "$dir/bin/python" -m pip install --quiet --upgrade pip
  echo "    installing pinned packages from $lock (progress below) ..."
  "$dir/bin/python" -m pip install --progress-bar on -r "$lock" 2>&1 \
    | grep -E --line-buffered '^(Collecting|ERROR)' | sed 's/^/    /' || true
  "$dir/bin/python" -m pip check >/dev/null || fail "dependency check failed in $dir ('$dir/bin/pip check' says why)"
  rm -f "$dir"/.installed-*
  touch "$dir/.installed-$stamp"
}

make_venv .venv 3.11 requirements/app.txt "the backend and action server"
make_venv .venv-rasa 3.10 requirements/rasa.txt "the Rasa server (first time: about 3 minutes and 1 GB of downloads)"

# JavaScript for the browser tests only (axe-core, the accessibility check injected into staff
# pages): pinned in tests/support/js/package-lock.json, installed into .cache/js by `npm ci` from
# the npm registry. The app never loads it; nothing is downloaded while the tests run.
JS_DIR="$CACHE_DIR/js"
js_stamp="$(cat tests/support/js/package.json tests/support/js/package-lock.json | sha256sum | cut -c1-16)"
if [ ! -f "$JS_DIR/.installed-$js_stamp" ]; then
  command -v npm >/dev/null || fail "npm was not found: scripts/system-services.sh installs it (Debian package npm)."
  step "Installing the browser tests' JavaScript (axe-core) in $JS_DIR"
  mkdir -p "$JS_DIR"
  cp tests/support/js/package.json tests/support/js/package-lock.json "$JS_DIR/"
  npm ci --prefix "$JS_DIR" --cache "$CACHE_DIR/npm" --no-audit --no-fund --loglevel=error
  rm -f "$JS_DIR"/.installed-*
  touch "$JS_DIR/.installed-$js_stamp"
fi
