import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DEFAULT_POLICY, IssueCommand, IssueEvent, parseInstant } from '@app/domain';
import { toEngineEvent } from '@app/issues';
import { issueWorkflowIdOf } from '@app/temporal';
import { LiveHarness, STEP_LEAD_MS, TemporalSide } from './live-harness';
import { huatingChart } from './organisation-chart.fixture';
import { startTimeSkipping } from './time-skipping-env';

jest.setTimeout(300_000);

const at = (text: string) => parseInstant(text);
const chart = huatingChart('cg', 'zj');

/** Raises an issue and brings it to district level by hand, then blows the whistle (single, or joint for two). */
function whistled(issueId: string, whistleAt: string, ...departments: string[]): [number, IssueCommand][] {
  const whistle = at(whistleAt);
  return [
    [whistle - 3 * 60_000, { type: 'RaiseIssue', issueId, stationId: 'hbc', title: issueId, fourLists: { problem: issueId, tasks: '', responsibleParty: '', acceptanceStandard: '' }, at: whistle - 3 * 60_000 }],
    [whistle - 2 * 60_000, { type: 'EscalateIssue', at: whistle - 2 * 60_000 }],
    [whistle - 60_000, { type: 'EscalateIssue', at: whistle - 60_000 }],
    [whistle, { type: 'BlowWhistle', mode: departments.length > 1 ? 'joint' : 'single', departments, at: whistle }],
  ];
}

