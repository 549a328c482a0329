import { Context } from '@temporalio/activity';
import {
  DepartmentEvent,
  evolve,
  InterviewDifference,
  IssueEvent,
  IssueState,
  isWaiting,
  LedgerDifference,
  LedgerEntry,
  ledgerEntriesFor,
  ledgerStreamOf,
  parseInstant,
  rankDepartments,
  replayStreak,
  roundPoints,
  StreakDeadline,
  streakDeadlineOf,
  streakStreamOf,
  toIso,
  WaitingDeadline,
  yearEndOutcome,
  yearEndStreamOf,
  yearOf,
} from '@app/domain';
import { EventStore } from '@app/event-store';
import { derivedEventId, ReferenceData, toEngineEvent, toNewEvent } from '@app/issues';
import { appendLedgerEntry } from './issue.activities';
import { baseEntryOf } from './ledger-entries';

export interface YearEndActivityDeps {
  store: EventStore;
  reference: ReferenceData;
  /** Events read per page of the issue category. */
  pageSize?: number;
}

export interface YearRecomputation {
  year: number;
  /** Every registered district department's recomputed total, in id order. */
  totals: [string, number][];
  differences: LedgerDifference[];
  interviewDifferences: InterviewDifference[];
  waitingDeadlines: WaitingDeadline[];
}

export type YearEndActivities = ReturnType<typeof createYearEndActivities>;

export function createYearEndActivities({ store, reference, pageSize = 1000 }: YearEndActivityDeps) {
  return {
    /** Grants the base score of `year` to every registered district department (idempotent: derived ids). */
    async openLedgerYear(input: { year: number }): Promise<number> {
      const snapshot = await reference.snapshot();
      for (const department of snapshot.chart.departments) {
        await appendLedgerEntry(store, baseEntryOf(department.id, input.year, snapshot), undefined);
      }
      return snapshot.chart.departments.length;
    },

    /**
     * Recomputes every department's ledger of `year` and its interviews for consecutive missed deadlines from the
     * issue events with libs/domain, and compares them, entry by entry and run by run, with the ledger and streak
     * streams, and lists the year's deadlines still waiting at `at` for a schedule to be published. Pages through the
     * issue category, heartbeating its position; a retry starts over (the fold needs every issue from its first event).
     */
    async recomputeYear(input: { year: number; at: string }): Promise<YearRecomputation> {
      const snapshot = await reference.snapshot();
      const policyAt = (at: number) => snapshot.policy.at(at);
      const expected = new Map<string, LedgerEntry>();
      for (const department of snapshot.chart.departments) {
        const base = baseEntryOf(department.id, input.year, snapshot);
        expected.set(base.entryId, base);
      }
      const issues = new Map<string, IssueState>();
      /** The global position of each deadline's FeedbackDeadlineSet: the commit order of the act that set it. */
      const setOrders = new Map<string, number>();
      let position: bigint | undefined;
      for (;;) {
        const page = await store.readAll({ category: 'issue', fromPosition: position, maxCount: pageSize });
        for (const recorded of page) {
          const event = toEngineEvent<IssueEvent>(recorded);
          const before = issues.get(recorded.streamId) ?? null;
          if (before !== null) {
            for (const entry of ledgerEntriesFor(event, before, policyAt, snapshot.zone)) {
              if (entry.year === input.year) expected.set(entry.entryId, entry);
            }
          }
          issues.set(recorded.streamId, evolve(before, event));
          if (event.type === 'FeedbackDeadlineSet') setOrders.set(event.data.deadlineId, Number(recorded.globalPosition));
        }
        if (page.length === 0) break;
        position = page[page.length - 1].globalPosition;
        Context.current().heartbeat(position.toString());
      }
      const departments = new Set([...snapshot.chart.departments.map((d) => d.id), ...[...expected.values()].map((e) => e.departmentId)]);
      const recorded = new Map<string, { departmentId: string; points: number }>();
      for (const departmentId of departments) {
        for (const stored of await store.readStream(ledgerStreamOf(departmentId, input.year))) {
          const event = toEngineEvent<DepartmentEvent>(stored);
          if (event.type === 'LedgerEntryRecorded') recorded.set(event.data.entryId, { departmentId, points: event.data.points });
        }
        Context.current().heartbeat(departmentId);
      }
      const differences: LedgerDifference[] = [];
      for (const entryId of [...new Set([...expected.keys(), ...recorded.keys()])].sort()) {
        const want = expected.get(entryId);
        const have = recorded.get(entryId);
        if (want !== undefined && have !== undefined && roundPoints(want.points) === roundPoints(have.points)) continue;
        differences.push({
          departmentId: (want?.departmentId ?? have?.departmentId) as string,
          entryId,
          expected: want?.points ?? null,
          recorded: have?.points ?? null,
        });
      }
      const interviewDifferences = await compareInterviews(
        store,
        input.year,
        issues,
        setOrders,
        departments,
        (due) => snapshot.policy.at(due).consecutiveMissesForInterview,
      );
      const waitingDeadlines = waitingDeadlinesOf(issues, input.year, parseInstant(input.at));
      const totals = snapshot.chart.departments
        .map((d) => d.id)
        .sort()
        .map((id): [string, number] => [
          id,
          roundPoints([...expected.values()].filter((e) => e.departmentId === id).reduce((sum, e) => sum + e.points, 0)),
        ]);
      return { year: input.year, totals, differences, interviewDifferences, waitingDeadlines };
    },

    /**
     * Appends the reconciliation report and the ranking to `yearend-<year>`; a final run adds the assessment
     * bonuses and the last-place interviews. Ids derive from `publicationId`, and events already stored are
     * skipped, so running it again adds nothing.
     */
    async publishYearEnd(input: { recomputation: YearRecomputation; final: boolean; publicationId: string; at?: string }): Promise<number> {
      const { year, totals, differences, interviewDifferences, waitingDeadlines } = input.recomputation;
      const snapshot = await reference.snapshot();
      const closing = snapshot.zone.atLocalTime(`${year + 1}-01-01`, 0, 0);
      const policy = snapshot.policy.at(closing - 1);
      const at = input.final
        ? toIso(snapshot.zone.atLocalTime(`${year + 1}-01-01`, policy.yearEnd.hour, policy.yearEnd.minute))
        : (input.at as string);
      const ranking = rankDepartments(new Map(totals));
      const events: [string, DepartmentEvent][] = [
        ['reconciliation', { type: 'ReconciliationReported', data: { year, at, final: input.final, differences, interviewDifferences, waitingDeadlines } }],
        ['ranking', { type: 'YearEndRankingPublished', data: { year, at, final: input.final, ranking } }],
      ];
      if (input.final) {
        const { bonuses, lastPlace } = yearEndOutcome(ranking, policy);
        for (const bonus of bonuses) {
          const rank = ranking.find((row) => row.department === bonus.department)?.rank as number;
          events.push([
            `bonus:${bonus.department}`,
            {
              type: 'AssessmentBonusGranted',
              data: { departmentId: bonus.department, year, rank, partyBuilding: bonus.partyBuilding, stationing: bonus.stationing, at },
            },
          ]);
        }
        for (const departmentId of lastPlace) {
          events.push([
            `interview:${departmentId}`,
            { type: 'InterviewOrdered', data: { departmentId, at, reason: 'last-in-ranking', year } },
          ]);
        }
      }
      const streamId = yearEndStreamOf(year);
      const stored = await store.readStream(streamId);
      const storedIds = new Set(stored.map((e) => e.id.toLowerCase()));
      const missing = events
        .map(([step, event]) => toNewEvent(event, derivedEventId(`${input.publicationId}/${step}`), { publicationId: input.publicationId }))
        .filter((event) => !storedIds.has(event.id));
      if (missing.length === 0) return 0;
      await store.appendToStream(streamId, missing, {
        expectedRevision: stored.length === 0 ? 'no_stream' : stored[stored.length - 1].revision,
      });
      return missing.length;
    },
  };
}

