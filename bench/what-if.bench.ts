// The what-if benchmark's two helpers (bench/what-if.bench.sh runs them):
//   seed SCENARIO.json   a generated year stored as the live system would: the reference streams, every issue event
//                        and ledger entry in commit order, and the streak and year-end streams of its outcome; prints
//                        DATABASE_URL
//   read                 readRecordedHistory alone on DATABASE_URL: what every what-if reads before it replays
//   what-if              the same read, then the year replayed under the recorded rules and under feedback 5 days,
//                        and the two compared: what `simulate --from-store --policy --compare` does, without the
//                        check against the recorded outcome and the printing
import { readFileSync } from 'node:fs';
import {
  compareRuns,
  DepartmentEvent,
  parseInstant,
  parseScenarioText,
  readScenario,
  replayHistory,
  SHANGHAI,
  simulate,
  streakStreamOf,
  toIso,
  yearEndStreamOf,
} from '@app/domain';
import { recordedHistoryOf } from '@app/domain/testing/recorded-history';
import { createEventStoreFromEnv, migrateEventStore, PostgresEventStore } from '@app/event-store';
import { derivedEventId, readRecordedHistory, toNewEvent } from '@app/issues';
import { createFreshDatabase } from '@app/testing';
import { appendInCommitOrder } from './stored-year';

async function seed(file: string): Promise<void> {
  const scenario = readScenario(parseScenarioText(readFileSync(file, 'utf8')));
  const history = recordedHistoryOf(scenario);
  const database = await createFreshDatabase('bench_what_if');
  await migrateEventStore(database.url);
  const store = new PostgresEventStore({ connectionString: database.url });
  const started = Date.now();
  await appendInCommitOrder(store, history, 'bench-what-if');

  // The streaks and the year end of the outcome; the ledger entries are in the history, booked as the live path books them.
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
  for (const departmentId of Object.keys(outcome.ledger)) {
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
