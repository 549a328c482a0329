import { createHash } from 'node:crypto';
import { replayStreak, streakDeadlineOf } from '../department/feedback-streak';
import { IssueEvent } from '../issue/issue.events';
import { evolve, isWaiting, Issue, IssueState } from '../issue/issue.state';
import { baseEntryOfYear } from '../ledger/ledger-booking';
import { LedgerEntry, ledgerEntriesFor, roundPoints } from '../ledger/ledger';
import { PolicyBook } from '../policy/policy';
import { parseScenarioText, readScenario, Scenario } from '../simulate/scenario';
import { recordedHistoryOf } from '../testing/recorded-history';
import { seededRandom } from '../testing/seeded-random';
import { parseInstant, toIso } from '../time/instant';
import { yearOf } from '../time/local-date';
import {
  compareYearDeadlines,
  ExpectedPoints,
  ledgerDifferences,
  LedgerTallies,
  YearDeadline,
  YearIssueFold,
  YearStreaks,
} from './reconciliation';

const HOUR = 3_600_000;

/**
 * A small year in the manner of bench/generate-year.ts, from a seed: few departments so that misses run on, issues
 * raised up to the last days of December. Half are 2026, its deadlines reaching into 2027 (unpublished: provisional)
 * and that schedule published in some before the year end; half are 2027 itself, unpublished (its deadlines wait)
 * or published in December (waiting deadlines settled, closed issues' deadlines recomputed).
 */
function generatedYear(seed: number): Scenario {
  const year = seed % 2 === 0 ? 2026 : 2027;
  const { random, pick } = seededRandom(seed);
  const departments = ['d0', 'd1', 'd2', 'd3'];
  const start = Date.parse(`${year}-11-01T09:00:00+08:00`);
  const span = Date.parse(`${year}-12-31T12:00:00+08:00`) - start;
  const iso = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 19) + '+08:00';
  const steps: { at: number; seq: number; step: Record<string, unknown> }[] = [];
  const add = (at: number, step: Record<string, unknown>) => steps.push({ at, seq: steps.length, step });
  const count = 20 + Math.floor(random() * 60);
  for (let n = 0; n < count; n += 1) {
    const issue = `I${n}`;
    let t = start + Math.floor((random() * span) / 60_000) * 60_000;
    add(t, { do: 'raise', issue, station: 'w0', title: `事项${n}` });
    if (random() < 0.15) {
      add((t += 20 * HOUR), { do: 'resolve', issue });
      add((t += 20 * HOUR), { do: 'confirm', issue });
      continue;
    }
    add((t += HOUR), { do: 'escalate', issue });
    add((t += HOUR), { do: 'escalate', issue });
    const mode = pick(['single', 'joint', 'transfer'] as const);
    const first = pick(departments);
    const onIssue = mode === 'joint' ? [first, pick(departments.filter((d) => d !== first))] : [first];
    add((t += HOUR), { do: 'whistle', issue, mode, departments: [...onIssue], ...(mode === 'transfer' ? { cityDepartment: 'c0' } : {}) });
    if (mode === 'joint' && random() < 0.3) {
      const third = pick(departments.filter((d) => !onIssue.includes(d)));
      add((t += HOUR), { do: 'addDepartment', issue, department: third });
      onIssue.push(third);
    }
    if (random() < 0.2) add((t += 2 * HOUR), { do: 'meeting', issue });
    let lastFeedback = t;
    for (const department of onIssue) {
      const r = random();
      const at = r < 0.4 ? t + Math.floor(random() * 40) * HOUR : t + 100 * HOUR + Math.floor(random() * 100) * HOUR;
      if (r < 0.6) add(at, { do: 'feedback', issue, department });
      if (r < 0.6) lastFeedback = Math.max(lastFeedback, at);
    }
    if (random() < 0.8) {
      add((t = Math.max(t + Math.floor(random() * 300) * HOUR, lastFeedback + HOUR)), { do: 'resolve', issue, department: first });
      if (random() < 0.2) {
        add((t += 24 * HOUR), { do: 'reject', issue });
        add((t += 48 * HOUR), { do: 'resolve', issue, department: first });
      }
      if (random() < 0.9) add((t += 24 * HOUR), { do: 'confirm', issue });
    }
  }
  if (random() < 0.5) {
    add(Date.parse(year === 2026 ? '2026-12-28T09:00:00+08:00' : '2027-12-01T09:00:00+08:00'), {
      do: 'publishCalendar',
      year: 2027,
      holidays: ['2027-01-01', '2027-11-15', '2027-11-16', '2027-12-31'],
      workdays: ['2027-11-20'],
    });
  }
  steps.sort((a, b) => a.at - b.at || a.seq - b.seq);
  return readScenario(
    parseScenarioText(
      JSON.stringify({
        year,
        streets: [{ id: 's0', name: '街道0' }],
        stations: [{ id: 'w0', name: '工作站0', street: 's0' }],
        departments: departments.map((id) => ({ id, name: id })),
        cityDepartments: [{ id: 'c0', name: '市水务局' }],
        steps: steps
          .filter(({ at }) => at < Date.parse(`${year + 1}-01-01T00:00:00+08:00`))
          .map(({ at, step }) => ({ at: iso(at), ...step })),
        until: `${year + 1}-01-01T00:30:00+08:00`,
      }),
    ),
  );
}

