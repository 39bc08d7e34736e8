#!/usr/bin/env bash
# Start a real MLflow tracking server on 127.0.0.1 for the registry integration test and print the
# line that exports its URL, so CI can `eval "$(bash .ci/mlflow.sh)"`. Everything else goes to
# stderr. MLflow lives in its own virtual environment so its pins never touch the project's.
set -euo pipefail

PORT="${CUSTODY_MLFLOW_PORT:-5055}"
HOME_DIR="${CUSTODY_MLFLOW_HOME:-/tmp/custody-mlflow}"
VENV="$HOME_DIR/venv"
URL="http://127.0.0.1:${PORT}"

log() { echo "mlflow.sh: $*" >&2; }

if curl -sf "$URL/health" >/dev/null 2>&1; then
  echo "export MLFLOW_TEST_URI=$URL"
  exit 0
fi
mkdir -p "$HOME_DIR"
if [ ! -x "$VENV/bin/mlflow" ]; then
  log "installing mlflow into $VENV"
  python3 -m venv "$VENV" >&2
  "$VENV/bin/pip" install --quiet --disable-pip-version-check mlflow >&2
fi
log "starting on $URL"
# Registry webhooks deliver to Custody's webhook app on a loopback port the admission test starts:
# a test server may post to plain http on 127.0.0.1 (MLflow refuses both by default), and sees a
# webhook created a second ago (its list of webhooks is otherwise cached for a minute).
MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false MLFLOW_WEBHOOK_ALLOW_PRIVATE_IPS=true \
  MLFLOW_WEBHOOK_ALLOWED_SCHEMES=http,https MLFLOW_WEBHOOK_CACHE_TTL=1 nohup "$VENV/bin/mlflow" server \
  --backend-store-uri "sqlite:///$HOME_DIR/mlflow.db" --default-artifact-root "$HOME_DIR/artifacts" \
  --host 127.0.0.1 --port "$PORT" --workers 1 >"$HOME_DIR/server.log" 2>&1 &
for _ in $(seq 1 120); do
  curl -sf "$URL/health" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -sf "$URL/health" >/dev/null || { log "mlflow did not start; see $HOME_DIR/server.log"; exit 1; }
echo "export MLFLOW_TEST_URI=$URL"
