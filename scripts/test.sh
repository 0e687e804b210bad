#!/usr/bin/env bash
# Install everything the tests need (venv, Python packages, Debian's Chromium when root)
# and run lint, types, layer contracts and the test suite. Used by README and .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
fi
python3 -m venv .venv
# the pinned packages through uv (the same versions as pip: 28 s instead of 94 s on a fresh
# machine, measured in session 14); plain pip when uv cannot be installed or fails
if .venv/bin/pip install -q --disable-pip-version-check uv==0.13.9 \
  && .venv/bin/uv pip install -q --compile-bytecode --python .venv/bin/python -r requirements-dev.txt; then
  :
else
  echo "uv unavailable: installing with pip" >&2
  .venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
fi
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy dalamangka
.venv/bin/lint-imports
# two workers (CI has 2 cores); each test file stays on one worker (its servers and fixtures)
.venv/bin/python -m pytest -n "${PYTEST_WORKERS:-2}" --dist loadfile --no-loadscope-reorder "$@"
