#!/usr/bin/env bash
# `npm run api:fuzz`: Schemathesis (PyPI) against the OpenAPI document the API serves, once per role.
# infra/local/install.sh puts schemathesis into a venv in the download cache (outside the clone).
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
bash "$root/infra/local/install.sh" npm schemathesis
export SCHEMATHESIS_BIN="${WHISTLE_CACHE:-$HOME/.cache/whistle-engine}/schemathesis-venv/bin/st"
cd "$root"
exec node -r ts-node/register/transpile-only -r tsconfig-paths/register apps/api/scripts/api-fuzz.ts "$@"
