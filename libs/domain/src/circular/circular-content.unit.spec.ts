import { DepartmentEvent } from '../department/department.events';
import { decide } from '../issue/issue.decide';
import { IssueCommand } from '../issue/issue.commands';
import { IssueEvent } from '../issue/issue.events';
import { foldIssue, IssueState, evolve } from '../issue/issue.state';
import { OrganisationChart } from '../issue/organisation';
import { SHANGHAI } from '../time/time-zone';
import { at, raiseCommand, testContext } from '../testing/issue-fixtures';
import { CircularEvidence } from './circular-evidence';
import { circularContent } from './circular-content';
import { monthPeriod } from './report-period';
import { stationsEvaluation } from './station-evaluation';

const chart: OrganisationChart = {
  streets: [{ id: 'htl', name: '花亭路街道' }],
  stations: [
    { id: 'hbc', name: '花亭北村社区红领工作站', street: 'htl' },
    { id: 'hnc', name: '花亭南村社区红领工作站', street: 'htl' },
  ],
  departments: [
    { id: 'cg', name: '区城管局' },
    { id: 'zj', name: '区住建局' },
    { id: 'jt', name: '区交通局' },
  ],
  cityDepartments: [],
};

/** The events the decider writes for these commands, with a satisfaction added to the confirmation when given. */
function history(issueId: string, commands: IssueCommand[], satisfaction?: string): IssueEvent[] {
  let state: IssueState = null;
  const events: IssueEvent[] = [];
  for (const command of commands) {
    for (const event of decide(command, state, testContext)) {
      const recorded =
        event.type === 'ClosingConfirmed' && satisfaction !== undefined
          ? ({ ...event, data: { ...event.data, satisfaction } } as IssueEvent)
          : event;
      events.push(recorded);
      state = evolve(state, recorded);
    }
  }
  expect(foldIssue(events)?.issueId).toBe(issueId);
  return events;
}

const t = (local: string) => at(`2026-${local}+08:00`);
const raise = (issueId: string, when = '03-02T09:00:00') => raiseCommand(`2026-${when}+08:00`, issueId);
const escalate = (when: string): IssueCommand => ({ type: 'EscalateIssue', at: t(when) });
const ledger = (
  departmentId: string,
  points: number,
  when: string,
  reason: 'base' | 'joint-closed' | 'feedback-missed',
): DepartmentEvent => ({
  type: 'LedgerEntryRecorded',
  data: { entryId: `${reason}:${departmentId}:${when}`, departmentId, year: 2026, at: new Date(t(when)).toISOString(), points, reason },
});

function marchEvidence(): CircularEvidence {
  const evidence = new CircularEvidence(monthPeriod('2026-03'), SHANGHAI);
  const issues: Record<string, IssueEvent[]> = {
    I1: history(
      'I1',
      [raise('I1'), { type: 'ReportResolution', at: t('03-03T09:00:00') }, { type: 'ConfirmClosing', at: t('03-04T09:00:00') }],
      'satisfied',
    ),
    I2: history('I2', [
      raise('I2'),
      escalate('03-02T10:00:00'),
      { type: 'ReportResolution', at: t('03-09T09:00:00') },
      { type: 'ConfirmClosing', at: t('03-10T09:00:00') },
    ]),
    I3: history('I3', [
      raise('I3'),
      escalate('03-02T10:00:00'),
      escalate('03-02T11:00:00'),
      { type: 'BlowWhistle', mode: 'single', departments: ['cg'], at: t('03-03T09:00:00') },
      { type: 'Tick', at: t('03-07T00:00:00') },
    ]),
    I4: history(
      'I4',
      [
        raise('I4'),
        escalate('03-02T10:00:00'),
        escalate('03-02T11:00:00'),
        { type: 'BlowWhistle', mode: 'joint', departments: ['cg', 'zj'], at: t('03-03T09:00:00') },
        { type: 'GiveFeedback', departmentId: 'cg', at: t('03-04T09:00:00') },
        { type: 'GiveFeedback', departmentId: 'zj', at: t('03-04T10:00:00') },
        { type: 'ReportResolution', departmentId: 'cg', at: t('03-05T09:00:00') },
        { type: 'ConfirmClosing', at: t('03-06T09:00:00') },
      ],
      'dissatisfied',
    ),
    I5: history('I5', [raise('I5', '04-01T09:00:00')]),
  };
  for (const [issueId, events] of Object.entries(issues)) events.forEach((e) => evidence.addIssueEvent(issueId, e));
  [
    ...['cg', 'zj', 'jt'].map((d) => ledger(d, 60, '01-01T00:00:00', 'base')),
    ledger('cg', 0.5, '03-06T09:00:00', 'joint-closed'),
    ledger('zj', 0.5, '03-06T09:00:00', 'joint-closed'),
    ledger('cg', -3, '03-07T00:00:00', 'feedback-missed'),
    ledger('jt', -3, '04-08T00:00:00', 'feedback-missed'),
    {
      type: 'InterviewOrdered',
      data: { departmentId: 'zj', at: '2026-03-20T02:00:00.000Z', reason: 'consecutive-missed-feedback', year: 2026 },
    },
  ].forEach((e) => evidence.addScoringEvent(e as DepartmentEvent));
  const survey = (stationId: string, from: string, to: string) => ({
    type: 'SurveyRecorded' as const,
    data: {
      surveyId: `${stationId}${from}`,
      stationId,
      period: { from, to },
      respondents: 100,
      aware: 80,
      satisfied: 60,
      basicallySatisfied: 25,
      at: '2026-04-01T00:00:00.000Z',
    },
  });
  evidence.addSurveyEvent(survey('hbc', '2026-03-01', '2026-03-31'));
  evidence.addSurveyEvent(survey('hnc', '2026-02-01', '2026-02-28'));
  return evidence;
}

