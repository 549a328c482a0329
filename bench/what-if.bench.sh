#!/usr/bin/env bash
# What-if over a stored year against reading the same events alone: wall time and peak memory.
# Usage: bash bench/what-if.bench.sh [issues]   (default 10,000; the database it seeds is dropped at the end)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
issues="${1:-10000}"
scenario="${TMPDIR:-/tmp}/year-${issues}.json"
policy="${TMPDIR:-/tmp}/what-if-five-days.yaml"
node -r ts-node/register/transpile-only bench/generate-year.ts "$issues" "$scenario"
printf 'feedback: { count: 5 }\n' > "$policy"
ts=(node -r ts-node/register/transpile-only -r tsconfig-paths/register)
url="$("${ts[@]}" bench/what-if.bench.ts seed "$scenario")"
export DATABASE_URL="$url"
trap 'psql_drop' EXIT
psql_drop() { node -e 'const {Client}=require("pg");const u=new URL(process.argv[1]);const db=u.pathname.slice(1);u.pathname="/postgres";const c=new Client({connectionString:u.toString()});c.connect().then(()=>c.query(`drop database if exists "${db}" with (force)`)).finally(()=>c.end())' "$url"; }
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB, node $(node --version), load $(cut -d' ' -f1-3 /proc/loadavg)"
for run in 1 2 3; do
  /usr/bin/time -f "read alone, run $run: %e s wall, %U s user, %M KB peak RSS" "${ts[@]}" bench/what-if.bench.ts read
  /usr/bin/time -f "read + what-if, run $run: %e s wall, %U s user, %M KB peak RSS" "${ts[@]}" bench/what-if.bench.ts what-if
done
/usr/bin/time -f "the CLI, simulate --from-store 2026 --policy --compare: %e s wall, %U s user, %M KB peak RSS (exit %x)" \
  npm run -s simulate -- --from-store 2026 --policy "$policy" --compare > "${scenario%.json}.what-if.json" || true
node -e 'const r=require(process.argv[1]);console.log(`gains ${r.changes.gains.length}, losses ${r.changes.losses.length}, deductions ${r.changes.departments.reduce((s,d)=>s+d.deductions.current,0)} -> ${r.changes.departments.reduce((s,d)=>s+d.deductions.alternative,0)}`)' "${scenario%.json}.what-if.json"
