#!/bin/sh
# Sets up the production Temporal server, the same way for infra/local/temporal.sh and docker-compose.yml (POSIX sh:
# the admin-tools image has no bash). Every step may run again on a set-up server.
#   setup.sh schema     its databases temporal and temporal_visibility on PostgreSQL, schema by temporal-sql-tool
#                       (the server's own settings: POSTGRES_SEEDS, DB_PORT, POSTGRES_USER, POSTGRES_PWD)
#   setup.sh namespace  the whistle namespace and the search attributes the escalation workflows are listed by,
#                       with the temporal CLI (TEMPORAL_ADDRESS)
set -eu

NAMESPACE=whistle
# Closed workflows' histories are kept this long (the ledger and the audit trail live in the event store).
RETENTION=7d

sql_tool() {
  SQL_PASSWORD="$POSTGRES_PWD" temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" \
    -u "$POSTGRES_USER" "$@"
}

# setup_database <database> <schema embedded in temporal-sql-tool>
setup_database() {
  # --quiet: create-database fails on a database that exists, and any other failure fails the next step.
  sql_tool --quiet --db "$1" create-database
  sql_tool --db "$1" setup-schema -v 0.0
  sql_tool --db "$1" update-schema --schema-name "$2"
}

schema() {
  setup_database temporal postgresql/v12/temporal
  setup_database temporal_visibility postgresql/v12/visibility
}

namespace() {
  temporal operator namespace describe -n "$NAMESPACE" >/dev/null 2>&1 ||
    temporal operator namespace create -n "$NAMESPACE" --retention "$RETENTION"
  # A new namespace reaches the frontend's namespace registry a few seconds after it is created.
  waited=0
  until registered="$(temporal operator search-attribute list -n "$NAMESPACE" 2>&1)"; do
    if [ "$waited" -ge 30 ]; then printf '%s\n' "$registered" >&2; exit 1; fi
    sleep 1
    waited=$((waited + 1))
  done
  for attribute in IssueId:Keyword IssueLevel:Keyword IssueStatus:Keyword Departments:KeywordList; do
    name="${attribute%%:*}"
    if ! printf '%s\n' "$registered" | grep -qw "$name"; then
      temporal operator search-attribute create -n "$NAMESPACE" --name "$name" --type "${attribute#*:}"
    fi
  done
}

case "${1:-}" in
  schema) schema ;;
  namespace) namespace ;;
  *) echo "usage: setup.sh schema|namespace" >&2; exit 2 ;;
esac