/** The fold that keeps every issue's state to the end: the oracle. */
function everyStateKept(
  year: number,
  departments: readonly string[],
  policy: PolicyBook,
  scenario: Scenario,
  events: [string, IssueEvent, number][],
) {
  const issues = new Map<string, IssueState>();
  const setOrders = new Map<string, number>();
  const expected = new Map<string, LedgerEntry>();
  for (const id of departments) {
    const base = baseEntryOfYear(id, year, policy, scenario.zone);
    expected.set(base.entryId, base);
  }
  for (const [streamId, event, position] of events) {
    const before = issues.get(streamId) ?? null;
    if (before !== null) {
      for (const entry of ledgerEntriesFor(event, before, (at) => policy.at(at), scenario.zone)) {
        if (entry.year === year) expected.set(entry.entryId, entry);
      }
    }
    issues.set(streamId, evolve(before, event));
    if (event.type === 'FeedbackDeadlineSet') setOrders.set(event.data.deadlineId, position);
  }
  const states = [...issues.values()].filter((i): i is Issue => i !== null);
  const deadlineIds = states.flatMap((issue) => issue.deadlines.map((d) => d.deadlineId)).sort();
  const interviews = (thresholdAt: (due: number) => number, overturned: ReadonlySet<string>) => {
    const byDepartment = new Map<string, ReturnType<typeof streakDeadlineOf>[]>();
    const lastDays = new Map<string, string>();
    for (const issue of states) {
      for (const d of issue.deadlines) {
        lastDays.set(d.deadlineId, d.lastDay);
        byDepartment.set(d.departmentId, [
          ...(byDepartment.get(d.departmentId) ?? []),
          streakDeadlineOf(issue, d, setOrders.get(d.deadlineId) as number),
        ]);
      }
    }
    return new Map(
      [...byDepartment].map(([id, list]) => [
        id,
        new Map(
          replayStreak(id, list, thresholdAt, overturned)
            .filter((i) => yearOf(lastDays.get(i.deadlineIds[i.deadlineIds.length - 1]) as string) === year)
            .map((i) => [i.deadlineIds.join(','), i.deadlineIds]),
        ),
      ]),
    );
  };
  const waiting = (at: number) =>
    states
      .flatMap((issue) =>
        issue.deadlines
          .filter((d) => isWaiting(d, at) && yearOf(d.lastDay) === year)
          .map((d) => ({ departmentId: d.departmentId, issueId: issue.issueId, deadlineId: d.deadlineId, due: toIso(d.due) })),
      )
      .sort((a, b) => a.due.localeCompare(b.due) || a.deadlineId.localeCompare(b.deadlineId));
  const totals = [...departments]
    .sort()
    .map((id) => [id, roundPoints([...expected.values()].filter((e) => e.departmentId === id).reduce((s, e) => s + e.points, 0))]);
  return { expected, deadlineIds, interviews, waiting, totals };
}

const sha256: (entryId: string, points: number) => bigint = (entryId, points) =>
  createHash('sha256').update(`${entryId}|${points}`).digest().readBigUInt64BE(0);

/**
 * The recorded ledgers the comparison is given: the expected one, and the expected one with an entry dropped, an
 * entry's points changed and a stray entry added, each in a department of its own.
 */
function recordedLedgers(expected: ReadonlyMap<string, ExpectedPoints>, departments: readonly string[], seed: number) {
  const { random, pick } = seededRandom(seed * 7 + 1);
  const first = Math.floor(random() * departments.length);
  const [dropped, changed, stray] = [0, 1, 2].map((k) => departments[(first + k) % departments.length]);
  const ofDepartment = (id: string) => [...expected.keys()].filter((entryId) => expected.get(entryId)?.departmentId === id);
  const altered = new Map(expected);
  altered.delete(pick(ofDepartment(dropped)));
  const change = pick(ofDepartment(changed));
  altered.set(change, { departmentId: changed, points: (expected.get(change)?.points as number) + 1.5 });
  altered.set('missed:stray#1', { departmentId: stray, points: -3 });
  return [
    { recorded: new Map(expected), disagreeing: [] },
    { recorded: altered, disagreeing: [dropped, changed, stray].sort() },
  ];
}

