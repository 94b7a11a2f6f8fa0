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

if [ ! -x .venv/bin/python ]; then
  if ! "$PY" -m venv .venv 2>/dev/null; then
    echo "setup: installing python3-venv (Debian package)"
    rm -rf .venv
    as_root apt-get update -qq && as_root apt-get install -y -qq python3-venv >/dev/null
    "$PY" -m venv .venv
  fi
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
echo "setup: ready ($(.venv/bin/python --version), $(.venv/bin/xxgk --help >/dev/null && echo 'xxgk ok'))"
