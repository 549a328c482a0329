// Circular benchmark: the monthly circular (通报) of a district with a generated year of issues in the event store —
// the period's evidence read from the whole log, its content, the PDF printed by Chromium — time and memory.
// Usage: node -r ts-node/register/transpile-only -r tsconfig-paths/register bench/circular.bench.ts [--issues 100000] [--month 2026-06]
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { CircularDocumentStore, CircularPublisher, DEFAULT_CHROMIUM_PATH } from '@app/circulars';
import {
  circularContent,
  decide,
  DEFAULT_POLICY,
  DepartmentEvent,
  evolve,
  IssueCommand,
  IssueEvent,
  IssueState,
  ledgerEntriesFor,
  ledgerStreamOf,
  monthPeriod,
  organisationOf,
  PolicyBook,
  ReferenceEvent,
  REFERENCE_STREAMS,
  SHANGHAI,
  toIso,
  WorkingDayCalendar,
  type DecisionContext,
  type Issue,
  type OrganisationChart,
} from '@app/domain';
import { createPostgresPool, migrateEventStore, PostgresEventStore, type NewEvent } from '@app/event-store';
import { derivedEventId, issueStreamOf, ReferenceData, toNewEvent } from '@app/issues';
import { CircularStreamReader } from '@app/read-models';
import { createFreshDatabase } from '@app/testing';
import { seededRandom } from '../libs/domain/src/testing/seeded-random';
import { GENERATED_ORGANISATION } from './seeded-year';

const { values } = parseArgs({ options: { issues: { type: 'string', default: '100000' }, month: { type: 'string', default: '2026-06' } } });
const ISSUES = Number(values.issues);
const MONTH = values.month as string;
const HOUR = 3_600_000;

const { random, pick } = seededRandom(20260101);
const chart: OrganisationChart = { ...GENERATED_ORGANISATION, cityDepartments: [{ id: 'c0', name: '市直单位' }] };
const context: DecisionContext = {
  policy: PolicyBook.of(DEFAULT_POLICY),
  calendar: WorkingDayCalendar.official(),
  zone: SHANGHAI,
  organisation: organisationOf(chart),
};

/** One issue's life through the decider: closed below district, or whistled with feedback on time, late or never. */
function issueLife(n: number, ledger: DepartmentEvent[]): IssueEvent[] {
  const yearStart = Date.parse('2026-01-05T09:00:00+08:00');
  let t = yearStart + Math.floor(random() * 339) * 24 * HOUR + Math.floor(random() * 8) * HOUR;
  let state: IssueState = null;
  const events: IssueEvent[] = [];
  const run = (command: IssueCommand, satisfaction?: string) => {
    for (const decided of decide(command, state, context)) {
      const event = satisfaction !== undefined && decided.type === 'ClosingConfirmed' ? ({ ...decided, data: { ...decided.data, satisfaction } } as IssueEvent) : decided;
      for (const entry of state === null ? [] : ledgerEntriesFor(event, state as Issue, (at) => context.policy.at(at), SHANGHAI)) {
        ledger.push({ type: 'LedgerEntryRecorded', data: { ...entry, at: toIso(entry.at) } });
      }
      events.push(event);
      state = evolve(state, event);
    }
  };
  const verdict = () => (random() < 0.6 ? pick(['satisfied', 'satisfied', 'basicallySatisfied', 'dissatisfied']) : undefined);
  run({ type: 'RaiseIssue', issueId: `I${n}`, stationId: pick(chart.stations).id, title: `事项${n}`, fourLists: { problem: 'p', tasks: 't', responsibleParty: 'r', acceptanceStandard: 'a' }, at: t });
  const below = random();
  if (below < 0.25) {
    if (below < 0.12) run({ type: 'EscalateIssue', at: (t += 20 * HOUR) });
    run({ type: 'ReportResolution', at: (t += 30 * HOUR) });
    run({ type: 'ConfirmClosing', at: (t += 4 * HOUR) }, verdict());
    return events;
  }
  run({ type: 'EscalateIssue', at: (t += 2 * HOUR) });
  run({ type: 'EscalateIssue', at: (t += 2 * HOUR) });
  const mode = pick(['single', 'single', 'joint', 'transfer'] as const);
  const first = pick(chart.departments).id;
  const second = chart.departments[(Number(first.slice(1)) + 7) % 40].id;
  const departments = mode === 'joint' ? [first, second] : [first];
  run({ type: 'BlowWhistle', mode, departments, ...(mode === 'transfer' ? { cityDepartment: 'c0' } : {}), at: (t += HOUR) });
  const whistled = t;
  for (const departmentId of departments) {
    if (random() < 0.85) run({ type: 'GiveFeedback', departmentId, at: whistled + (2 + Math.floor(random() * 40)) * HOUR });
  }
  const due = Math.max(...(state as Issue | null)!.deadlines.map((d) => d.due));
  run({ type: 'Tick', at: due });
  if (random() < 0.7) {
    run({ type: 'ReportResolution', departmentId: first, at: (t = due + 24 * HOUR) });
    run({ type: 'ConfirmClosing', at: t + 4 * HOUR }, verdict());
  }
  return events;
}

