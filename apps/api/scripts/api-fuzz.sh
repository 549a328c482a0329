#!/usr/bin/env bash
# `npm run api:fuzz`: Schemathesis (PyPI) against the OpenAPI document the API serves, once per role.
# Installs schemathesis into a venv in the download cache (outside the clone), then runs api-fuzz.ts.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cache="${WHISTLE_CACHE:-$HOME/.cache/whistle-engine}"
venv="$cache/schemathesis-venv"
if [ ! -x "$venv/bin/st" ]; then
  echo "installing schemathesis into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "schemathesis>=4,<5"
fi
export SCHEMATHESIS_BIN="$venv/bin/st"
cd "$root"
exec node -r ts-node/register/transpile-only -r tsconfig-paths/register apps/api/scripts/api-fuzz.ts "$@"