/**
 * RULES.md §5 recomputed: each department's deadlines over every issue, taken in due order, against the interviews
 * for consecutive misses its streak stream ordered for `year` (the year of the run's last missed deadline).
 */
async function compareInterviews(
  store: EventStore,
  year: number,
  issues: Map<string, IssueState>,
  setOrders: Map<string, number>,
  departments: Set<string>,
  thresholdAt: (due: number) => number,
): Promise<InterviewDifference[]> {
  const deadlines = new Map<string, StreakDeadline[]>();
  const lastDays = new Map<string, string>();
  for (const issue of issues.values()) {
    if (issue === null) continue;
    for (const deadline of issue.deadlines) {
      lastDays.set(deadline.deadlineId, deadline.lastDay);
      const list = deadlines.get(deadline.departmentId) ?? [];
      list.push(streakDeadlineOf(issue, deadline, setOrders.get(deadline.deadlineId) as number));
      deadlines.set(deadline.departmentId, list);
    }
  }
  const differences: InterviewDifference[] = [];
  for (const departmentId of [...new Set([...departments, ...deadlines.keys()])].sort()) {
    const expected = new Map<string, string[]>();
    for (const interview of replayStreak(departmentId, deadlines.get(departmentId) ?? [], thresholdAt)) {
      const last = interview.deadlineIds[interview.deadlineIds.length - 1];
      if (yearOf(lastDays.get(last) as string) === year) expected.set(interview.deadlineIds.join(','), interview.deadlineIds);
    }
    const recorded = new Map<string, string[]>();
    for (const stored of await store.readStream(streakStreamOf(departmentId))) {
      const event = toEngineEvent<DepartmentEvent>(stored);
      if (event.type === 'InterviewOrdered' && event.data.year === year && event.data.deadlineIds !== undefined) {
        recorded.set(event.data.deadlineIds.join(','), event.data.deadlineIds);
      }
    }
    for (const key of [...new Set([...expected.keys(), ...recorded.keys()])].sort()) {
      if (expected.has(key) && recorded.has(key)) continue;
      differences.push({
        departmentId,
        deadlineIds: (expected.get(key) ?? recorded.get(key)) as string[],
        expected: expected.has(key),
        recorded: recorded.has(key),
      });
    }
    Context.current().heartbeat(`interviews ${departmentId}`);
  }
  return differences;
}

/** RULES.md §3: the year's feedback deadlines pending past their provisional due instant at `at`, by due instant. */
function waitingDeadlinesOf(issues: Map<string, IssueState>, year: number, at: number): WaitingDeadline[] {
  const waiting: WaitingDeadline[] = [];
  for (const issue of issues.values()) {
    for (const deadline of issue?.deadlines ?? []) {
      if (issue === null || !isWaiting(deadline, at) || yearOf(deadline.lastDay) !== year) continue;
      waiting.push({ departmentId: deadline.departmentId, issueId: issue.issueId, deadlineId: deadline.deadlineId, due: toIso(deadline.due) });
    }
  }
  return waiting.sort((a, b) => a.due.localeCompare(b.due) || a.deadlineId.localeCompare(b.deadlineId));
}
