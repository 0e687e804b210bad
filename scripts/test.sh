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
.venv/bin/lint-imports
# mypy (~50 s on a fresh clone, one core) runs beside the test suite; its result is waited for
# and fails the run like any failing test
mypy_log=$(mktemp)
.venv/bin/mypy dalamangka >"$mypy_log" 2>&1 &
mypy_pid=$!
# two workers (CI has 2 cores); each test file stays on one worker (its servers and fixtures)
status=0
.venv/bin/python -m pytest -n "${PYTEST_WORKERS:-2}" --dist loadfile --no-loadscope-reorder "$@" || status=$?
mypy_status=0
wait "$mypy_pid" || mypy_status=$?
cat "$mypy_log"
rm -f "$mypy_log"
if [ "$mypy_status" != 0 ]; then
  echo "mypy failed" >&2
  exit "$mypy_status"
fi
exit "$status"