describe(circularContent.name, () => {
  const content = circularContent('monthly', marchEvidence(), chart);

  it('ranks every department at its ledger total at the end of the period', () => {
    expect(content.ranking).toEqual({
      kind: 'provisional',
      rows: [
        { department: 'zj', name: '区住建局', total: 60.5, rank: 1 },
        { department: 'jt', name: '区交通局', total: 60, rank: 2 },
        { department: 'cg', name: '区城管局', total: 57.5, rank: 3 },
      ],
    });
  });

  it("gives each department's points, interviews and three rates of the period with their counts", () => {
    expect(content.departments.find((d) => d.departmentId === 'cg')).toEqual({
      departmentId: 'cg',
      name: '区城管局',
      total: 57.5,
      rank: 3,
      awards: 0.5,
      deductions: -3,
      interviews: 0,
      onTimeFeedback: { part: 1, whole: 2, rate: 0.5 },
      resolution: { part: 1, whole: 2, rate: 0.5 },
      satisfaction: { part: 0, whole: 1, rate: 0 },
      assessmentBonus: null,
    });
    expect(content.departments.find((d) => d.departmentId === 'zj')).toMatchObject({
      interviews: 1,
      onTimeFeedback: { part: 1, whole: 1 },
    });
    expect(content.totals).toEqual({
      issuesRaised: 4,
      issuesWhistled: 2,
      issuesClosed: 3,
      onTimeFeedback: { part: 2, whole: 3, rate: 2 / 3 },
      awards: 1,
      deductions: -3,
      interviews: 1,
      overdueIssues: 1,
    });
  });

  it('lists the issues still open at the end of the period with a missed deadline', () => {
    expect(content.overdue).toEqual({
      total: 1,
      listed: [
        {
          issueId: 'I3',
          title: '小区路灯损坏',
          stationId: 'hbc',
          stationName: '花亭北村社区红领工作站',
          departments: ['cg'],
          missedDeadlines: 1,
          firstMissedDue: '2026-03-06T16:00:00.000Z',
        },
      ],
    });
    expect(content.onTimeTrend).toEqual([{ month: '2026-03', onTimeFeedback: { part: 2, whole: 3, rate: 2 / 3 } }]);
  });

  it("gives each station's evaluation: closings by level, median days to close, satisfaction and the surveys that ended in the period", () => {
    expect(content.stations[0]).toEqual({
      stationId: 'hbc',
      name: '花亭北村社区红领工作站',
      streetId: 'htl',
      raised: 4,
      closedAtCommunity: 1,
      closedAtStreet: 1,
      whistled: 2,
      closed: 3,
      medianDaysToClose: 4,
      evaluated: { part: 2, whole: 3, rate: 2 / 3 },
      satisfaction: { part: 1, whole: 2, rate: 0.5 },
      survey: {
        surveys: 1,
        respondents: 100,
        awareness: { part: 80, whole: 100, rate: 0.8 },
        satisfaction: { part: 85, whole: 100, rate: 0.85 },
        satisfied: 60,
        basicallySatisfied: 25,
      },
    });
    expect(content.stations[1]).toMatchObject({ stationId: 'hnc', raised: 0, medianDaysToClose: null, survey: null });
    expect(content.streets).toEqual([expect.objectContaining({ streetId: 'htl', stations: 2, raised: 4, closed: 3 })]);
  });

  it('is the same for the same evidence, and the station page shows the same figures', () => {
    expect(circularContent('monthly', marchEvidence(), chart)).toEqual(content);
    const evaluation = stationsEvaluation(marchEvidence(), chart);
    expect(evaluation.stations).toEqual(content.stations);
    expect(evaluation.district).toEqual(content.district);
  });

  it('shows the final ranking and its bonuses in a year-end circular only', () => {
    const evidence = marchEvidence();
    evidence.addScoringEvent({
      type: 'YearEndRankingPublished',
      data: { year: 2026, at: '2026-12-31T16:30:00.000Z', final: true, ranking: [{ department: 'jt', total: 70, rank: 1 }] },
    });
    evidence.addScoringEvent({
      type: 'AssessmentBonusGranted',
      data: { departmentId: 'jt', year: 2026, rank: 1, partyBuilding: 1, stationing: 3, at: '2026-12-31T16:30:00.000Z' },
    });
    expect(circularContent('monthly', evidence, chart).ranking.kind).toBe('provisional');
    const yearEnd = circularContent('year-end', evidence, chart);
    expect(yearEnd.ranking.rows).toEqual([{ department: 'jt', name: '区交通局', total: 70, rank: 1 }]);
    expect(yearEnd.departments[0].assessmentBonus).toEqual({ partyBuilding: 1, stationing: 3 });
  });
});
