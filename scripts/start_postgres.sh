#!/usr/bin/env bash
# Start a throwaway PostgreSQL on loopback for the tests and print its URL.
# Installs Debian's postgresql with apt-get when no server is on the machine.
# Usage: eval "$(bash scripts/start_postgres.sh)"   (exports TEST_DATABASE_URL)
set -euo pipefail
PORT="${PGPORT_TEST:-54329}"
DIR="${PGDATA_TEST:-/tmp/summits-pg}"

pgbin=""
for candidate in /usr/lib/postgresql/*/bin; do
  [ -x "$candidate/pg_ctl" ] && pgbin="$candidate"
done
if [ -z "$pgbin" ]; then
  echo "installing postgresql with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  for candidate in /usr/lib/postgresql/*/bin; do pgbin="$candidate"; done
fi

run_as_postgres() {
  if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql postgres
    su postgres -s /bin/bash -c "$*"
  else
    bash -c "$*"
  fi
}

if ! run_as_postgres "$pgbin/pg_ctl -D $DIR status" >/dev/null 2>&1; then
  if [ ! -f "$DIR/PG_VERSION" ]; then  # a stopped cluster is restarted with its data
    rm -rf "$DIR" && mkdir -p "$DIR"
    [ "$(id -u)" = "0" ] && chown postgres "$DIR"
    run_as_postgres "$pgbin/initdb -D $DIR -A trust -U postgres" >/dev/null
  fi
  # wal_level and max_wal_senders (the defaults, said outright) and the replication lines
  # initdb writes into pg_hba.conf let tests/test_replica.py stream a standby from it
  run_as_postgres "$pgbin/pg_ctl -D $DIR -l $DIR/server.log -w -o \"-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c wal_level=replica -c max_wal_senders=4\" start" >/dev/null
fi
run_as_postgres "$pgbin/psql -h 127.0.0.1 -p $PORT -U postgres -tc \"SELECT 1 FROM pg_database WHERE datname='summits_test'\"" | grep -q 1 \
  || run_as_postgres "$pgbin/createdb -h 127.0.0.1 -p $PORT -U postgres summits_test"
echo "export TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:$PORT/summits_test"
