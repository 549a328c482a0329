#!/usr/bin/env bash
# `npm run demo`: the infrastructure, the console's build, then api + worker + projector on a fresh demo database, and a short scenario.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
npm run -s infra:up
# The api serves the console from its build; a fresh clone has none yet.
test -f apps/console/dist/index.html || npm run -s console:build
exec node -r ts-node/register/transpile-only -r tsconfig-paths/register apps/api/scripts/demo.ts "$@"
