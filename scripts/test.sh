#!/usr/bin/env bash
# Install everything the tests need (venv, Python packages, Debian's Chromium when root)
# and run lint, types, layer contracts and the test suite. Used by README and .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
fi
python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy dalamangka
.venv/bin/lint-imports
# two workers (CI has 2 cores); each test file stays on one worker (its servers and fixtures)
.venv/bin/python -m pytest -n "${PYTEST_WORKERS:-2}" --dist loadfile --no-loadscope-reorder "$@"