describe('the year fold that drops final issues (RULES.md §5)', () => {
  const covered = { interviews: 0, waiting: 0, finalEntries: 0 };
  it.each(Array.from({ length: 60 }, (_, i) => 1000 + i))('gives what keeping every state gives, year %i', (seed) => {
    const scenario = generatedYear(seed);
    const policy = PolicyBook.of(scenario.policy);
    const departments = scenario.organisation.departments.map((d) => d.id);
    const events = recordedHistoryOf(scenario)
      .filter((act) => act.issueId !== undefined)
      .map((act): [string, IssueEvent, number] => [
        `issue-${act.issueId}`,
        { type: act.type, data: act.data } as IssueEvent,
        Number(act.position),
      ]);
    const oracle = everyStateKept(scenario.year, departments, policy, scenario, events);
    const handed: [string, ExpectedPoints][] = [];
    const expectedTallies = new LedgerTallies(sha256);
    const deadlines: YearDeadline[] = [];
    const sut = new YearIssueFold(scenario.year, departments, policy, scenario.zone, {
      entries: (entryId, entry) => {
        handed.push([entryId, entry]);
        expectedTallies.add(entryId, entry);
      },
      deadlines: (deadline) => deadlines.push(deadline),
    });
    for (const [streamId, event, position] of events) sut.add(streamId, event, position);
    const handedBeforeTheEnd = handed.length;
    const deadlinesBeforeTheEnd = deadlines.length;
    sut.completeDeadlines();
    expect(deadlines.map((d) => d.deadlineId).sort()).toEqual(oracle.deadlineIds);
    const interviews = (thresholdAt: (due: number) => number, overturned?: ReadonlySet<string>) => {
      const streaks = new YearStreaks(scenario.year, thresholdAt, overturned);
      for (const deadline of [...deadlines].sort(compareYearDeadlines)) streaks.take(deadline);
      return streaks.interviews();
    };

    const missed = [...oracle.expected.values()].filter((e) => e.reason === 'feedback-missed').map((e) => e.deadlineId as string);
    const overturned = new Set(missed.filter((_, i) => i % 3 === 0));
    const yearEnd = parseInstant(`${scenario.year + 1}-01-01T00:30:00+08:00`);
    expect(sut.liveIssues).toBeLessThan(new Set(events.map(([streamId]) => streamId)).size);
    expect(sut.totals()).toEqual(oracle.totals);
    sut.completeExpectedLedger();
    const oracleExpected = new Map([...oracle.expected].map(([id, e]) => [id, { departmentId: e.departmentId, points: e.points }]));
    expect(handed).toHaveLength(oracleExpected.size);
    expect(new Map(handed)).toEqual(oracleExpected);
    expect(sut.totals()).toEqual(oracle.totals);

    for (const { recorded, disagreeing } of recordedLedgers(oracleExpected, departments, seed)) {
      const recordedTallies = new LedgerTallies(sha256);
      for (const [entryId, entry] of recorded) recordedTallies.add(entryId, entry);
      const targeted = new Set([...sut.scoredDepartments()].filter((id) => !expectedTallies.agree(id, recordedTallies)));
      expect([...targeted].sort()).toEqual(disagreeing);
      // The second, targeted pass: only the disagreeing departments' expected entries, by id.
      const targetedExpected = new Map<string, ExpectedPoints>();
      const again = new YearIssueFold(scenario.year, departments, policy, scenario.zone, {
        entries: (entryId, entry) => {
          if (targeted.has(entry.departmentId)) targetedExpected.set(entryId, entry);
        },
        deadlines: () => undefined,
      });
      for (const [streamId, event, position] of events) again.add(streamId, event, position);
      again.completeExpectedLedger();
      const targetedRecorded = new Map([...recorded].filter(([, entry]) => targeted.has(entry.departmentId)));
      expect(ledgerDifferences(targetedExpected, targetedRecorded)).toEqual(ledgerDifferences(oracleExpected, recorded));
    }
    expect(ledgerDifferences(oracleExpected, recordedLedgers(oracleExpected, departments, seed)[1].recorded)).toHaveLength(3);
    for (const threshold of [1, 2, 3]) {
      expect(interviews(() => threshold, overturned)).toEqual(oracle.interviews(() => threshold, overturned));
      expect(interviews(() => threshold)).toEqual(oracle.interviews(() => threshold, new Set()));
    }
    for (const at of [yearEnd, parseInstant(`${scenario.year}-12-20T00:00:00+08:00`)])
      expect(sut.waitingDeadlines(at)).toEqual(oracle.waiting(at));
    if ([...interviews(() => 2).values()].some((runs) => runs.size > 0)) covered.interviews += 1;
    if (sut.waitingDeadlines(yearEnd).length > 0) covered.waiting += 1;
    if (handedBeforeTheEnd > 0 && deadlinesBeforeTheEnd > 0) covered.finalEntries += 1;
  });

  it('was given years with interviews, with deadlines waiting and with entries and deadlines handed over as their issue became final', () => {
    expect(covered.interviews).toBeGreaterThan(30);
    expect(covered.waiting).toBeGreaterThan(10);
    expect(covered.finalEntries).toBeGreaterThan(30);
  });
});
