#!/usr/bin/env bash
# `npm run simulate`: a scenario file runs on libs/domain compiled by tsc and plain node (ts-node's start-up and
# transpiling were a tenth of a generated year's run); `--from-store` runs the app under ts-node, its start-up being
# small beside reading the store. The compiled CLI is rebuilt only when a domain source is newer than the last build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
node_options=(--max-semi-space-size=64)
for arg in "$@"; do
  if [ "$arg" = --from-store ]; then
    exec node "${node_options[@]}" -r ts-node/register/transpile-only -r tsconfig-paths/register "$root/apps/simulate/src/simulate.cli.ts" "$@"
  fi
done
out="$root/dist/simulate"
built="$out/.built"
stale() {
  [ ! -f "$built" ] || [ -n "$(find "$root/libs/domain/src" "$root/apps/simulate/tsconfig.build.json" "$root/tsconfig.json" -newer "$built" -print -quit)" ]
}
if stale; then
  mkdir -p "$out"
  # One build at a time (test runs start several CLIs at once); types are checked by `npm run typecheck`, not here.
  (
    flock 9
    if stale; then
      touch "$out/.building"
      "$root/node_modules/.bin/tsc" -p "$root/apps/simulate/tsconfig.build.json" --noCheck >&2
      mv "$out/.building" "$built"
    fi
  ) 9>"$out/.lock"
fi
exec node "${node_options[@]}" "$out/simulate/simulate.cli.js" "$@"
