#!/usr/bin/env bash
# Prepare a fresh machine: a virtual environment in .venv with the toolkit and its test tools.
# Usage: scripts/setup.sh            (idempotent; re-running only updates the install)
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }

if ! command -v "$PY" >/dev/null; then
  echo "setup: installing python3 (Debian packages)"
  as_root apt-get update -qq && as_root apt-get install -y -qq python3 python3-venv python3-pip >/dev/null
fi
"$PY" - <<'PYCHECK'
import sys
if sys.version_info < (3, 10):
    sys.exit(f"setup: Python >= 3.10 is required, found {sys.version.split()[0]}")
PYCHECK

# Debian packages (LibreOffice, poppler, CJK fonts, Chromium and PostgreSQL for the web tests): installed when
# missing and when we may (root or sudo). Playwright comes from pip and never downloads a browser of its own.
missing=()
while read -r pkg; do
  [ -z "$pkg" ] && continue
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done < <(grep -v '^#' scripts/debian-packages.txt)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] || command -v sudo >/dev/null; then
    echo "setup: installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: warning: missing Debian packages (${missing[*]}); PDF output and some tests need them" >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  if ! "$PY" -m venv .venv 2>/dev/null; then
    echo "setup: installing python3-venv (Debian package)"
    rm -rf .venv
    as_root apt-get update -qq && as_root apt-get install -y -qq python3-venv >/dev/null
    "$PY" -m venv .venv
  fi
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test,web]'
echo "setup: ready ($(.venv/bin/python --version), $(.venv/bin/xxgk --help >/dev/null && echo 'xxgk ok'))"
