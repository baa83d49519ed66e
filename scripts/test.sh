#!/usr/bin/env bash
# Run the whole test suite on SQLite and on a real PostgreSQL started on loopback.
# Installs the project into .venv first if it is not there. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/pytest ]; then
  python3 -m venv .venv
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -e ".[dev,cluster]"
fi
eval "$(bash scripts/start_postgres.sh)"
export REQUIRE_POSTGRES=1
exec .venv/bin/pytest "$@"
