#!/usr/bin/env bash
# Shared settings and helpers for the local infrastructure scripts (sourced, not run).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA_DIR="${REPO_ROOT}/.data"
# Downloads live outside the clone so a fresh clone on the same machine reuses them.
CACHE_DIR="${WHISTLE_CACHE:-${HOME}/.cache/whistle-engine}"

PG_HOST=127.0.0.1
# Overridable so a second stack can run beside the shared one (a trial of the production Temporal server).
PG_PORT="${WHISTLE_PG_PORT:-55432}"
TEMPORAL_PORT=17233
TEMPORAL_UI_PORT=18233
TEMPORAL_NAMESPACE_NAME=whistle
# Which Temporal server the `temporal` service is: the CLI's dev server (SQLite, the default), or the Temporal
# server itself on the local PostgreSQL (infra/local/temporal.sh).
TEMPORAL_SERVER="${TEMPORAL_SERVER:-dev}"
# The production server's frontend; its other ports are in temporal.sh. All are Temporal's defaults + 10100
# (the dev server's frontend is 7233 + 10000), so both servers can run side by side.
TEMPORAL_PRODUCTION_PORT=17333
TEMPORAL_HISTORY_SHARDS=4
KAFKA_PORT=19092
KAFKA_CONTROLLER_PORT=19093

TEMPORAL_CLI_VERSION=1.9.1
TEMPORAL_TEST_SERVER_VERSION=1.32.0
TEMPORAL_SERVER_VERSION=1.32.2
# The server's go.mod asks for a newer Go than the machine's; the go command fetches this one from the module proxy.
TEMPORAL_SERVER_GOTOOLCHAIN=go1.27.3
KAFKA_VERSION=3.9.2

log() { printf '[infra] %s\n' "$*" >&2; }

die() {
  printf '[infra] ERROR: %s\n' "$1" >&2
  if [[ $# -gt 1 ]]; then printf '[infra] what to do: %s\n' "$2" >&2; fi
  exit 1
}

# The frontend port of the chosen Temporal server.
case "$TEMPORAL_SERVER" in
  dev) TEMPORAL_SERVICE_PORT=$TEMPORAL_PORT ;;
  production) TEMPORAL_SERVICE_PORT=$TEMPORAL_PRODUCTION_PORT ;;
  *) die "TEMPORAL_SERVER is '${TEMPORAL_SERVER}'" "set it to dev (the CLI's dev server) or production (the Temporal server on PostgreSQL)" ;;
esac

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pid_alive() {
  local pid_file="$1"
  [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

# wait_until <seconds> <description> <command...>: polls the command once a second.
wait_until() {
  local timeout="$1" what="$2"
  shift 2
  local waited=0
  until "$@" >/dev/null 2>&1; do
    if ((waited >= timeout)); then return 1; fi
    sleep 1
    waited=$((waited + 1))
  done
  log "${what} healthy after ${waited}s"
}

# Stops the process recorded in a pid file (TERM, then KILL after a grace period).
stop_pid_file() {
  local name="$1" pid_file="$2" grace="${3:-30}"
  if ! pid_alive "$pid_file"; then
    rm -f "$pid_file"
    log "${name}: not started by these scripts, nothing to stop"
    return 0
  fi
  local pid
  pid="$(cat "$pid_file")"
  kill -TERM "$pid" 2>/dev/null || true
  local waited=0
  while kill -0 "$pid" 2>/dev/null; do
    if ((waited >= grace)); then
      log "${name}: still running after ${grace}s, sending KILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    sleep 1
    waited=$((waited + 1))
  done
  rm -f "$pid_file"
  log "${name}: stopped (pid ${pid})"
}

# with_progress <label> <folder> <output file> <command...>: runs a long install step with its output sent to
# the file, logging every 15 s how much the folder it fills has grown, so a slow download is seen to move.
with_progress() {
  local label="$1" folder="$2" output="$3"
  shift 3
  "$@" >"$output" 2>&1 &
  local pid=$! started=$SECONDS
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    if (((SECONDS - started) % 15 == 0)); then
      log "${label}: still installing after $((SECONDS - started))s ($(du -sh "$folder" 2>/dev/null | cut -f1 || echo '?') in ${folder})"
    fi
  done
  wait "$pid"
}

require_cmd() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' is not installed" "$2"
}
