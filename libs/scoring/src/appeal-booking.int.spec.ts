// Appeals live on the real PostgreSQL event store: an overturn stored by AccountabilityCommands is booked by
// AppealBooking (the ledger's compensating entry, the streak recounted) once, whether delivered once, again, or to a
// process killed with SIGKILL between the decision and the booking; the year end agrees and lists the open appeals.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { DepartmentEvent, foldStreakHistory, IssueCommand, ledgerStreamOf, parseInstant, streakStreamOf } from '@app/domain';
import { migrateEventStore, PostgresEventStore } from '@app/event-store';
import { AccountabilityCommands, issueIdOfStream, IssueCommandService, ReferenceData, toEngineEvent } from '@app/issues';
import { createFreshDatabase, FreshDatabase } from '@app/testing';
import { Pool } from 'pg';
import { AppealBooking } from './appeal-booking';
import { FeedbackStreakTracker } from './feedback-streak-tracker';
import { LedgerBooking } from './ledger-booking';
import { YearEndReconciliation } from './year-end-reconciliation';
import { registerOrganisation, smallDistrict } from '../../issues/test/organisation.fixture';

const REPO_ROOT = join(__dirname, '../../..');
/** Whistled Monday 2 March 2026 (no holiday that week): due Fri 6 March 00:00, appealable until Sat 14 March 00:00. */
const WHISTLE = parseInstant('2026-03-02T10:00:00+08:00');
const MISSED = parseInstant('2026-03-06T01:00:00+08:00');
const FILED = parseInstant('2026-03-09T10:00:00+08:00');
const DECIDED = parseInstant('2026-03-10T10:00:00+08:00');
const supervisor = (n: number | string) => ({ causationId: `decide/${n}`, actor: { role: 'supervisor' } });

