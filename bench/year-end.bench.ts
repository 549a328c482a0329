// The year-end benchmark's helpers (bench/year-end.bench.sh runs them):
//   seed PART.json...   generated years of the same organisation (bench/generate-year.ts with a part number) stored
//                       together as one year, as the live system would: the reference streams, every issue's events
//                       and every ledger entry the live booking makes of them; prints DATABASE_URL
//   alter K             on DATABASE_URL, one stray entry appended to the 2026 ledger of each of the first K
//                       departments in id order: their tallies disagree, so the recompute takes its second pass
//   read                the issue category read alone, page by page, as the year end reads it
//   recompute           the year end's recomputation (YearEndReconciliation.recompute) on DATABASE_URL
//   recompute-heap      the same, not timed, with a full collection at every 20th progress note (each 20,000 events
//                       read, each 20 departments compared): the largest heap it holds (run with --expose-gc)
import { readFileSync } from 'node:fs';
import { DepartmentEvent, ledgerStreamOf, parseScenarioText, readScenario, RecordedAct } from '@app/domain';
import { recordedHistoryOf } from '@app/domain/testing/recorded-history';
import { createEventStoreFromEnv, createPostgresPool, migrateEventStore, NewEvent, PostgresEventStore } from '@app/event-store';
import { derivedEventId, ReferenceData, STREAM_CATEGORIES, toNewEvent } from '@app/issues';
import { PostgresYearDeadlineSort, YearEndReconciliation } from '@app/scoring';
import { createFreshDatabase } from '@app/testing';
import { appendInCommitOrder, newEventOfAct, streamOfAct } from './stored-year';

const LANES = 64;
const LEDGER_APPEND = 1000;

