// The year-end fold's retained heap per issue, without the database: a generated year (bench/generate-year.ts) as the
// live system would store it (recordedHistoryOf), its issue events folded by YearIssueFold: the heap with the fold
// held and then let go, each after full collections. Run it from a checkout to measure that checkout's fold:
//   node --expose-gc -r ts-node/register/transpile-only -r tsconfig-paths/register <this file> /tmp/year-20000.json
import { readFileSync } from 'node:fs';
import { IssueEvent, PolicyBook, parseScenarioText, readScenario, YearIssueFold } from '@app/domain';
import { recordedHistoryOf } from '@app/domain/testing/recorded-history';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');
const scenario = readScenario(parseScenarioText(readFileSync(process.argv[2], 'utf8')));
const events = recordedHistoryOf(scenario).filter((act) => act.issueId !== undefined);
const issues = new Set(events.map((act) => act.issueId)).size;
const heapAfterCollection = (): number => {
  for (let i = 0; i < 4; i += 1) gc();
  return process.memoryUsage().heapUsed;
};
let finalEntries = 0;
let deadlinesHanded = 0;
let fold: YearIssueFold | null = new YearIssueFold(
  scenario.year,
  scenario.organisation.departments.map((d) => d.id),
  PolicyBook.of(scenario.policy),
  scenario.zone,
  { entries: () => (finalEntries += 1), deadlines: () => (deadlinesHanded += 1) },
);
for (const act of events) fold.add(`issue-${act.issueId}`, { type: act.type, data: act.data } as IssueEvent, Number(act.position));
const held = heapAfterCollection();
fold = null;
const retained = held - heapAfterCollection();
process.stdout.write(
  `${issues} issues, ${events.length} issue events: fold retains ${(retained / 1e6).toFixed(1)} MB, ${Math.round(retained / issues)} B per issue ` +
    `(${finalEntries} expected entries and ${deadlinesHanded} deadlines of final issues handed over)\n`,
);
