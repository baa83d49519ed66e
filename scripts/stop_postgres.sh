#!/usr/bin/env bash
# Stop the test PostgreSQL that scripts/start_postgres.sh started (outage tests use it).
set -euo pipefail
DIR="${PGDATA_TEST:-/tmp/summits-pg}"
pgbin=""
for candidate in /usr/lib/postgresql/*/bin; do
  [ -x "$candidate/pg_ctl" ] && pgbin="$candidate"
done
if [ "$(id -u)" = "0" ]; then
  su postgres -s /bin/bash -c "$pgbin/pg_ctl -D $DIR -m fast -w stop" >/dev/null
else
  "$pgbin/pg_ctl" -D "$DIR" -m fast -w stop >/dev/null
fi
