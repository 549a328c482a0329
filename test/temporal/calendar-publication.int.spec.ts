// Calendar publication on a live issue workflow: a feedback deadline that reaches into a year whose official schedule
// is not yet loaded is provisional (weekdays count); loading the schedule makes the open workflow recompute it, and
// its timer follows the new due instant.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DEFAULT_POLICY, IssueCommand, parseInstant, readScenario, ReferenceEvent, REFERENCE_STREAMS } from '@app/domain';
import { derivedEventId, toNewEvent } from '@app/issues';
import { LiveHarness, STEP_LEAD_MS, TemporalSide } from './live-harness';
import { startTimeSkipping } from './time-skipping-env';

const at = (text: string) => parseInstant(text);
const WHISTLE = at('2026-12-30T10:00:00+08:00');
/** Provisional: Thu Dec 31, Fri Jan 1 and Mon Jan 4 2027 counted as working days → due Tue Jan 5 00:00. */
const PROVISIONAL_DUE = '2027-01-05T00:00:00+08:00';
/** With 1 January 2027 a holiday: Dec 31, Jan 4, Jan 5 → due Wed Jan 6 00:00. */
const OFFICIAL_DUE = '2027-01-06T00:00:00+08:00';
const SCHEDULE_2027: ReferenceEvent = {
  type: 'YearScheduleLoaded',
  data: { year: 2027, holidays: ['2027-01-01'], workdays: [], source: 'test notice', at: '2026-12-31T09:00:00.000Z' },
};

describe('calendar publication recomputes provisional deadlines of running workflows', () => {
  let env: TestWorkflowEnvironment;
  let side: TemporalSide;
  let harness: LiveHarness;

  beforeAll(async () => {
    ({ env, side } = await startTimeSkipping());
    harness = await LiveHarness.create('calendar_publication', side, 'calendar-publication', DEFAULT_POLICY);
    await harness.registerOrganisation(
      readScenario({
        year: 2026,
        streets: [{ id: 'htl', name: '花亭路街道' }],
        stations: [{ id: 'hbc', name: '花亭北村社区工作站', street: 'htl' }],
        departments: [{ id: 'cg', name: '区城管局' }],
        steps: [],
      }),
    );
    await harness.start(WHISTLE - 10 * 60_000);
  });

  afterAll(async () => {
    await harness?.close();
    await env?.teardown();
  });

  const deadline = async () => (await harness.issueState('year-end-drain')).deadlines[0];

  it('is provisional before the schedule is loaded', async () => {
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
    expect(await deadline()).toMatchObject({ due: at(PROVISIONAL_DUE), lastDay: '2027-01-04', provisional: true, outcome: 'pending' });
  });

  it('is recomputed by the running workflow once the schedule is loaded, and exact', async () => {
    await harness.advanceTo(at('2026-12-31T17:00:00+08:00'));
    await harness.store.appendToStream(REFERENCE_STREAMS.calendar, [toNewEvent(SCHEDULE_2027, derivedEventId('calendar-test/2027'))], {
      expectedRevision: 'any',
    });
    const until = Date.now() + 60_000;
    while ((await deadline()).provisional && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 200));
    await harness.settle();
    expect(await deadline()).toMatchObject({ due: at(OFFICIAL_DUE), lastDay: '2027-01-05', provisional: false, outcome: 'pending' });
    const recomputed = (await harness.store.readStream('issue-year-end-drain')).filter((e) => e.type === 'FeedbackDeadlineRecomputed');
    expect(recomputed).toHaveLength(1);
  });

  it('lets the timer pass the provisional due instant: feedback on Jan 5 meets the deadline', async () => {
    const feedbackAt = at('2027-01-05T10:00:00+08:00');
    await harness.advanceTo(feedbackAt - STEP_LEAD_MS);
    await harness.settle();
    expect((await deadline()).outcome).toBe('pending');
    await harness.execute('year-end-drain', { type: 'GiveFeedback', departmentId: 'cg', at: feedbackAt }, 'calendar-test/feedback');
    await harness.settle();
    expect(await deadline()).toMatchObject({ outcome: 'met', due: at(OFFICIAL_DUE) });
    const ledger = await harness.departmentEvents('ledger-cg-2027');
    expect(ledger.filter((e) => e.type === 'LedgerEntryRecorded' && e.data.points < 0)).toEqual([]);
  });
});
