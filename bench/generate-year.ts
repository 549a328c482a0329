import { writeFileSync } from 'node:fs';
import { seededRandom } from '../libs/domain/src/testing/seeded-random';
import { GENERATED_ORGANISATION } from './seeded-year';

/**
 * Writes a generated year of N issues as a scenario (JSON): every path of RULES.md in proportion —
 * issues closed below district, single/joint/transfer whistles, feedback on time, late and never,
 * meetings, added departments, rejections — with a seeded generator so a size always gives the same file.
 * Usage: node -r ts-node/register/transpile-only bench/generate-year.ts 100000 /tmp/year-100k.json [part]
 * A part number gives another year of the same organisation, its issues named `P<part>-I<n>`: parts together make a
 * year larger than one process can simulate (bench/year-end.bench.sh). YEAR_ALL_CLOSED=1 closes every issue.
 */
const count = Number(process.argv[2] ?? 100_000);
const out = process.argv[3] ?? `/tmp/year-${count}.json`;
const part = process.argv[4];
// YEAR_ALL_CLOSED=1: every whistled issue is resolved and confirmed (the same random draws, so the same year otherwise).
const allClosed = process.env.YEAR_ALL_CLOSED === '1';

const { random, pick } = seededRandom(20260101 + Number(part ?? 0));
const { departments, streets, stations } = GENERATED_ORGANISATION;
const HOUR = 3_600_000;
const yearStart = Date.parse('2026-01-05T09:00:00+08:00');
const yearSpan = Date.parse('2026-12-10T09:00:00+08:00') - yearStart;
const iso = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 19) + '+08:00';

type Step = { at: number; seq: number; step: Record<string, unknown> };
const steps: Step[] = [];
let seq = 0;
const add = (at: number, step: Record<string, unknown>) => steps.push({ at, seq: seq++, step });

for (let n = 0; n < count; n += 1) {
  const issue = part === undefined ? `I${n}` : `P${part}-I${n}`;
  let t = yearStart + Math.floor((random() * yearSpan) / 60_000) * 60_000;
  add(t, { do: 'raise', issue, station: pick(stations).id, title: `事项${n}` });
  if (random() < 0.25) {
    t += 20 * HOUR;
    add(t, { do: 'resolve', issue });
    t += 20 * HOUR;
    add(t, { do: 'confirm', issue });
    continue;
  }
  t += HOUR;
  add(t, { do: 'escalate', issue });
  t += HOUR;
  add(t, { do: 'escalate', issue });
  const mode = pick(['single', 'single', 'joint', 'transfer'] as const);
  const first = pick(departments).id;
  let second = pick(departments).id;
  while (second === first) second = pick(departments).id;
  const onIssue = mode === 'joint' ? [first, second] : [first];
  t += HOUR;
  add(t, { do: 'whistle', issue, mode, departments: [...onIssue], ...(mode === 'transfer' ? { cityDepartment: 'city-sw' } : {}) });
  if (mode === 'joint' && random() < 0.2) {
    let third = pick(departments).id;
    while (onIssue.includes(third)) third = pick(departments).id;
    t += HOUR;
    add(t, { do: 'addDepartment', issue, department: third });
    onIssue.push(third);
  }
  if (random() < 0.1) {
    t += 2 * HOUR;
    add(t, { do: 'meeting', issue });
  }
  for (const department of onIssue) {
    const r = random();
    if (r < 0.8) add(t + Math.floor(random() * 40) * HOUR, { do: 'feedback', issue, department });
    else if (r < 0.9) add(t + 150 * HOUR + Math.floor(random() * 100) * HOUR, { do: 'feedback', issue, department });
  }
  if (random() < 0.85 || allClosed) {
    t += 300 * HOUR;
    add(t, { do: 'resolve', issue, department: first });
    if (random() < 0.1) {
      t += 24 * HOUR;
      add(t, { do: 'reject', issue });
      t += 48 * HOUR;
      add(t, { do: 'resolve', issue, department: first });
    }
    t += 24 * HOUR;
    add(t, { do: 'confirm', issue });
  }
}

steps.sort((a, b) => a.at - b.at || a.seq - b.seq);
const scenario = {
  year: 2026,
  streets,
  stations,
  departments,
  cityDepartments: [{ id: 'city-sw', name: '市水务局' }],
  steps: steps.map(({ at, step }) => ({ at: iso(at), ...step })),
};
writeFileSync(out, JSON.stringify(scenario));
process.stdout.write(`${out}: ${count} issues, ${scenario.steps.length} steps\n`);
