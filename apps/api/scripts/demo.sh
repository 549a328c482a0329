#!/usr/bin/env bash
# `npm run demo`: the infrastructure, then api + worker + projector on a fresh demo database, and a short scenario.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
npm run -s infra:up
exec node -r ts-node/register/transpile-only -r tsconfig-paths/register apps/api/scripts/demo.ts "$@"
