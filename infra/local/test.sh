#!/usr/bin/env bash
# npm test: brings up the local infrastructure, runs Jest (arguments passed through), then stops
# only the services this run started (also when tests fail), and exits with Jest's status.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT"

# A service already answering (another clone's, or a developer's `infra:up`) is reused and left running.
declare -A service_ports=([postgres]=$PG_PORT [temporal]=$TEMPORAL_SERVICE_PORT [kafka]=$KAFKA_PORT)
started_here=()
for service in postgres temporal kafka; do
  if ! port_open "${service_ports[$service]}"; then started_here+=("$service"); fi
done

stop_started() {
  if [[ ${#started_here[@]} -gt 0 ]]; then
    log "stopping what this test run started: ${started_here[*]}"
    bash infra/local/infra.sh down "${started_here[@]}" || true
  fi
}
trap stop_started EXIT

# Jest and the apps its tests start find a production Temporal server, or PostgreSQL on another port, by the apps'
# own settings.
if [[ "$TEMPORAL_SERVER" == production ]]; then export TEMPORAL_ADDRESS="${TEMPORAL_ADDRESS:-127.0.0.1:${TEMPORAL_PRODUCTION_PORT}}"; fi
if [[ -n "${WHISTLE_PG_PORT:-}" ]]; then export DATABASE_URL="${DATABASE_URL:-postgres://whistle:whistle@${PG_HOST}:${PG_PORT}/whistle}"; fi

# Everything is installed here, before Jest starts: no test installs anything.
bash infra/local/install.sh
bash infra/local/infra.sh up
status=0
npx jest "$@" || status=$?
exit "$status"
