// The worker process (apps/worker) killed with SIGKILL while it works, several times, on the Temporal dev server:
// afterwards no event is lost, no ledger entry is booked twice, and the year-end reconciliation finds no difference.
// Issues are whistled "in the past" of domain time (TEMPORAL_CLOCK_OFFSET_MS), so their deadlines are already due.
import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { Pool } from 'pg';
import {
  decide,
  baseEntryOfYear,
  DepartmentEvent,
  evolve,
  FEEDBACK_DEADLINE_EVENT_TYPES,
  Issue,
  IssueCommand,
  IssueEvent,
  IssueState,
  ledgerEntriesFor,
  parseInstant,
} from '@app/domain';
import { PostgresEventStore } from '@app/event-store';
import { IssueCommandService, ReferenceData, toEngineEvent } from '@app/issues';
import { YEAR_END_WORKFLOW_TYPE, YearEndWorkflowInput, YearEndWorkflowResult } from '@app/temporal';
import { FreshDatabase } from '@app/testing';
import { busyReason, CrashTestBed, raisedToDistrict, startWorkerProcess, waitUntilIdle, WorkerProcess } from './worker-process';

const DEPARTMENTS = ['d0', 'd1', 'd2', 'd3', 'd4', 'd5'];
const FIRST_WAVE = 20;
const LATER_WAVE = 10;
/** Worker writes since its start after which each run is killed: early, in the middle, late. */
const KILL_AFTER_WRITES = [5, 20, 35];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/**
 * Monday; each wave's issues are whistled on the following days, and their feedback deadlines fall due before
 * DOMAIN_NOW. A wave's acts are stored in time order and each wave after the last act of the one before, as acts
 * arrive in a running district (the feedback streaks rely on it: see FeedbackStreakTracker).
 */
const WHISTLE_DAY = parseInstant('2026-03-02T10:00:00+08:00');
const WAVE_SPACING = 21 * DAY;
const DOMAIN_NOW = parseInstant('2026-06-01T00:00:00+08:00');

/** The acts of issue n: a mix of misses, on-time feedback, closings, a joint whistle and a late closing. */
function actsOf(issueId: string, n: number, wave: number): IssueCommand[] {
  const whistleAt = WHISTLE_DAY + wave * WAVE_SPACING + (n % 3) * DAY + (n % 7) * 60_000;
  const department = DEPARTMENTS[n % DEPARTMENTS.length];
  const other = DEPARTMENTS[(n + 1) % DEPARTMENTS.length];
  const raise = raisedToDistrict(issueId, `crash ${n}`, whistleAt);
  switch (n % 5) {
    case 0: // missed: the worker's timer settles it
      return [...raise, { type: 'BlowWhistle', mode: 'single', departments: [department], at: whistleAt }];
    case 1: // feedback on time
      return [
        ...raise,
        { type: 'BlowWhistle', mode: 'single', departments: [department], at: whistleAt },
        { type: 'GiveFeedback', departmentId: department, at: whistleAt + HOUR },
      ];
    case 2: // feedback on time, resolved, closing confirmed
      return [
        ...raise,
        { type: 'BlowWhistle', mode: 'single', departments: [department], at: whistleAt },
        { type: 'GiveFeedback', departmentId: department, at: whistleAt + HOUR },
        { type: 'ReportResolution', departmentId: department, at: whistleAt + 2 * HOUR },
        { type: 'ConfirmClosing', at: whistleAt + 3 * HOUR },
      ];
    case 3: // joint: one department reports in, the other misses
      return [
        ...raise,
        { type: 'BlowWhistle', mode: 'joint', departments: [department, other], at: whistleAt },
        { type: 'GiveFeedback', departmentId: other, at: whistleAt + HOUR },
      ];
    default: // closed ten days later, the missed deadline settled by the closing's own instant
      return [
        ...raise,
        { type: 'BlowWhistle', mode: 'single', departments: [department], at: whistleAt },
        { type: 'ReportResolution', departmentId: department, at: whistleAt + 10 * DAY },
        { type: 'ConfirmClosing', at: whistleAt + 10 * DAY + HOUR },
      ];
  }
}

