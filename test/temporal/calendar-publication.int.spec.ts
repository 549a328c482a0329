// Calendar publication on a live issue workflow (RULES.md §3, version 2): a feedback deadline that reaches into a year
// whose official schedule is not yet loaded is counted with the statutory rest days and provisional; past its due
// instant it is not missed but waits (the year end reports it); loading the schedule makes the running workflow
// recompute it and settle it against its new due instant.
import { MockActivityEnvironment, TestWorkflowEnvironment } from '@temporalio/testing';
import { DEFAULT_POLICY, IssueCommand, parseInstant, YearRecomputation } from '@app/domain';
import { issueStateQuery, issueWorkflowIdOf } from '@app/temporal';
import { createActivities } from '@app/temporal/worker';
import { LiveHarness, STEP_LEAD_MS, TemporalSide } from './live-harness';
import { huatingChart } from './organisation-chart.fixture';
import { startTimeSkipping } from './time-skipping-env';

const at = (text: string) => parseInstant(text);
const WHISTLE = at('2026-12-30T10:00:00+08:00');
/** Thu Dec 31, (Fri Jan 1 元旦 and the weekend, statutory rest days), Mon Jan 4, Tue Jan 5 → due Wed Jan 6 00:00. */
const DUE = '2027-01-06T00:00:00+08:00';
const FEEDBACK = at('2027-01-06T10:00:00+08:00');
const PUBLISHED = at('2027-01-07T09:00:00+08:00');
const SCHEDULE_2027 = { year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [], source: 'test notice' };

describe('calendar publication recomputes provisional deadlines of running workflows', () => {
  let env: TestWorkflowEnvironment;
  let side: TemporalSide;
  let harness: LiveHarness;

  beforeAll(async () => {
    ({ env, side } = await startTimeSkipping());
    harness = await LiveHarness.create('calendar_publication', side, 'calendar-publication', DEFAULT_POLICY);
    await harness.registerOrganisation(huatingChart('cg'));
    await harness.start(WHISTLE - 10 * 60_000);
  });

  afterAll(async () => {
    await harness?.close();
    await env?.teardown();
  });

  const deadline = async () => (await harness.issueState('year-end-drain')).deadlines[0];
  const deductions = async () =>
    (await harness.departmentEvents('ledger-cg-2027')).flatMap((e) =>
      e.type === 'LedgerEntryRecorded' && e.data.points < 0 ? [{ points: e.data.points, at: e.data.at, year: e.data.year }] : [],
    );

  it('is provisional before the schedule is loaded, with no timer', async () => {
    const fourLists = { problem: '雨水篦子堵塞', tasks: '', responsibleParty: '', acceptanceStandard: '' };
    const acts: IssueCommand[] = [
      { type: 'RaiseIssue', issueId: 'year-end-drain', stationId: 'hbc', title: '雨水篦子堵塞', fourLists, at: WHISTLE - 3 * 60_000 },
      { type: 'EscalateIssue', at: WHISTLE - 2 * 60_000 },
      { type: 'EscalateIssue', at: WHISTLE - 60_000 },
      { type: 'BlowWhistle', mode: 'single', departments: ['cg'], at: WHISTLE },
    ];
    for (const [index, command] of acts.entries()) {
      await harness.advanceTo(command.at - STEP_LEAD_MS);
      await harness.execute('year-end-drain', command, `calendar-test/${index}`);
      await harness.settle();
    }
    expect(await deadline()).toMatchObject({ due: at(DUE), lastDay: '2027-01-05', provisional: true, outcome: 'pending' });
    const view = await side.client.workflow.getHandle(issueWorkflowIdOf('year-end-drain')).query(issueStateQuery);
    expect(view.nextDue).toBeNull();
  });

  it('past its due instant it waits: not missed, feedback does not meet it, and the year end reports it', async () => {
    await harness.advanceTo(FEEDBACK - STEP_LEAD_MS);
    await harness.settle();
    expect((await deadline()).outcome).toBe('pending');
    await harness.execute('year-end-drain', { type: 'GiveFeedback', departmentId: 'cg', at: FEEDBACK }, 'calendar-test/feedback');
    await harness.settle();
    expect(await deadline()).toMatchObject({ outcome: 'pending', provisional: true, answeredAt: FEEDBACK });
    expect(await deductions()).toEqual([]);
    // The activity alone: a year-end workflow on the time-skipping server would let time run on while it waits.
    const { recomputeYear } = createActivities({ store: harness.store, reference: harness.reference });
    const recomputation: YearRecomputation = await new MockActivityEnvironment().run(recomputeYear, {
      year: 2027,
      at: new Date(FEEDBACK).toISOString(),
    });
    expect(recomputation.waitingDeadlines).toEqual([
      { departmentId: 'cg', issueId: 'year-end-drain', deadlineId: 'year-end-drain#1', due: new Date(at(DUE)).toISOString() },
    ]);
  });

  it('is recomputed by the running workflow once the schedule is loaded, and missed at once: the feedback came late', async () => {
    await harness.advanceTo(PUBLISHED);
    await harness.loadYearSchedule(SCHEDULE_2027, PUBLISHED, 'calendar-test/2027');
    const until = Date.now() + 60_000;
    while ((await deadline()).outcome === 'pending' && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 200));
    await harness.settle();
    expect(await deadline()).toMatchObject({ due: at(DUE), lastDay: '2027-01-05', provisional: false, outcome: 'missed' });
    const events = (await harness.store.readStream('issue-year-end-drain')).map((e) => e.type);
    expect(events.slice(-2)).toEqual(['FeedbackDeadlineRecomputed', 'FeedbackDeadlineMissed']);
    expect(await deductions()).toEqual([{ points: -3, at: new Date(at(DUE)).toISOString(), year: 2027 }]);
  });
});
