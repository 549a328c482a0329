#!/usr/bin/env bash
# The year end's recomputation of a stored year against reading the same issue events alone: wall time and peak memory.
# Usage: bash bench/year-end.bench.sh [parts] [issues per part] [runs]   (default 10 × 100,000 = a city-scale year of
# 1,000,000 issues, 3 runs of each, alternating; the database it seeds is dropped at the end)
# REFERENCE_TREE=/path/to/checkout adds, in each run, that checkout's recompute on the same database (a reference).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
parts="${1:-10}"
per_part="${2:-100000}"
runs="${3:-3}"
ts=(node -r ts-node/register/transpile-only -r tsconfig-paths/register)
files=()
for ((part = 0; part < parts; part++)); do
  file="${TMPDIR:-/tmp}/year-${per_part}-part-${part}.json"
  [[ -s "$file" ]] || node -r ts-node/register/transpile-only bench/generate-year.ts "$per_part" "$file" "$part"
  files+=("$file")
done
url="$("${ts[@]}" --max-old-space-size=8192 bench/year-end.bench.ts seed "${files[@]}")"
export DATABASE_URL="$url"
trap 'psql_drop' EXIT
psql_drop() { node -e 'const {Client}=require("pg");const u=new URL(process.argv[1]);const db=u.pathname.slice(1);u.pathname="/postgres";const c=new Client({connectionString:u.toString()});c.connect().then(()=>c.query(`drop database if exists "${db}" with (force)`)).finally(()=>c.end())' "$url"; }
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB, node $(node --version), load $(cut -d' ' -f1-3 /proc/loadavg)"
for ((run = 1; run <= runs; run++)); do
  /usr/bin/time -f "read alone, run $run: %e s wall, %U s user, %M KB peak RSS (load $(cut -d' ' -f1 /proc/loadavg))" "${ts[@]}" bench/year-end.bench.ts read
  /usr/bin/time -f "recompute, run $run: %e s wall, %U s user, %M KB peak RSS (load $(cut -d' ' -f1 /proc/loadavg))" "${ts[@]}" --max-old-space-size=8192 bench/year-end.bench.ts recompute
  if [[ -n "${REFERENCE_TREE:-}" ]]; then
    (cd "$REFERENCE_TREE" && /usr/bin/time -f "reference recompute ($REFERENCE_TREE), run $run: %e s wall, %U s user, %M KB peak RSS (load $(cut -d' ' -f1 /proc/loadavg))" "${ts[@]}" --max-old-space-size=8192 bench/year-end.bench.ts recompute)
  fi
done
