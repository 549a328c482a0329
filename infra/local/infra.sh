#!/usr/bin/env bash
# Local real infrastructure: infra.sh up|down|status [service...]
# Services: postgres temporal temporal-test-server kafka (all by default; temporal is the server TEMPORAL_SERVER
# chooses, see common.sh). `up` first installs what the services need (infra/local/install.sh); `npm test` also
# installs the browser for the console's tests.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ALL_SERVICES=(postgres temporal temporal-test-server kafka)
action="${1:?usage: infra.sh up|down|status [service...]}"
shift
services=("$@")
if [[ ${#services[@]} -eq 0 ]]; then services=("${ALL_SERVICES[@]}"); fi

run() { bash "${REPO_ROOT}/infra/local/$1.sh" "$2"; }

# The install components a service needs.
components_of() {
  case "$1" in
    postgres) echo npm postgres ;;
    temporal) if [[ "$TEMPORAL_SERVER" == production ]]; then echo temporal-cli temporal-server; else echo temporal-cli; fi ;;
    temporal-test-server) echo temporal-test-server ;;
    kafka) echo npm kafka ;;
    *) die "unknown service '$1'" "use one of: ${ALL_SERVICES[*]}" ;;
  esac
}

case "$action" in
  up)
    started_at=$SECONDS
    mkdir -p "$DATA_DIR" "$CACHE_DIR"
    needed=()
    for service in "${services[@]}"; do
      for component in $(components_of "$service"); do
        [[ " ${needed[*]} " == *" ${component} "* ]] || needed+=("$component")
      done
    done
    bash "${REPO_ROOT}/infra/local/install.sh" "${needed[@]}"
    for service in "${services[@]}"; do run "$service" up; done
    log "every service is up ($((SECONDS - started_at))s); 'npm run infra:status' shows them, 'npm run infra:down' stops them"
    ;;
  down)
    # Reverse order: clients of a service stop before it.
    for ((i = ${#services[@]} - 1; i >= 0; i--)); do run "${services[$i]}" down; done
    ;;
  status)
    failed=0
    for service in "${services[@]}"; do run "$service" status || failed=1; done
    bash "${REPO_ROOT}/infra/local/chromium.sh" status || true
    exit "$failed"
    ;;
  *) die "unknown action '${action}'" "use up, down or status" ;;
esac