describe('worker crash (apps/worker killed with SIGKILL)', () => {
  const run = randomUUID().slice(0, 8);
  const taskQueue = `worker-crash-${run}`;
  const clockOffsetMs = Date.now() - DOMAIN_NOW;
  let bed: CrashTestBed;
  let database: FreshDatabase;
  let store: PostgresEventStore;
  let pool: Pool;
  let reference: ReferenceData;
  let commands: IssueCommandService;
  let client: Client;
  let worker: WorkerProcess | undefined;
  const issueIds: string[] = [];

  beforeAll(async () => {
    bed = await CrashTestBed.create('worker_crash', run, DEPARTMENTS);
    ({ database, store, pool, reference, commands, client } = bed);
  });

  afterAll(async () => {
    await bed?.close(taskQueue, worker);
  });

  let waves = 0;
  async function raiseIssues(count: number): Promise<void> {
    const wave = waves++;
    const start = issueIds.length;
    const acts: { issueId: string; step: number; command: IssueCommand }[] = [];
    for (let n = start; n < start + count; n += 1) {
      const issueId = `${run}-${n}`;
      issueIds.push(issueId);
      actsOf(issueId, n, wave).forEach((command, step) => acts.push({ issueId, step, command }));
    }
    acts.sort((a, b) => a.command.at - b.command.at);
    for (const { issueId, step, command } of acts) {
      await commands.execute(issueId, command, { causationId: `worker-crash/${issueId}/${step}`, actor: { role: 'test' } });
    }
  }

  async function startWorker(): Promise<WorkerProcess> {
    worker = await startWorkerProcess({ databaseUrl: database.url, taskQueue, clockOffsetMs });
    return worker;
  }

  /** Events only the worker writes: ticks' missed deadlines and reminders, streak tracking, ledger entries. */
  async function workerWrites(): Promise<number> {
    const { rows } = await pool.query<{ n: string }>(
      "SELECT count(*) AS n FROM events WHERE type IN ('FeedbackDeadlineTracked', 'LedgerEntryRecorded', 'InterviewOrdered', 'FeedbackReminderSent') OR (type = 'FeedbackDeadlineMissed' AND metadata->>'causationId' LIKE '%/tick/%')",
    );
    return Number(rows[0].n);
  }

  /** Kills the worker (SIGKILL) once it has written `writes` events since it started, i.e. in the middle of its work. */
  async function killWhileWorking(running: WorkerProcess, writes: number): Promise<{ before: number; atKill: number }> {
    const before = await workerWrites();
    const until = Date.now() + 30_000;
    let atKill = before;
    while (atKill < before + writes) {
      if (Date.now() > until) throw new Error(`the worker wrote ${atKill - before} events, not ${writes}:\n${running.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
      atKill = await workerWrites();
    }
    await running.kill();
    worker = undefined;
    return { before, atKill };
  }

  /** What libs/domain says the worker must have added: each issue settled at domain "now", and its ledger entries. */
  async function expectedOutcome() {
    const context = await reference.decisionContext();
    const snapshot = await reference.snapshot();
    const ledger = new Map<string, number>();
    for (const id of DEPARTMENTS) {
      const base = baseEntryOfYear(id, 2026, snapshot.policy, snapshot.zone);
      ledger.set(base.entryId, base.points);
    }
    const missed = new Set<string>();
    const reminded = new Set<string>();
    const deadlineEvents = new Set<string>();
    for (const issueId of issueIds) {
      const recorded = await store.readStream(`issue-${issueId}`);
      const humanActs = recorded.filter((e) => !String(e.metadata.causationId ?? '').includes('/tick/'));
      const events: { id: string; event: IssueEvent }[] = humanActs.map((e) => ({ id: e.id, event: toEngineEvent<IssueEvent>(e) }));
      let state = events.reduce<IssueState>((s, e) => evolve(s, e.event), null);
      // Every wave is stored while no worker runs, so a reminder timer finds the deadline as the people's acts left it.
      for (const d of (state as Issue).deadlines) if (d.outcome === 'pending' && d.remindAt !== undefined) reminded.add(d.deadlineId);
      const settled = decide({ type: 'Tick', at: DOMAIN_NOW }, state, context);
      let before: IssueState = null;
      for (const { event } of [...events, ...settled.map((event) => ({ id: '', event }))]) {
        if (before !== null)
          for (const entry of ledgerEntriesFor(event, before, (at) => snapshot.policy.at(at), snapshot.zone))
            ledger.set(entry.entryId, entry.points);
        if (event.type === 'FeedbackDeadlineMissed') missed.add(event.data.deadlineId);
        before = evolve(before, event);
      }
      state = before;
      expect((state as Issue).deadlines.filter((d) => d.outcome === 'pending')).toEqual([]);
      for (const e of recorded) if (FEEDBACK_DEADLINE_EVENT_TYPES.has(e.type as IssueEvent['type'])) deadlineEvents.add(e.id);
    }
    return { ledger, missed, reminded, deadlineEvents };
  }

  // Four worker starts, each bundling the workflows, and a year end: minutes on a loaded two-core machine.
  it('loses no event and books no ledger entry twice across repeated SIGKILLs; the year end finds no difference', async () => {
    await raiseIssues(FIRST_WAVE);
    const kills: { before: number; atKill: number }[] = [];
    for (const writes of KILL_AFTER_WRITES) {
      kills.push(await killWhileWorking(await startWorker(), writes));
      // New work arrives while the worker is down, so the next run also has work in hand when it is killed.
      await raiseIssues(LATER_WAVE);
    }
    await startWorker();
    await waitUntilIdle(
      () => busyReason(pool, client, issueIds, clockOffsetMs),
      () => worker?.output() ?? '',
    );

    const expected = await expectedOutcome();
    const total = await workerWrites();
    // Each kill came while work was left: the worker had more to write then than it has written by now.
    for (const kill of kills) expect(kill.atKill).toBeLessThan(total);
    expect(expected.missed.size).toBeGreaterThan(0);

    // Every missed deadline once, and exactly the ones the domain settles.
    const { rows: missedRows } = await pool.query<{ deadline: string; n: string }>(
      "SELECT data->>'deadlineId' AS deadline, count(*) AS n FROM events WHERE type = 'FeedbackDeadlineMissed' GROUP BY 1",
    );
    expect(missedRows.filter((r) => r.n !== '1')).toEqual([]);
    expect(new Set(missedRows.map((r) => r.deadline))).toEqual(expected.missed);

    // Every reminder once, to each department that still owed feedback at its reminder instant.
    const { rows: reminderRows } = await pool.query<{ deadline: string; n: string }>(
      "SELECT data->>'deadlineId' AS deadline, count(*) AS n FROM events WHERE type = 'FeedbackReminderSent' GROUP BY 1",
    );
    expect(reminderRows.filter((r) => r.n !== '1')).toEqual([]);
    expect(expected.reminded.size).toBeGreaterThan(0);
    expect(new Set(reminderRows.map((r) => r.deadline))).toEqual(expected.reminded);

    // Every ledger entry once, with the domain's points, and nothing else.
    const { rows: ledgerRows } = await pool.query<{ entry: string; points: number; n: string }>(
      "SELECT data->>'entryId' AS entry, max((data->>'points')::float8) AS points, count(*) AS n FROM events WHERE type = 'LedgerEntryRecorded' GROUP BY 1",
    );
    expect(ledgerRows.filter((r) => r.n !== '1')).toEqual([]);
    expect(new Map(ledgerRows.map((r) => [r.entry, Number(r.points)]))).toEqual(expected.ledger);

    // Every deadline event tracked in its department's streak once; interviews only over missed deadlines.
    const { rows: trackedRows } = await pool.query<{ cause: string; n: string }>(
      "SELECT metadata->>'causedBy' AS cause, count(*) AS n FROM events WHERE type = 'FeedbackDeadlineTracked' GROUP BY 1",
    );
    expect(trackedRows.filter((r) => r.n !== '1')).toEqual([]);
    expect(new Set(trackedRows.map((r) => r.cause))).toEqual(expected.deadlineEvents);
    const interviews = (await pool.query<{ data: DepartmentEvent['data'] }>("SELECT data FROM events WHERE type = 'InterviewOrdered'"))
      .rows;
    for (const { data } of interviews) {
      for (const deadlineId of (data as { deadlineIds: string[] }).deadlineIds) expect(expected.missed).toContain(deadlineId);
    }

    const yearEnd = await client.workflow.execute<(input: YearEndWorkflowInput) => Promise<YearEndWorkflowResult>>(YEAR_END_WORKFLOW_TYPE, {
      taskQueue,
      workflowId: `yearend-2026-provisional-${run}`,
      args: [{ year: 2026, final: false, clockOffsetMs }],
    });
    expect(yearEnd.differences).toBe(0);
    // The year end recomputes every department's runs of misses in due order: the streaks ordered exactly those.
    expect(interviews.length).toBeGreaterThan(0);
    expect(yearEnd.interviewDifferences).toBe(0);
  }, 300_000);
});
