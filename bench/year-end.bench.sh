#!/usr/bin/env bash
# The year end's recomputation of a stored year against reading the same issue events alone: wall time and peak memory.
# Usage: bash bench/year-end.bench.sh [parts] [issues per part] [runs]   (default 10 × 100,000 = a city-scale year of
# 1,000,000 issues, 3 runs of each, alternating; the database it seeds is dropped at the end)
# REFERENCE_TREE=/path/to/checkout adds, in each run, that checkout's recompute on the same database (a reference).
# DISAGREEING_DEPARTMENTS=K gives the first K departments (in id order) one stray ledger entry each after seeding, so
# their tallies disagree and the recompute takes its second, targeted pass (K differences; 0, the default, none).
# YEAR_ALL_CLOSED=1 seeds a year whose every issue is closed by the year end (bench/generate-year.ts).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
parts="${1:-10}"
per_part="${2:-100000}"
runs="${3:-3}"
ts=(node -r ts-node/register/transpile-only -r tsconfig-paths/register)
files=()
variant="$([[ "${YEAR_ALL_CLOSED:-0}" == 1 ]] && echo -all-closed || true)"
for ((part = 0; part < parts; part++)); do
  file="${TMPDIR:-/tmp}/year-${per_part}-part-${part}${variant}.json"
  [[ -s "$file" ]] || node -r ts-node/register/transpile-only bench/generate-year.ts "$per_part" "$file" "$part"
  files+=("$file")
done
url="$("${ts[@]}" --max-old-space-size=8192 bench/year-end.bench.ts seed "${files[@]}")"
export DATABASE_URL="$url"
trap 'psql_drop' EXIT
psql_drop() { node -e 'const {Client}=require("pg");const u=new URL(process.argv[1]);const db=u.pathname.slice(1);u.pathname="/postgres";const c=new Client({connectionString:u.toString()});c.connect().then(()=>c.query(`drop database if exists "${db}" with (force)`)).finally(()=>c.end())' "$url"; }
disagreeing="${DISAGREEING_DEPARTMENTS:-0}"
[[ "$disagreeing" == 0 ]] || "${ts[@]}" bench/year-end.bench.ts alter "$disagreeing"
# Each run's largest heap after a full collection (--trace-gc): what it holds, where peak RSS also counts the garbage
# a roomy heap lets pile up between collections.
live_heap() { awk -v what="$1" '/Mark-Compact/ { for (i = 1; i < NF; i++) if ($i == "->" && $(i + 1) + 0 > m) m = $(i + 1) + 0 } END { printf "%s: largest heap after a full collection %.0f MB\n", what, m }'; }
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB, node $(node --version), load $(cut -d' ' -f1-3 /proc/loadavg), $disagreeing disagreeing departments"
for ((run = 1; run <= runs; run++)); do
  /usr/bin/time -f "read alone, run $run: %e s wall, %U s user, %M KB peak RSS (load $(cut -d' ' -f1 /proc/loadavg))" "${ts[@]}" --trace-gc bench/year-end.bench.ts read | live_heap "read alone, run $run"
  /usr/bin/time -f "recompute, run $run: %e s wall, %U s user, %M KB peak RSS (load $(cut -d' ' -f1 /proc/loadavg))" "${ts[@]}" --max-old-space-size=8192 --trace-gc bench/year-end.bench.ts recompute | live_heap "recompute, run $run"
  if [[ -n "${REFERENCE_TREE:-}" ]]; then
    (cd "$REFERENCE_TREE" && /usr/bin/time -f "reference recompute ($REFERENCE_TREE), run $run: %e s wall, %U s user, %M KB peak RSS (load $(cut -d' ' -f1 /proc/loadavg))" "${ts[@]}" --max-old-space-size=8192 --trace-gc bench/year-end.bench.ts recompute | live_heap "reference recompute, run $run")
  fi
done
# Not timed: the heap each recompute holds, sampled after full collections as it goes.
echo "recompute, heap held: $("${ts[@]}" --expose-gc --max-old-space-size=8192 bench/year-end.bench.ts recompute-heap 2>&1 | grep 'largest heap')"
if [[ -n "${REFERENCE_TREE:-}" ]]; then
  bench="$PWD/bench/year-end.bench.ts"
  echo "reference recompute, heap held: $(cd "$REFERENCE_TREE" && "${ts[@]}" --expose-gc --max-old-space-size=8192 "$bench" recompute-heap 2>&1 | grep 'largest heap')"
fi
