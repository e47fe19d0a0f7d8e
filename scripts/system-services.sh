#!/usr/bin/env bash
# What the test suite needs from the machine, installed and started when missing:
# PostgreSQL and Redis (real services for the tests), Debian's Chromium and the Arabic and
# Ethiopic fonts (browser test). Uses apt-get as root; prints what to do otherwise.
set -euo pipefail

say() { printf '    %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }
apt_updated=""
apt_install() {
  command -v apt-get >/dev/null || { echo "ERROR: please install: $*" >&2; exit 1; }
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  say "installing $* (apt)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# PostgreSQL
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  command -v pg_ctlcluster >/dev/null || apt_install postgresql
  version="$(ls /etc/postgresql | sort -V | tail -1)"
  say "starting PostgreSQL $version"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  pg_isready -q -h 127.0.0.1 -p 5432 || { echo "ERROR: PostgreSQL does not answer on 127.0.0.1:5432" >&2; exit 1; }
fi
say "PostgreSQL is running"

# Redis (Rasa's lock store in the production-like end-to-end tests)
if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
  command -v redis-server >/dev/null || apt_install redis-server
  say "starting Redis"
  as_root mkdir -p /var/lib/redis /var/log/redis
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.5; done
fi
say "Redis is running"

# Chromium and fonts for the browser test
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v npm >/dev/null || missing+=(npm)  # installs axe-core for the browser tests (scripts/bootstrap.sh)
fc-list 2>/dev/null | grep -qi "Noto Sans Ethiopic" || missing+=(fonts-noto-core)
fc-list 2>/dev/null | grep -qi "Abyssinica" || missing+=(fonts-sil-abyssinica)
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
say "Chromium and the Arabic and Ethiopic fonts are installed"

# Read aloud (backend/speech.py): espeak-ng speaks, opusenc makes it a small Ogg Opus file
missing=()
command -v espeak-ng >/dev/null || missing+=(espeak-ng)
command -v opusenc >/dev/null || missing+=(opus-tools)
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
say "espeak-ng and opus-tools are installed"

# WeasyPrint's text layout (pango) for the PDF documents, and poppler's pdftotext and pdftoppm
# to read and draw those PDFs in the tests
missing=()
ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0" || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
say "pango and poppler-utils are installed"

# A Compose implementation, to check docker-compose.yml (there is no Docker engine here)
if ! docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null; then
  apt_install docker-compose
fi
say "Compose is available to check docker-compose.yml"
