// 督办提醒 across worker crashes (apps/worker killed with SIGKILL, Temporal dev server): killed while the reminder
// timers are pending, restarted after their instant, killed again as soon as the first reminder is stored. Each
// department that still owes feedback is reminded exactly once, at the reminder instant, by the timer of that instant.
import { randomUUID } from 'node:crypto';
import { IssueCommand, parseInstant } from '@app/domain';
import { issueStateQuery, issueWorkflowIdOf } from '@app/temporal';
import { busyReason, CrashTestBed, startWorkerProcess, waitUntilIdle, WorkerProcess } from './worker-process';

jest.setTimeout(180_000);

const HOUR = 3_600_000;
/** Whistled Wed Mar 4 → Mar 5, 6, Mon 9 → due Tue Mar 10 00:00; reminded Mon Mar 9 09:00. */
const WHISTLE_AT = parseInstant('2026-03-04T10:00:00+08:00');
const REMIND_AT = parseInstant('2026-03-09T09:00:00+08:00');
/** Domain time starts this long before the reminder instant: enough for the worker to start and arm its timers. */
const LEAD_MS = 40_000;
const ISSUES = 4;

describe('reminder timers across worker crashes', () => {
  const run = randomUUID().slice(0, 8);
  const taskQueue = `reminder-crash-${run}`;
  let clockOffsetMs = 0;
  let bed: CrashTestBed;
  let worker: WorkerProcess | undefined;
  const issueIds = Array.from({ length: ISSUES }, (_, n) => `${run}-${n}`);

  beforeAll(async () => {
    bed = await CrashTestBed.create('reminder_crash', run, ['cg', 'zj']);
  });

  afterAll(async () => {
    await bed?.close(taskQueue, worker);
  });

  /** Joint whistles to cg and zj; cg reports in the next day, zj still owes feedback at the reminder instant. */
  async function whistleIssues(): Promise<void> {
    for (const [n, issueId] of issueIds.entries()) {
      const whistleAt = WHISTLE_AT + n * 60_000;
      const acts: IssueCommand[] = [
        { type: 'RaiseIssue', issueId, stationId: 'ws', title: `reminder ${n}`, fourLists: { problem: 'p', tasks: 't', responsibleParty: 'r', acceptanceStandard: 'a' }, at: whistleAt - 3000 },
        { type: 'EscalateIssue', at: whistleAt - 2000 },
        { type: 'EscalateIssue', at: whistleAt - 1000 },
        { type: 'BlowWhistle', mode: 'joint', departments: ['cg', 'zj'], at: whistleAt },
        { type: 'GiveFeedback', departmentId: 'cg', at: whistleAt + 24 * HOUR },
      ];
      for (const [step, command] of acts.entries()) {
        await bed.commands.execute(issueId, command, { causationId: `reminder-crash/${issueId}/${step}`, actor: { role: 'test' } });
      }
    }
  }

  const start = async () => (worker = await startWorkerProcess({ databaseUrl: bed.database.url, taskQueue, clockOffsetMs }));
  const idle = () => waitUntilIdle(() => busyReason(bed.pool, bed.client, issueIds, clockOffsetMs), () => worker?.output() ?? '');
  const domainNow = () => Date.now() - clockOffsetMs;
  const reminders = async () =>
    (
      await bed.pool.query<{ department: string; deadline: string; at: string; cause: string }>(
        "SELECT data->>'departmentId' AS department, data->>'deadlineId' AS deadline, data->>'at' AS at, metadata->>'causationId' AS cause FROM events WHERE type = 'FeedbackReminderSent' ORDER BY global_position",
      )
    ).rows;

  it('reminds each department still owing feedback exactly once, by the timer of the reminder instant', async () => {
    clockOffsetMs = Date.now() - (REMIND_AT - LEAD_MS);
    await whistleIssues();

    // Every workflow waits on its reminder timer; the worker dies before it fires.
    await start();
    await idle();
    for (const issueId of issueIds) {
      const view = await bed.client.workflow.getHandle(issueWorkflowIdOf(issueId)).query(issueStateQuery);
      expect(view.nextDue).toBe(new Date(REMIND_AT).toISOString());
    }
    expect(domainNow()).toBeLessThan(REMIND_AT);
    await (worker as WorkerProcess).kill();
    expect(await reminders()).toEqual([]);

    // Restarted once the instant has passed: killed again the moment its first reminder is stored.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, REMIND_AT - domainNow()) + 1000));
    const restarted = await start();
    const until = Date.now() + 30_000;
    while ((await reminders()).length === 0) {
      if (Date.now() > until) throw new Error(`no reminder recorded after the restart:\n${restarted.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await restarted.kill();

    await start();
    await idle();
    const remindAt = new Date(REMIND_AT).toISOString();
    expect((await reminders()).sort((a, b) => a.deadline.localeCompare(b.deadline))).toEqual(
      [...issueIds].sort().map((issueId) => ({ department: 'zj', deadline: `${issueId}#2`, at: remindAt, cause: `issue-${issueId}/tick/${remindAt}` })),
    );
    for (const issueId of issueIds) {
      const view = await bed.client.workflow.getHandle(issueWorkflowIdOf(issueId)).query(issueStateQuery);
      expect(view.nextDue).toBe('2026-03-09T16:00:00.000Z');
    }
  });
});
