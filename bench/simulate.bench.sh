#!/usr/bin/env bash
# Times `simulate` on a generated year (default 100,000 issues): wall time and peak memory.
# Usage: bash bench/simulate.bench.sh [issues]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
issues="${1:-100000}"
scenario="${TMPDIR:-/tmp}/year-${issues}.json"
node -r ts-node/register/transpile-only bench/generate-year.ts "$issues" "$scenario"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB, node $(node --version), load $(cut -d' ' -f1-3 /proc/loadavg)"
for run in 1 2 3; do
  /usr/bin/time -f "run $run: %e s wall, %U s user, %M KB peak RSS" npm run -s simulate -- "$scenario" > "${scenario%.json}.out.json"
done
node -e 'const r=require(process.argv[1]);console.log(`output: ${Object.keys(r.issues).length} issues, ${Object.keys(r.ledger).length} departments, ${r.interviews.length} interviews`)' "${scenario%.json}.out.json"
