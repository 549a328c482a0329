#!/usr/bin/env bash
# Times `simulate` on a generated year (default 100,000 issues): wall time and peak memory.
# Usage: bash bench/simulate.bench.sh [issues] [--against DIR]
#   alone: three runs of this checkout;
#   --against DIR: another checkout (a git worktree of an older commit, its node_modules linked) and this one in
#   turn, three times each on the same scenario file, so a loaded machine slows both alike; then the ratio of medians.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
issues=100000
against=""
while [ $# -gt 0 ]; do
  case "$1" in
    --against) against="$(cd "$2" && pwd)"; shift 2 ;;
    *) issues="$1"; shift ;;
  esac
done
# TMPDIR=/some/dir keeps the files away from another benchmark's /tmp/year-N.json.
scenario="${TMPDIR:-/tmp}/year-${issues}.json"
node -r ts-node/register/transpile-only bench/generate-year.ts "$issues" "$scenario"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB, node $(node --version), load $(cut -d' ' -f1-3 /proc/loadavg)"
out="${scenario%.json}.out.json"
# One untimed run first: it builds the compiled CLI if a source changed, and reads the scenario into the page cache.
npm run -s simulate -- "$scenario" > "$out"
times="$(mktemp)"
timed() { # label dir
  (cd "$2" && /usr/bin/time -f "%e %M %U" -o "$times.one" npm run -s simulate -- "$scenario" > "$out.$1")
  read -r wall rss user < "$times.one"
  echo "$1 $wall $rss $user" >> "$times"
  echo "$1: ${wall} s wall, ${user} s user, $((rss / 1024)) MB peak RSS, load $(cut -d' ' -f1 /proc/loadavg)"
}
for run in 1 2 3; do
  [ -n "$against" ] && timed reference "$against"
  timed this .
done
node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));console.log(`output: ${Object.keys(r.issues).length} issues, ${Object.keys(r.ledger).length} departments, ${r.interviews.length} interviews`)' "$out.this"
if [ -n "$against" ]; then
  echo "reference: $against ($(git -C "$against" rev-parse --short HEAD)); this: $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' with changes')"
  node -e '
    const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map((l) => l.split(" "));
    const median = (label, i) => rows.filter((r) => r[0] === label).map((r) => Number(r[i])).sort((a, b) => a - b)[1];
    const [ref, cur] = ["reference", "this"].map((label) => ({ wall: median(label, 1), rss: median(label, 2), user: median(label, 3) }));
    console.log(`median wall: reference ${ref.wall} s, this ${cur.wall} s: ${(ref.wall / cur.wall).toFixed(2)}x faster`);
    console.log(`median user CPU: reference ${ref.user} s, this ${cur.user} s: ${(ref.user / cur.user).toFixed(2)}x less`);
    console.log(`median peak RSS: reference ${Math.round(ref.rss / 1024)} MB, this ${Math.round(cur.rss / 1024)} MB`);
  ' "$times"
fi
rm -f "$times" "$times.one" "$out".*
