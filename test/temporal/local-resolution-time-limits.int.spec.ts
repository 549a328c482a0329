import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DEFAULT_POLICY, IssueCommand, parseInstant } from '@app/domain';
import { issueStateQuery, issueWorkflowIdOf } from '@app/temporal';
import { LiveHarness, STEP_LEAD_MS, TemporalSide } from './live-harness';
import { huatingChart } from './organisation-chart.fixture';
import { startTimeSkipping } from './time-skipping-env';

jest.setTimeout(300_000);

const at = (text: string) => parseInstant(text);
const chart = huatingChart('cg');

const raise = (issueId: string, t: string): IssueCommand => ({
  type: 'RaiseIssue',
  issueId,
  stationId: 'hbc',
  title: issueId,
  fourLists: { problem: issueId, tasks: '', responsibleParty: '', acceptanceStandard: '' },
  at: at(t),
});

// RULES.md §2 (v2): a level's time limit runs from the issue's arrival there; the station's (community) or the
// street's (street) report of resolution stops it, and a rejection starts a fresh period at that level. Real
// 5-working-day limits on the workflows' timers: the time-skipping server lets the days pass.
describe('time limits stop on a station’s or a street’s resolution', () => {
  let env: TestWorkflowEnvironment;
  let side: TemporalSide;
  let harness: LiveHarness;
  const nextDue = async (issueId: string) => (await env.client.workflow.getHandle(issueWorkflowIdOf(issueId)).query(issueStateQuery)).nextDue;

  beforeAll(async () => {
    ({ env, side } = await startTimeSkipping());
    harness = await LiveHarness.create('temporal_local_resolution', side, 'local-resolution', DEFAULT_POLICY);
    await harness.registerOrganisation(chart);
    await harness.start(at('2026-03-01T00:00:00+08:00'));
    // Both raised Mon Mar 2; the community limit (Mar 3–9) would end at Mar 10 00:00, so would the street limit of
    // `street` (escalated the same day). The station resolves `community` Mar 4; the street resolves `street` Mar 5.
    // The station rejects `community` on Fri Mar 20: a fresh community limit, Mar 23–27, ends at Mar 28 00:00.
    const acts: [string, IssueCommand][] = [
      ['community', raise('community', '2026-03-02T09:00:00+08:00')],
      ['street', raise('street', '2026-03-02T09:00:00+08:00')],
      ['street', { type: 'EscalateIssue', at: at('2026-03-02T10:00:00+08:00') }],
      ['community', { type: 'ReportResolution', by: 'station', at: at('2026-03-04T10:00:00+08:00') }],
      ['street', { type: 'ReportResolution', by: 'street', at: at('2026-03-05T10:00:00+08:00') }],
    ];
    for (const [index, [issueId, command]] of acts.entries()) {
      await harness.advanceTo(command.at - STEP_LEAD_MS);
      await harness.execute(issueId, command, `local-resolution/${index}`);
      await harness.settle();
    }
    await harness.advanceTo(at('2026-03-20T09:00:00+08:00'));
    await harness.settle();
  });

  afterAll(async () => {
    await harness?.close();
    await env?.teardown();
  });

  it('lets no time limit escalate a resolved issue, and leaves its workflow no timer', async () => {
    for (const issueId of ['community', 'street']) {
      const issue = await harness.issueState(issueId);
      expect({ issueId, level: issue.level, status: issue.status, timeLimit: issue.timeLimit }).toEqual({
        issueId,
        level: issueId,
        status: 'resolved',
        timeLimit: null,
      });
      expect(await nextDue(issueId)).toBeNull();
    }
  });

  it('runs a fresh period at the level after a rejection, and escalates by time limit at its end', async () => {
    await harness.execute('community', { type: 'RejectClosing', at: at('2026-03-20T10:00:00+08:00') }, 'local-resolution/reject');
    await harness.settle();
    expect(await nextDue('community')).toBe('2026-03-27T16:00:00.000Z');
    await harness.advanceTo(at('2026-03-28T01:00:00+08:00'));
    await harness.settle();
    const issue = await harness.issueState('community');
    expect(issue.levels.map((l) => [l.level, new Date(l.at).toISOString()])).toEqual([
      ['community', '2026-03-02T01:00:00.000Z'],
      ['street', '2026-03-27T16:00:00.000Z'],
    ]);
    expect(issue.status).toBe('open');
  });
});
