#!/usr/bin/env bash
# Starts the zero-setup default (`npm start` with no DATABASE_URL) in a scratch copy of
# the data folder, waits for /api/health to answer 200, then stops it with SIGINT as
# Ctrl-C would, and checks that it stopped cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${SMOKE_PORT:-3200}
log=$(mktemp)
export EMBEDDED_DB_PORT=${SMOKE_DB_PORT:-54359} PREFLIGHT_DATA_DIR=${SMOKE_DATA_DIR:-.data/smoke}
rm -rf "$PREFLIGHT_DATA_DIR"
env -u DATABASE_URL PORT="$port" APP_URL="http://localhost:$port" setsid npm start >"$log" 2>&1 &
pid=$!
started=$(date +%s)
until curl -fsS "http://localhost:$port/api/health" >/dev/null 2>&1; do
  if ! kill -0 "$pid" 2>/dev/null || (( $(date +%s) - started > 180 )); then
    echo "npm start did not answer /api/health:"; tail -50 "$log"; kill -- -"$pid" 2>/dev/null || true; exit 1
  fi
  sleep 1
done
echo "GET /api/health: $(curl -fsS "http://localhost:$port/api/health") after $(( $(date +%s) - started ))s"
kill -INT -- -"$pid"
for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
if kill -0 "$pid" 2>/dev/null; then echo "npm start did not stop within 30 s"; tail -30 "$log"; kill -9 -- -"$pid"; exit 1; fi
if pgrep -f "$PREFLIGHT_DATA_DIR" >/dev/null; then echo "PostgreSQL still running after stop"; exit 1; fi
echo "stopped cleanly"; tail -5 "$log"
rm -rf "$PREFLIGHT_DATA_DIR" "$log"