async function inPool<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

async function main(): Promise<void> {
  const database = await createFreshDatabase('bench_circular');
  await migrateEventStore(database.url);
  const store = new PostgresEventStore({ connectionString: database.url });
  const pool = createPostgresPool({ connectionString: database.url }, 'bench circular documents');
  try {
    const at = '2026-01-01T00:00:00Z';
    const organisation: ReferenceEvent[] = [
      ...chart.streets.map((s): ReferenceEvent => ({ type: 'StreetRegistered', data: { ...s, at } })),
      ...chart.stations.map((s): ReferenceEvent => ({ type: 'StationRegistered', data: { id: s.id, name: s.name, streetId: s.street, at } })),
      ...chart.departments.map((d): ReferenceEvent => ({ type: 'DistrictDepartmentRegistered', data: { ...d, at } })),
      ...chart.cityDepartments.map((d): ReferenceEvent => ({ type: 'CityDepartmentRegistered', data: { ...d, at } })),
    ];
    await store.appendToStream(REFERENCE_STREAMS.organisation, organisation.map((e, i) => toNewEvent(e, derivedEventId(`bench/org/${i}`))), { expectedRevision: 'no_stream' });

    const loadStarted = Date.now();
    const ledger: DepartmentEvent[] = chart.departments.map((d) => ({
      type: 'LedgerEntryRecorded',
      data: { entryId: `base:2026:${d.id}`, departmentId: d.id, year: 2026, at: '2026-01-01T00:00:00+08:00', points: 60, reason: 'base' },
    }));
    const issues = Array.from({ length: ISSUES }, (_, n) => ({ n, events: issueLife(n, ledger) }));
    const issueEvents = issues.reduce((sum, i) => sum + i.events.length, 0);
    await inPool(issues, 8, async ({ n, events }) => {
      await store.appendToStream(issueStreamOf(`I${n}`), events.map((e, i) => toNewEvent(e, derivedEventId(`bench/I${n}/${i}`))), { expectedRevision: 'no_stream' });
    });
    const byLedger = new Map<string, NewEvent[]>();
    for (const entry of ledger) {
      if (entry.type !== 'LedgerEntryRecorded') continue;
      const streamId = ledgerStreamOf(entry.data.departmentId, entry.data.year);
      byLedger.set(streamId, [...(byLedger.get(streamId) ?? []), toNewEvent(entry, derivedEventId(`bench/${entry.data.entryId}`))]);
    }
    for (const [streamId, events] of byLedger) await store.appendToStream(streamId, events, { expectedRevision: 'any' });
    const loadSeconds = (Date.now() - loadStarted) / 1000;

    const reference = new ReferenceData(store);
    const reader = new CircularStreamReader(store, reference);
    const publisher = new CircularPublisher(store, reader, new CircularDocumentStore(pool), {
      districtName: '大观区',
      numberPrefix: '大观红领办',
      chromiumPath: process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM_PATH,
    });
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const rssBefore = process.memoryUsage().rss;
    const readStarted = Date.now();
    const { evidence, chart: read } = await reader.evidence(monthPeriod(MONTH));
    const readMs = Date.now() - readStarted;
    const content = circularContent('monthly', evidence, read);
    const publishStarted = Date.now();
    const published = await publisher.publish({ circularId: `monthly-${MONTH}`, kind: 'monthly', period: monthPeriod(MONTH), at: Date.parse(`${MONTH}-28T00:00:00Z`) + 10 * 86_400_000, actor: { role: 'system' } });
    const publishMs = Date.now() - publishStarted;
    clearInterval(sampler);
    const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
    console.log(
      JSON.stringify(
        {
          issues: ISSUES,
          issueEvents,
          ledgerEntries: ledger.length,
          month: MONTH,
          loadSeconds,
          evidenceReadMs: readMs,
          publishMs,
          documentNumber: published.documentNumber,
          pdfBytes: published.pdfBytes,
          monthTotals: content.totals,
          rssBeforeCircular: mb(rssBefore),
          peakRssDuringCircular: mb(peakRss),
          machine: { cpus: cpus().length, memory: mb(totalmem()), loadavg: loadavg().map((l) => l.toFixed(1)) },
        },
        null,
        2,
      ),
    );
  } finally {
    await store.close();
    await pool.end();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