describe('AppealBooking (PostgreSQL)', () => {
  let database: FreshDatabase;
  let store: PostgresEventStore;
  let pool: Pool;
  let reference: ReferenceData;
  let issues: IssueCommandService;
  let accountability: AccountabilityCommands;

  beforeEach(async () => {
    database = await createFreshDatabase('appeal_booking');
    await migrateEventStore(database.url);
    store = new PostgresEventStore({ connectionString: database.url });
    pool = new Pool({ connectionString: database.url });
    reference = new ReferenceData(store);
    issues = new IssueCommandService(store, () => reference.decisionContext());
    accountability = new AccountabilityCommands(store, reference);
    await registerOrganisation(store, smallDistrict({ id: 'sw', name: '区水务局' }), 'appeal-booking-test');
  });

  afterEach(async () => {
    await pool.end();
    await store.close();
    await database.drop();
  });

  /**
   * `count` issues whistled to sw a minute apart, each deadline missed, with what the worker books for them: the
   * deductions and the streak (an interview for each pair of consecutive misses).
   */
  async function missedDeadlines(count: number): Promise<string[]> {
    const fourLists = { problem: 'p', tasks: 't', responsibleParty: 'r', acceptanceStandard: 'a' };
    const ids = Array.from({ length: count }, (_, n) => `i${n + 1}`);
    for (const [n, issueId] of ids.entries()) {
      const at = WHISTLE + n * 60_000;
      const commands: IssueCommand[] = [
        { type: 'RaiseIssue', issueId, stationId: 'ws', title: issueId, fourLists, at: at - 3000 },
        { type: 'EscalateIssue', at: at - 2000 },
        { type: 'EscalateIssue', at: at - 1000 },
        { type: 'BlowWhistle', mode: 'single', departments: ['sw'], at },
      ];
      for (const [step, command] of commands.entries()) {
        await issues.execute(issueId, command, { causationId: `${issueId}/${step}`, actor: { role: 'test' } });
      }
    }
    for (const issueId of ids) {
      await issues.execute(issueId, { type: 'Tick', at: MISSED }, { causationId: `${issueId}/tick`, actor: { role: 'test' } });
    }
    const tracker = new FeedbackStreakTracker(store, reference);
    const ledgers = new LedgerBooking(store, reference);
    for (const recorded of await store.readAll({ category: 'issue', maxCount: 10_000 })) {
      await tracker.track(recorded);
      if (recorded.type === 'FeedbackDeadlineMissed')
        await ledgers.bookIssueEvent(issueIdOfStream(recorded.streamId) as string, recorded.revision, recorded.id);
    }
    return ids.map((issueId) => `${issueId}#1`);
  }

  async function fileAppeal(deadlineId: string, cause = `file/${deadlineId}`): Promise<void> {
    const issueId = deadlineId.split('#')[0];
    await accountability.appeal(
      deadlineId,
      { type: 'FileAppeal', departmentId: 'sw', issueId, deadlineId, reason: '未收到派单', at: FILED },
      { causationId: cause, actor: { role: 'department', id: 'sw' } },
    );
  }

  async function overturn(deadlineId: string): Promise<void> {
    await fileAppeal(deadlineId);
    await accountability.appeal(
      deadlineId,
      { type: 'DecideAppeal', outcome: 'overturned', reason: '经复核，派单未送达', at: DECIDED },
      supervisor(deadlineId),
    );
  }

  const ledger = async () =>
    (await store.readStream(ledgerStreamOf('sw', 2026)))
      .map((e) => toEngineEvent<DepartmentEvent>(e))
      .flatMap((e) => (e.type === 'LedgerEntryRecorded' ? [e.data] : []));
  const streakEvents = async () => (await store.readStream(streakStreamOf('sw'))).map((e) => toEngineEvent<DepartmentEvent>(e));
  const decisions = async () =>
    (await store.readAll({ category: 'appeal', maxCount: 10_000 })).filter((e) => e.type === 'AppealOverturned');

  it('books the overturn once: +3 linked to the appeal, the interview withdrawn and the new run ordered at the decision', async () => {
    await missedDeadlines(3);
    expect(foldStreakHistory(await streakEvents()).inForce.map((i) => i.deadlineIds)).toEqual([['i1#1', 'i2#1']]);
    await overturn('i1#1');
    const booking = new AppealBooking(store, reference);
    const [decision] = await decisions();
    expect(await booking.bookDecision(decision)).toBe(3);
    expect(await booking.bookDecision(decision)).toBe(0);
    const overturned = (await ledger()).filter((e) => e.reason === 'deduction-overturned');
    expect(overturned).toEqual([
      expect.objectContaining({
        entryId: 'overturned:i1#1',
        points: 3,
        appealId: 'appeal:i1#1',
        explanation: '经复核，派单未送达',
        causedBy: decision.id,
      }),
    ]);
    const recount = (await streakEvents()).slice(-3) as Extract<DepartmentEvent, { data: { at: string } }>[];
    expect(recount.map((e) => [e.type, 'deadlineIds' in e.data ? e.data.deadlineIds : undefined, e.data.at])).toEqual([
      ['InterviewWithdrawn', ['i1#1', 'i2#1'], new Date(DECIDED).toISOString()],
      ['InterviewOrdered', ['i2#1', 'i3#1'], new Date(DECIDED).toISOString()],
      ['StreakRecounted', undefined, new Date(DECIDED).toISOString()],
    ]);
    expect((await streakEvents()).filter((e) => e.type === 'StreakRecounted')).toHaveLength(1);
  });

  it('the year end takes the overturn and a base-score decision as recorded, and lists the appeal still open', async () => {
    await missedDeadlines(3);
    await overturn('i1#1');
    await fileAppeal('i3#1');
    await accountability.adjustBase(
      { type: 'AdjustBase', departmentId: 'sw', year: 2026, points: -10, reason: '缺席工作调度会', at: DECIDED },
      supervisor('base'),
    );
    const [decision] = await decisions();
    await new AppealBooking(store, reference).bookDecision(decision);
    const recomputation = await new YearEndReconciliation({ store, reference }).recompute(2026, '2026-12-31T16:30:00.000Z');
    expect(recomputation.differences).toEqual([]);
    expect(recomputation.interviewDifferences).toEqual([]);
    expect(recomputation.totals).toEqual([['sw', 60 - 10 - 3 * 3 + 3]]);
    expect(recomputation.openAppeals).toEqual([expect.objectContaining({ appealId: 'appeal:i3#1', departmentId: 'sw', issueId: 'i3' })]);
  });

  it('a decision on a closed appeal, a second appeal and a base score below zero are refused, nothing written; a retry is answered once', async () => {
    await missedDeadlines(1);
    await overturn('i1#1');
    const codeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'written',
        (error: { code?: string }) => error.code,
      );
    const before = await pool.query('SELECT count(*) FROM events');
    expect(
      await codeOf(
        accountability.appeal('i1#1', { type: 'DecideAppeal', outcome: 'upheld', reason: 'x', at: DECIDED }, supervisor('again')),
      ),
    ).toBe('APPEAL.CLOSED');
    expect(await codeOf(fileAppeal('i1#1', 'file-again'))).toBe('APPEAL.ALREADY_FILED');
    const adjust = (points: number, n: number) =>
      accountability.adjustBase(
        { type: 'AdjustBase', departmentId: 'sw', year: 2026, points, reason: '缺席', at: DECIDED },
        supervisor(`base-${n}`),
      );
    expect(await codeOf(adjust(-61, 1))).toBe('BASE.BELOW_ZERO');
    expect((await pool.query('SELECT count(*) FROM events')).rows).toEqual(before.rows);
    // A retry of the same cause (its answer lost) answers with what was stored, and books nothing twice.
    const first = await adjust(-5, 2);
    expect(await adjust(-5, 2)).toEqual(first);
    expect((await ledger()).filter((e) => e.reason === 'base-adjusted').map((e) => e.entryId)).toEqual(['base-adjusted:2026:sw:1']);
  });

  describe('the booking process killed with SIGKILL', () => {
    let child: ChildProcess | undefined;
    afterEach(() => child?.kill('SIGKILL'));

    async function start(): Promise<ChildProcess> {
      const started = spawn(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'libs/scoring/test/appeal-feed.process.ts'],
        {
          cwd: REPO_ROOT,
          env: { ...process.env, DATABASE_URL: database.url },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let output = '';
      await new Promise<void>((resolve, reject) => {
        started.stdout?.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('appeal feed ready')) resolve();
        });
        started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
        started.once('exit', (code, signal) => reject(new Error(`the appeal feed exited (${code ?? signal}):\n${output}`)));
      });
      child = started;
      return started;
    }

    const count = async (sql: string) => Number((await pool.query<{ n: string }>(sql)).rows[0].n);
    const overturnEntries = () =>
      count("SELECT count(*) AS n FROM events WHERE type = 'LedgerEntryRecorded' AND data->>'reason' = 'deduction-overturned'");
    const recounts = () => count("SELECT count(*) AS n FROM events WHERE type = 'StreakRecounted'");

    async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
      const deadline = Date.now() + 60_000;
      while (!(await condition())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }

    async function kill(process: ChildProcess): Promise<void> {
      const exited = once(process, 'exit');
      process.kill('SIGKILL');
      await exited;
      child = undefined;
    }

    it('loses nothing and books nothing twice: decisions stored while it is down, kills in the middle of booking', async () => {
      const deadlines = await missedDeadlines(12);
      // Killed between the decisions and their booking: the decisions are stored while no process books.
      for (const deadlineId of deadlines) await overturn(deadlineId);
      const countedAtKills: number[] = [];
      for (let kills = 0; kills < 3; kills += 1) {
        const booked = await overturnEntries();
        const running = await start();
        await until(async () => (await overturnEntries()) > booked || (await recounts()) === deadlines.length, 'the feed to book');
        await kill(running);
        countedAtKills.push(await recounts());
      }
      // The kills fell in the middle of the work: some overturns were still to count.
      expect(countedAtKills[0]).toBeLessThan(deadlines.length);
      await start();
      await until(async () => (await recounts()) === deadlines.length, 'every overturn to be counted');
      expect(await overturnEntries()).toBe(deadlines.length);
      expect(
        (await ledger())
          .filter((e) => e.reason === 'deduction-overturned')
          .map((e) => e.entryId)
          .sort(),
      ).toEqual(deadlines.map((d) => `overturned:${d}`).sort());
      // Every deadline counts as met: every interview withdrawn, none ordered that stands.
      const history = foldStreakHistory(await streakEvents());
      expect(history.inForce).toEqual([]);
      expect([...history.overturned].sort()).toEqual([...deadlines].sort());
      const recomputation = await new YearEndReconciliation({ store, reference }).recompute(2026, '2026-12-31T16:30:00.000Z');
      expect(recomputation.differences).toEqual([]);
      expect(recomputation.interviewDifferences).toEqual([]);
    });
  });
});
