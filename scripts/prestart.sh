#!/usr/bin/env bash
# Container start, before the server: migrate, then load the seed articles only when
# asked (LOAD_SEEDS=1) and only into a database that holds no articles, so a real /data
# volume is never written to behind its owner's back (#12).
set -euo pipefail
summits db upgrade
if [ "${LOAD_SEEDS:-0}" = "1" ]; then
  summits load --quiet --if-empty seeds/ || echo "some seed files failed to load" >&2
fi