// The real 3-working-day rule on real timers: the time-skipping server lets the days pass, the workflows fire.
describe('feedback deadlines on Temporal timers', () => {
  let env: TestWorkflowEnvironment;
  let side: TemporalSide;
  let harness: LiveHarness;

  beforeAll(async () => {
    ({ env, side } = await startTimeSkipping());
    harness = await LiveHarness.create('temporal_deadlines', side, 'deadlines', DEFAULT_POLICY);
    await harness.registerOrganisation(chart);
    await harness.start(at('2026-02-10T00:00:00+08:00'));

    const acts: [string, number, IssueCommand][] = [
      // 督办提醒 on a makeup Saturday: whistle Wed Feb 11 → Feb 12, 13, Sat Feb 14 (调休) → due Feb 15 00:00 (Spring
      // Festival Feb 15–23); zj is reminded Sat Feb 14 09:00, then misses it.
      ...whistled('spring-festival', '2026-02-11T10:00:00+08:00', 'zj').map(([t, c]): [string, number, IssueCommand] => ['spring-festival', t, c]),
      // Across the festival: joint whistle Fri Feb 13 → Sat Feb 14, [Feb 15–23], Tue 24, Wed 25 → due Feb 26 00:00,
      // reminder Wed Feb 25 09:00: cg answered Feb 24 (no reminder), zj is reminded and answers at 10:00 (met).
      ...whistled('across-festival', '2026-02-13T10:00:00+08:00', 'cg', 'zj').map(([t, c]): [string, number, IssueCommand] => ['across-festival', t, c]),
      ['across-festival', at('2026-02-24T10:00:00+08:00'), { type: 'GiveFeedback', departmentId: 'cg', at: at('2026-02-24T10:00:00+08:00') }],
      ['across-festival', at('2026-02-25T10:00:00+08:00'), { type: 'GiveFeedback', departmentId: 'zj', at: at('2026-02-25T10:00:00+08:00') }],
      // Makeup Saturday: whistle Wed Feb 25 → Thu 26, Fri 27, Sat 28 (调休 working day) → due Mar 1 00:00; missed.
      ...whistled('makeup', '2026-02-25T09:00:00+08:00', 'zj').map(([t, c]): [string, number, IssueCommand] => ['makeup', t, c]),
      // Qingming: whistle Wed Apr 1 → Apr 2, Apr 3, [Apr 4–6], Apr 7 → due Apr 8 00:00; feedback exactly then is late.
      ...whistled('qingming', '2026-04-01T10:00:00+08:00', 'cg').map(([t, c]): [string, number, IssueCommand] => ['qingming', t, c]),
      ['qingming', at('2026-04-08T00:00:00+08:00'), { type: 'GiveFeedback', departmentId: 'cg', at: at('2026-04-08T00:00:00+08:00') }],
      // Cancelled by a close: joint whistle Mon Jun 1 → due Jun 5 00:00 (reminder Jun 4 09:00); cg resolves (meeting its own deadline), the
      // station rejects once, cg resolves again, the station confirms Jun 3: zj's deadline is cancelled, not missed.
      ...whistled('cancelled', '2026-06-01T10:00:00+08:00', 'cg', 'zj').map(([t, c]): [string, number, IssueCommand] => ['cancelled', t, c]),
      ['cancelled', at('2026-06-02T10:00:00+08:00'), { type: 'ReportResolution', departmentId: 'cg', at: at('2026-06-02T10:00:00+08:00') }],
      ['cancelled', at('2026-06-02T11:00:00+08:00'), { type: 'RejectClosing', at: at('2026-06-02T11:00:00+08:00') }],
      ['cancelled', at('2026-06-02T12:00:00+08:00'), { type: 'ReportResolution', departmentId: 'cg', at: at('2026-06-02T12:00:00+08:00') }],
      ['cancelled', at('2026-06-03T10:00:00+08:00'), { type: 'ConfirmClosing', at: at('2026-06-03T10:00:00+08:00') }],
      // National Day: whistle Tue Sep 29 16:00 → Sep 30, [Oct 1–7], Oct 8, Oct 9 → due Oct 10 00:00; feedback Oct 9 met.
      ...whistled('national-day', '2026-09-29T16:00:00+08:00', 'cg').map(([t, c]): [string, number, IssueCommand] => ['national-day', t, c]),
      ['national-day', at('2026-10-09T17:00:00+08:00'), { type: 'GiveFeedback', departmentId: 'cg', at: at('2026-10-09T17:00:00+08:00') }],
    ];
    acts.sort((a, b) => a[1] - b[1]);
    for (const [index, [issueId, instant, command]] of acts.entries()) {
      await harness.advanceTo(instant - STEP_LEAD_MS);
      await harness.execute(issueId, command, `deadline-test/${index}`);
      await harness.settle();
    }
    await harness.advanceTo(at('2026-12-31T00:00:00+08:00'));
    await harness.settle();
    if (process.env.RECORD_HISTORIES === '1') await recordHistories(env, ['qingming', 'cancelled', 'makeup', 'across-festival']);
  });

  afterAll(async () => {
    await harness?.close();
    await env?.teardown();
  });

  const deadlineOf = async (issueId: string) => (await harness.issueState(issueId)).deadlines;
  const ledgerOf = async (department: string) =>
    (await harness.departmentEvents(`ledger-${department}-2026`)).flatMap((e) => (e.type === 'LedgerEntryRecorded' ? [e.data] : []));

  it('counts the makeup Saturday as a working day and books the miss at its due instant', async () => {
    const [deadline] = await deadlineOf('makeup');
    expect(new Date(deadline.due).toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(deadline.outcome).toBe('missed');
    expect((await ledgerOf('zj')).filter((e) => e.reason === 'feedback-missed' && e.issueId === 'makeup')).toEqual([
      expect.objectContaining({ points: -3, at: '2026-02-28T16:00:00.000Z' }),
    ]);
  });

  it('skips Qingming, and feedback at the exact deadline instant is late', async () => {
    const [deadline] = await deadlineOf('qingming');
    expect(new Date(deadline.due).toISOString()).toBe('2026-04-07T16:00:00.000Z');
    expect(deadline.outcome).toBe('missed');
    expect((await ledgerOf('cg')).filter((e) => e.issueId === 'qingming').map((e) => e.points)).toEqual([-3]);
  });

  it('skips National Day and meets the deadline with feedback on Oct 9', async () => {
    const [deadline] = await deadlineOf('national-day');
    expect(new Date(deadline.due).toISOString()).toBe('2026-10-09T16:00:00.000Z');
    expect(deadline.outcome).toBe('met');
    expect((await ledgerOf('cg')).filter((e) => e.issueId === 'national-day')).toEqual([]);
  });

  it('cancels the deadline when the issue is closed first, and the workflow ends with no timer left', async () => {
    const deadlines = await deadlineOf('cancelled');
    expect(deadlines.map((d) => [d.departmentId, d.outcome])).toEqual([
      ['cg', 'met'],
      ['zj', 'cancelled'],
    ]);
    expect((await ledgerOf('zj')).filter((e) => e.issueId === 'cancelled').map((e) => [e.reason, e.points])).toEqual([['joint-closed', 0.5]]);
    const description = await env.client.workflow.getHandle(issueWorkflowIdOf('cancelled')).describe();
    expect(description.status.name).toBe('COMPLETED');
  });

  /** Each reminder recorded on the issue: department, reminder instant, and the timer (tick) that recorded it. */
  const remindersOf = async (issueId: string) =>
    (await harness.store.readStream(`issue-${issueId}`)).flatMap((recorded) => {
      const event = toEngineEvent<IssueEvent>(recorded);
      return event.type === 'FeedbackReminderSent' ? [[event.data.departmentId, event.data.at, recorded.metadata.causationId]] : [];
    });
  const tickAt = (issueId: string, iso: string) => `issue-${issueId}/tick/${iso}`;

  it('reminds on the makeup Saturday before the Spring Festival, by the timer of that instant, then books the miss', async () => {
    expect(await remindersOf('spring-festival')).toEqual([['zj', '2026-02-14T01:00:00.000Z', tickAt('spring-festival', '2026-02-14T01:00:00.000Z')]]);
    expect((await deadlineOf('spring-festival')).map((d) => d.outcome)).toEqual(['missed']);
    expect(await remindersOf('makeup')).toEqual([['zj', '2026-02-28T01:00:00.000Z', tickAt('makeup', '2026-02-28T01:00:00.000Z')]]);
  });

  it('reminds across the festival on the last working day, only the department that still owes feedback', async () => {
    expect(await remindersOf('across-festival')).toEqual([['zj', '2026-02-25T01:00:00.000Z', tickAt('across-festival', '2026-02-25T01:00:00.000Z')]]);
    expect((await deadlineOf('across-festival')).map((d) => [d.departmentId, d.outcome, d.due])).toEqual([
      ['cg', 'met', at('2026-02-26T00:00:00+08:00')],
      ['zj', 'met', at('2026-02-26T00:00:00+08:00')],
    ]);
  });

  it('reminds on the last working day before Qingming and National Day; none after the issue closed first', async () => {
    expect((await remindersOf('qingming')).map(([, instant]) => instant)).toEqual(['2026-04-07T01:00:00.000Z']);
    expect((await remindersOf('national-day')).map(([, instant]) => instant)).toEqual(['2026-10-09T01:00:00.000Z']);
    expect(await remindersOf('cancelled')).toEqual([]);
  });

  it('books each ledger entry once although every event may be delivered more than once', async () => {
    const ids = [...(await ledgerOf('cg')), ...(await ledgerOf('zj'))].map((e) => e.entryId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

/** Saves the histories as replay fixtures (workflows/__fixtures__), run with RECORD_HISTORIES=1. */
async function recordHistories(env: TestWorkflowEnvironment, issueIds: string[]): Promise<void> {
  mkdirSync(join(__dirname, '../../workflows/__fixtures__'), { recursive: true });
  for (const issueId of issueIds) {
    const history = await env.client.workflow.getHandle(issueWorkflowIdOf(issueId)).fetchHistory();
    const file = join(__dirname, '../../workflows/__fixtures__', `issue-${issueId}.history.json`);
    const json = temporal.api.history.v1.History.toObject(history as temporal.api.history.v1.History, { longs: String, enums: String, bytes: String });
    writeFileSync(file, JSON.stringify(json, null, 1));
  }
}
