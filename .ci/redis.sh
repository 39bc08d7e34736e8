#!/usr/bin/env bash
# Start a throwaway Redis on 127.0.0.1 for the queue tests and print the line that exports its
# URL, so CI can `eval "$(bash .ci/redis.sh)"`. Everything else goes to stderr. Idempotent.
set -euo pipefail

PORT="${CUSTODY_REDIS_PORT:-6379}"
DATA="${CUSTODY_REDIS_DATA:-/tmp/custody-redis}"
URL="redis://127.0.0.1:${PORT}/0"

log() { echo "redis.sh: $*" >&2; }

if ! command -v redis-server >/dev/null; then
  log "installing redis-server"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server >&2
fi

if ! redis-cli -h 127.0.0.1 -p "$PORT" ping >/dev/null 2>&1; then
  mkdir -p "$DATA"
  log "starting on 127.0.0.1:$PORT"
  redis-server --bind 127.0.0.1 --port "$PORT" --dir "$DATA" --daemonize yes --save "" --appendonly no \
    --logfile "$DATA/redis.log" >&2
  for _ in $(seq 1 50); do
    redis-cli -h 127.0.0.1 -p "$PORT" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
fi
redis-cli -h 127.0.0.1 -p "$PORT" ping >/dev/null || { log "redis did not start"; exit 1; }
echo "export CUSTODY_TEST_REDIS_URL=$URL"