/** Runs `work` over `items` with at most `lanes` at once: concurrent appends of distinct streams share commits. */
async function inLanes<T>(items: readonly T[], lanes: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

async function seed(files: string[]): Promise<void> {
  const database = await createFreshDatabase('bench_year_end');
  await migrateEventStore(database.url);
  const store = new PostgresEventStore({ connectionString: database.url });
  const started = Date.now();
  const ledgers = new Map<string, Map<string, NewEvent>>();
  let issues = 0;
  let events = 0;
  for (const [part, file] of files.entries()) {
    const history = recordedHistoryOf(readScenario(parseScenarioText(readFileSync(file, 'utf8'))));
    const prefix = `bench-year-end/${part}`;
    const byIssue = new Map<string, RecordedAct[]>();
    const reference: RecordedAct[] = [];
    for (const act of history) {
      if (act.issueId !== undefined) {
        const acts = byIssue.get(act.issueId) ?? [];
        acts.push(act);
        byIssue.set(act.issueId, acts);
      } else if (act.type === 'LedgerEntryRecorded') {
        const streamId = streamOfAct(act);
        const entries = ledgers.get(streamId) ?? new Map<string, NewEvent>();
        // Every part books the same base entries: the year holds each once.
        const { entryId } = act.data as { entryId: string };
        if (!entries.has(entryId)) entries.set(entryId, newEventOfAct(act, prefix));
        ledgers.set(streamId, entries);
      } else if (part === 0) {
        reference.push(act);
      }
    }
    await appendInCommitOrder(store, reference, prefix);
    // One append per issue, its events in order; the issues of a part side by side, as many stations work at once.
    await inLanes([...byIssue], LANES, ([issueId, acts]) =>
      store.appendToStream(
        streamOfAct({ ...acts[0], issueId }),
        acts.map((act) => newEventOfAct(act, prefix)),
        { expectedRevision: 'no_stream' },
      ),
    );
    issues += byIssue.size;
    events += [...byIssue.values()].reduce((sum, acts) => sum + acts.length, 0);
    process.stderr.write(
      `part ${part}: ${issues} issues, ${events} issue events stored, ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
    );
  }
  let entries = 0;
  await inLanes([...ledgers], LANES, async ([streamId, byId]) => {
    const all = [...byId.values()];
    entries += all.length;
    for (let i = 0; i < all.length; i += LEDGER_APPEND) {
      await store.appendToStream(streamId, all.slice(i, i + LEDGER_APPEND), { expectedRevision: 'any' });
    }
  });
  await store.close();
  process.stderr.write(
    `seeded ${issues} issues, ${events} issue events and ${entries} ledger entries in ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
  );
  process.stdout.write(`${database.url}\n`);
}

/**
 * A stored year made to disagree with its issues in `count` departments: each gets one entry no issue books, so the
 * recompute lists exactly one ledger difference for each of them.
 */
async function alter(count: number): Promise<void> {
  const store = await createEventStoreFromEnv(process.env, false);
  const departments = (await new ReferenceData(store).snapshot()).chart.departments.map((d) => d.id).sort();
  if (!Number.isInteger(count) || count < 0 || count > departments.length) {
    throw new Error(`alter needs 0 to ${departments.length} departments, not ${count}`);
  }
  for (const departmentId of departments.slice(0, count)) {
    const stray: DepartmentEvent = {
      type: 'LedgerEntryRecorded',
      data: {
        entryId: `stray-${departmentId}-2026`,
        departmentId,
        year: 2026,
        at: '2026-12-31T12:00:00+08:00',
        points: -1,
        reason: 'feedback-missed',
      },
    };
    const event = toNewEvent(stray, derivedEventId(`bench-year-end/stray/${departmentId}`));
    await store.appendToStream(ledgerStreamOf(departmentId, 2026), [event], { expectedRevision: 'any' });
  }
  await store.close();
  process.stderr.write(`altered ${count} of ${departments.length} departments' ledgers: one stray entry each\n`);
}

const HEAP_SAMPLE_EVERY = 20;

async function run(mode: 'read' | 'recompute' | 'recompute-heap'): Promise<void> {
  const store = await createEventStoreFromEnv(process.env, false);
  const started = Date.now();
  let line: string;
  if (mode === 'read') {
    let events = 0;
    let position: bigint | undefined;
    for (;;) {
      const page = await store.readAll({ category: STREAM_CATEGORIES.issue, fromPosition: position, maxCount: 1000 });
      if (page.length === 0) break;
      events += page.length;
      position = page[page.length - 1].globalPosition;
    }
    line = `read ${events} issue events`;
  } else {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (mode === 'recompute-heap' && gc === undefined) throw new Error('recompute-heap needs --expose-gc');
    let notes = 0;
    let largestHeap = 0;
    let notFinalAfterRead = '?';
    const sampleHeap = (note: string) => {
      notes += 1;
      notFinalAfterRead = /\((\d+) issues not final\)$/.exec(note)?.[1] ?? notFinalAfterRead;
      if (mode !== 'recompute-heap' || notes % HEAP_SAMPLE_EVERY !== 0) return;
      (gc as () => void)();
      largestHeap = Math.max(largestHeap, process.memoryUsage().heapUsed);
    };
    // The year's deadlines sorted by PostgreSQL, as the worker has them.
    const sortPool = createPostgresPool({ connectionString: process.env.DATABASE_URL }, 'year-end deadline sort');
    const recomputation = await new YearEndReconciliation({
      store,
      reference: new ReferenceData(store),
      openDeadlineSort: () => PostgresYearDeadlineSort.open(sortPool),
    }).recompute(2026, '2027-01-01T00:30:00+08:00', sampleHeap);
    await sortPool.end();
    if (mode === 'recompute-heap')
      process.stderr.write(
        `largest heap held: ${(largestHeap / 1e6).toFixed(0)} MB (${notes} progress notes; ${notFinalAfterRead} issues not final after the read)\n`,
      );
    line =
      `recomputed ${recomputation.totals.length} departments: ${recomputation.differences.length} ledger differences, ` +
      `${recomputation.interviewDifferences.length} interview differences, ${recomputation.waitingDeadlines.length} deadlines waiting`;
  }
  await store.close();
  process.stderr.write(`${line} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

const [mode, ...args] = process.argv.slice(2);
(mode === 'seed'
  ? seed(args)
  : mode === 'alter'
    ? alter(Number(args[0]))
    : run(mode === 'recompute' || mode === 'recompute-heap' ? mode : 'read')
).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
