#!/usr/bin/env bash
# Start a throwaway PostgreSQL on 127.0.0.1 for the store tests and print the line that exports
# its URL, so CI can `eval "$(bash .ci/postgres.sh)"`. Everything else goes to stderr.
# Idempotent: a server already answering on the port is reused.
set -euo pipefail

PORT="${CUSTODY_PG_PORT:-5432}"
DATA="${CUSTODY_PG_DATA:-/tmp/custody-pg}"
DB=custody_test
URL="postgresql://postgres@127.0.0.1:${PORT}/${DB}"

log() { echo "postgres.sh: $*" >&2; }

pg_bin() {
  # Debian keeps the server binaries off PATH, one folder per major version; take the newest.
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

if [ -z "$(pg_bin)" ]; then
  log "installing postgresql"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
  # The package may start its own cluster on 5432 with password auth; ours replaces it.
  if command -v pg_lsclusters >/dev/null; then
    pg_lsclusters --no-header 2>/dev/null | while read -r version name _; do
      $SUDO pg_ctlcluster "$version" "$name" stop >&2 2>/dev/null || true
    done
  fi
fi
BIN="$(pg_bin)" || { log "no PostgreSQL server binaries found"; exit 1; }

# The server refuses to run as root, so run it as the packaged `postgres` user when we are root.
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  AS=(runuser -u postgres --)
else
  AS=()
fi

if ! "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  if [ ! -f "$DATA/PG_VERSION" ]; then
    log "initialising $DATA"
    mkdir -p "$DATA"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$DATA"
    "${AS[@]}" "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --no-locale >&2
  fi
  log "starting on 127.0.0.1:$PORT"
  # The socket lives in the data dir: /var/run/postgresql may not exist or be writable.
  "${AS[@]}" "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DATA -c fsync=off" start >&2
fi

if ! "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$DB'" \
    | grep -q 1; then
  "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB" >&2
fi

log "ready at $URL"
echo "export CUSTODY_TEST_POSTGRES_URL=$URL"
