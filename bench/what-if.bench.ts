// The what-if benchmark's two helpers (bench/what-if.bench.sh runs them):
//   seed SCENARIO.json   a generated year stored as the live system would: the reference streams, every issue event in
//                        commit order, and the ledger, streak and year-end streams of its outcome; prints DATABASE_URL
//   read                 readRecordedHistory alone on DATABASE_URL: what every what-if reads before it replays
//   what-if              the same read, then the year replayed under the recorded rules and under feedback 5 days,
//                        and the two compared: what `simulate --from-store --policy --compare` does, without the
//                        check against the recorded outcome and the printing
import { readFileSync } from 'node:fs';
import {
  compareRuns,
  DepartmentEvent,
  ledgerStreamOf,
  parseInstant,
  parseScenarioText,
  readScenario,
  REFERENCE_STREAMS,
  replayHistory,
  SHANGHAI,
  simulate,
  streakStreamOf,
  toIso,
  yearEndStreamOf,
} from '@app/domain';
import { recordedHistoryOf } from '@app/domain/testing/recorded-history';
import { createEventStoreFromEnv, migrateEventStore, NewEvent, PostgresEventStore } from '@app/event-store';
import { derivedEventId, issueStreamOf, readRecordedHistory, toNewEvent } from '@app/issues';
import { createFreshDatabase } from '@app/testing';

async function seed(file: string): Promise<void> {
  const scenario = readScenario(parseScenarioText(readFileSync(file, 'utf8')));
  const history = recordedHistoryOf(scenario);
  const database = await createFreshDatabase('bench_what_if');
  await migrateEventStore(database.url);
  const store = new PostgresEventStore({ connectionString: database.url });
  const started = Date.now();
  // Consecutive events of one stream are one append, as one act's events are live; the global order is the history's.
  const streamOf = (e: (typeof history)[number]) =>
    e.issueId !== undefined
      ? issueStreamOf(e.issueId)
      : e.type === 'YearScheduleLoaded'
        ? REFERENCE_STREAMS.calendar
        : e.type === 'PolicyVersionAdopted'
          ? REFERENCE_STREAMS.policy
          : REFERENCE_STREAMS.organisation;
  let batch: NewEvent[] = [];
  let batchStream = '';
  const flush = async () => {
    if (batch.length > 0) await store.appendToStream(batchStream, batch, { expectedRevision: 'any' });
    batch = [];
  };
  for (const event of history) {
    const streamId = streamOf(event);
    if (streamId !== batchStream) await flush();
    batchStream = streamId;
    batch.push(toNewEvent({ type: event.type, data: event.data } as never, derivedEventId(`bench-what-if/${event.position}`)));
  }
  await flush();

  // The outcome the live path would have booked: what the replay without overrides is checked against.
  const outcome = simulate(scenario);
  const at = (text: string) => toIso(parseInstant(text));
  const appendAll = async (streamId: string, events: DepartmentEvent[]) => {
    if (events.length > 0)
      await store.appendToStream(
        streamId,
        events.map((e, i) => toNewEvent(e, derivedEventId(`bench-what-if/${streamId}/${i}`))),
        { expectedRevision: 'any' },
      );
  };
  for (const [departmentId, { entries }] of Object.entries(outcome.ledger)) {
    await appendAll(
      ledgerStreamOf(departmentId, scenario.year),
      entries.map((e, i) => ({
        type: 'LedgerEntryRecorded',
        data: {
          entryId: `bench:${departmentId}:${i}`,
          departmentId,
          year: scenario.year,
          at: at(e.at),
          points: e.points,
          reason: e.reason as never,
          ...(e.issue !== undefined ? { issueId: e.issue } : {}),
        },
      })),
    );
    await appendAll(
      streakStreamOf(departmentId),
      outcome.interviews
        .filter((i) => i.department === departmentId && i.reason === 'consecutive-missed-feedback')
        .map((i) => ({ type: 'InterviewOrdered', data: { departmentId, at: at(i.at), reason: i.reason, year: scenario.year } })),
    );
  }
  const yearEndAt = toIso(scenario.zone.atLocalTime(`${scenario.year + 1}-01-01`, 0, 30));
  await appendAll(yearEndStreamOf(scenario.year), [
    { type: 'YearEndRankingPublished', data: { year: scenario.year, at: yearEndAt, final: true, ranking: outcome.ranking } },
    ...outcome.assessmentBonuses.map((b): DepartmentEvent => ({
      type: 'AssessmentBonusGranted',
      data: {
        departmentId: b.department,
        year: scenario.year,
        rank: outcome.ranking.find((r) => r.department === b.department)?.rank as number,
        partyBuilding: b.partyBuilding,
        stationing: b.stationing,
        at: yearEndAt,
      },
    })),
    ...outcome.interviews
      .filter((i) => i.reason === 'last-in-ranking')
      .map((i): DepartmentEvent => ({
        type: 'InterviewOrdered',
        data: { departmentId: i.department, at: yearEndAt, reason: i.reason, year: scenario.year },
      })),
  ]);
  await store.close();
  process.stderr.write(
    `seeded ${history.length} events of ${Object.keys(outcome.issues).length} issues in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  process.stdout.write(`${database.url}\n`);
}

async function read(whatIf: boolean): Promise<void> {
  const store = await createEventStoreFromEnv(process.env, false);
  const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);
  const started = Date.now();
  const history = await readRecordedHistory(store);
  await store.close();
  const line = [`read ${history.length} events in ${seconds(started)} s`];
  if (whatIf) {
    const replaying = Date.now();
    const options = { year: 2026, zone: SHANGHAI };
    const current = replayHistory(history, options);
    const alternative = replayHistory(history, { ...options, overrides: { feedback: { count: 5 } } });
    const { gains } = compareRuns(current, alternative);
    line.push(`two replays and the comparison in ${seconds(replaying)} s (${gains.length} departments gain)`);
  }
  process.stderr.write(`${line.join(', ')}\n`);
}

const [mode, file] = process.argv.slice(2);
(mode === 'seed' ? seed(file) : read(mode === 'what-if')).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
