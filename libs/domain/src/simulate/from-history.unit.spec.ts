import { readFileSync } from 'node:fs';
import { parseInstant, toIso } from '../time/instant';
import { recordedHistoryOf } from '../testing/recorded-history';
import { appealedYear, LONGER_FEEDBACK_YEAR, MOOT_UNDER_FIVE_DAYS } from '../testing/what-if-year';
import { HistoryProblems, HistoryReplayOptions, lastRecordedInstant, RecordedAct, replayHistory, scenarioOfHistory } from './from-history';
import { parseScenarioText, readScenario } from './scenario';
import { simulate, SimulationResult } from './simulation';
import { compareRuns, differencesFromRecord, whatIfOfHistory } from './what-if';
import { scenarioFiles as listScenarioFiles } from '../../test/scenario-files';

const scenarioFiles = listScenarioFiles((f) => f.endsWith('.yaml'));
const scenarioOf = (file: string) => readScenario(parseScenarioText(readFileSync(file, 'utf8')));

const problemsOf = (run: () => unknown): { kind: string; problems: string[] } | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof HistoryProblems) return { kind: error.kind, problems: error.problems };
    throw error;
  }
  return undefined;
};

describe('replayHistory', () => {
  it.each(scenarioFiles.map((f) => [f.split('/').slice(-1)[0], f]))(
    '%s: the recorded history replays to what simulate gives the scenario',
    (_, file) => {
      const scenario = scenarioOf(file);
      const history = recordedHistoryOf(scenario);
      const replayed = replayHistory(history, {
        year: scenario.year,
        zone: scenario.zone,
        initialPolicy: scenario.policy,
        until: scenario.until,
      });
      const expected = simulate(scenario);
      expect(replayed).toEqual(expected);
      expect(differencesFromRecord(replayed, expected)).toEqual([]);
      // As stored, a payload's keys may come back in another order: still the same rows.
      const reordered = { ...expected, ranking: expected.ranking.map(({ rank, total, department }) => ({ rank, total, department })) };
      expect(differencesFromRecord(replayed, reordered)).toEqual([]);
    },
  );

  it('takes only the acts as steps: escalations fired by a time limit and every deadline event are the rules own', () => {
    const scenario = scenarioOf(scenarioFiles.find((f) => f.endsWith('example-01.yaml')) as string);
    const history = recordedHistoryOf(scenario);
    const { scenario: replay, positions } = scenarioOfHistory(history, { year: 2026, zone: scenario.zone, until: scenario.until });
    expect(replay.steps.map(({ do: act, at }) => ({ do: act, at }))).toEqual(scenario.steps.map(({ do: act, at }) => ({ do: act, at })));
    expect(history.some((e) => e.type === 'FeedbackDeadlineMissed')).toBe(true);
    expect(positions.map((p) => history.find((e) => e.position === p)?.type)).toEqual(
      expect.arrayContaining(['IssueRaised', 'WhistleBlown', 'FeedbackGiven', 'ClosingConfirmed']),
    );
  });

  it('with a longer feedback period, deductions can only fall', () => {
    const scenario = readScenario(parseScenarioText(LONGER_FEEDBACK_YEAR));
    const history = recordedHistoryOf(scenario);
    const options = { year: scenario.year, zone: scenario.zone, initialPolicy: scenario.policy, until: scenario.until };
    const current = replayHistory(history, options);
    const alternative = replayHistory(history, { ...options, overrides: { feedback: { count: 5 } } });
    const { departments, gains, losses } = compareRuns(current, alternative);
    expect({ gains, losses }).toEqual({ gains: [{ department: 'cg', by: 3 }], losses: [] });
    expect(departments.some((d) => d.deductions.current > 0)).toBe(true);
    for (const d of departments)
      expect({ department: d.department, fell: d.deductions.change <= 0 }).toEqual({ department: d.department, fell: true });
    expect(departments.some((d) => d.deductions.change < 0)).toBe(true);
  });

  it('lays the overrides over every policy version in force from the start of the year, and not before', () => {
    const history: RecordedAct[] = [
      {
        position: 1n,
        type: 'PolicyVersionAdopted',
        data: {
          version: 2,
          effectiveFrom: '2026-06-01T00:00:00Z',
          policy: { ...scenarioOf(scenarioFiles[0]).policy, deductionPer: 'issue' },
          at: '2026-05-01T00:00:00Z',
        },
      },
    ];
    const { scenario } = scenarioOfHistory(history, {
      year: 2026,
      zone: scenarioOf(scenarioFiles[0]).zone,
      overrides: { feedback: { count: 5 } },
    });
    const versions = scenario.policyVersions ?? [];
    expect(
      versions.map((v) => ({
        from: Number.isFinite(v.effectiveFrom) ? toIso(v.effectiveFrom) : 'always',
        feedback: v.policy.feedback.count,
        per: v.policy.deductionPer,
      })),
    ).toEqual([
      { from: 'always', feedback: 3, per: 'deadline' },
      { from: '2025-12-31T16:00:00.000Z', feedback: 5, per: 'deadline' },
      { from: '2026-06-01T00:00:00.000Z', feedback: 5, per: 'issue' },
    ]);
  });

  it('refuses overrides that are not policy values, naming each field', () => {
    const problems = problemsOf(() =>
      scenarioOfHistory([], { year: 2026, zone: scenarioOf(scenarioFiles[0]).zone, overrides: { feedback: { count: 0 }, feedbak: 3 } }),
    );
    expect(problems).toEqual({
      kind: 'overrides',
      problems: [expect.stringMatching(/^policy\.feedback\.count: .*given 0/), 'policy.feedbak: is not a policy value'],
    });
  });

  it('stops at an event no step stands for, rather than leaving it out', () => {
    const problems = problemsOf(() =>
      scenarioOfHistory([{ position: 7n, type: 'BaseScoreAdjusted', data: { at: '2026-03-01T00:00:00Z' } }], {
        year: 2026,
        zone: scenarioOf(scenarioFiles[0]).zone,
      }),
    );
    expect(problems).toEqual({
      kind: 'history',
      problems: ['event 7 (BaseScoreAdjusted): no step stands for this event, so the history cannot be replayed'],
    });
  });

  it('takes base-score decisions of the year and appeals as steps, and leaves the entries the rules booked to the run', () => {
    const scenario = scenarioOf(scenarioFiles.find((f) => f.endsWith('appeals-overturn-and-uphold.yaml')) as string);
    const history = recordedHistoryOf(scenario);
    const adjustment = (year: number, at: string) => ({
      type: 'LedgerEntryRecorded',
      data: {
        entryId: `base-adjusted:${year}:cg:1`,
        departmentId: 'cg',
        year,
        at,
        points: -1,
        reason: 'base-adjusted',
        explanation: '缺席',
      },
    });
    const withAdjustments: RecordedAct[] = [
      ...history,
      { position: 9001n, ...adjustment(2025, '2025-12-30T02:00:00Z') },
      { position: 9002n, ...adjustment(2026, '2026-12-30T02:00:00Z') },
    ];
    const { scenario: replay } = scenarioOfHistory(withAdjustments, { year: 2026, zone: scenario.zone, until: scenario.until });
    expect(replay.accountabilitySteps.map(({ do: act }) => act)).toEqual([
      ...scenario.accountabilitySteps.map(({ do: act }) => act),
      'adjustBase',
    ]);
    expect(replay.accountabilitySteps.at(-1)).toMatchObject({
      department: 'cg',
      points: -1,
      reason: '缺席',
      index: replay.steps.length + replay.accountabilitySteps.length - 1,
    });
    expect(history.filter((e) => e.type === 'LedgerEntryRecorded').length).toBeGreaterThan(0);
  });

  it('stops at the decision of an appeal it never saw filed', () => {
    const problems = problemsOf(() =>
      scenarioOfHistory(
        [
          {
            position: 3n,
            type: 'AppealOverturned',
            data: {
              appealId: 'appeal:d1',
              departmentId: 'cg',
              issueId: 'I1',
              deadlineId: 'd1',
              reason: '未送达',
              at: '2026-03-01T00:00:00Z',
            },
          },
        ],
        { year: 2026, zone: scenarioOf(scenarioFiles[0]).zone },
      ),
    );
    expect(problems).toEqual({
      kind: 'history',
      problems: ['event 3 (AppealOverturned): decides appeal appeal:d1, which was never filed'],
    });
  });

  it('names the recorded event of an act the alternative rules refuse', () => {
    const scenario = scenarioOf(scenarioFiles.find((f) => f.endsWith('example-01.yaml')) as string);
    // The act the replay must refuse: a whistle on an issue the station never escalated.
    const history = recordedHistoryOf(scenario).filter((e) => !(e.type === 'IssueEscalated' && e.issueId === 'I2'));
    const whistle = history.find((e) => e.type === 'WhistleBlown' && e.issueId === 'I2') as RecordedAct;
    const problems = problemsOf(() => replayHistory(history, { year: 2026, zone: scenario.zone, until: scenario.until }));
    expect(problems).toEqual({
      kind: 'refused',
      problems: [expect.stringMatching(new RegExp(`^event ${whistle.position} \\(whistle at 2026-04-30T02:00:00.000Z\\): `))],
    });
  });

  it('knows the latest instant a history speaks of', () => {
    const scenario = scenarioOf(scenarioFiles.find((f) => f.endsWith('example-01.yaml')) as string);
    expect(toIso(lastRecordedInstant(recordedHistoryOf(scenario)) as number)).toBe(toIso(parseInstant('2026-05-09T00:00:00+08:00')));
  });
});

describe('recorded appeals under other rules', () => {
  const replayed = (jtAppeals: string, alternative: Partial<HistoryReplayOptions>) => {
    const scenario = appealedYear(jtAppeals);
    const history = recordedHistoryOf(scenario);
    const options = { year: scenario.year, zone: scenario.zone, initialPolicy: scenario.policy };
    const current = replayHistory(history, options);
    expect(current).toEqual(simulate(scenario));
    return { current, alternative: replayHistory(history, { ...options, ...alternative }), history, options };
  };
  const entriesOf = (result: SimulationResult, department: string) =>
    result.ledger[department].entries.map(({ at, points, reason }) => ({ at, points, reason }));

  it('an appeal on a deadline the longer feedback period lets the department meet is moot: the year is compared, deductions only fall', () => {
    const { current, alternative, history, options } = replayed('2026-03-12T10:00:00+08:00', { overrides: { feedback: { count: 5 } } });
    expect(alternative.mootAppeals).toEqual([MOOT_UNDER_FIVE_DAYS]);
    expect(entriesOf(alternative, 'cg')).toEqual([{ at: '2026-01-01T00:00:00+08:00', points: 60, reason: 'base' }]);
    expect(
      alternative.issues.I1.deadlines.map((d) => ({ department: d.department, outcome: d.outcome, overturned: d.overturned })),
    ).toEqual([
      { department: 'cg', outcome: 'met', overturned: undefined },
      { department: 'jt', outcome: 'missed', overturned: true },
    ]);

    const changes = compareRuns(current, alternative);
    expect(changes.mootAppeals).toEqual({ count: 1, appeals: alternative.mootAppeals });
    expect(changes.departments.find((d) => d.department === 'cg')?.deductions).toEqual({ current: 1, alternative: 0, change: -1 });
    for (const d of changes.departments)
      expect({ department: d.department, rose: d.deductions.change > 0 }).toEqual({ department: d.department, rose: false });

    const answer = whatIfOfHistory(history, options, { feedback: { count: 5 } }, current);
    expect(answer).toMatchObject({ kind: 'compared', differences: [], report: { changes: { mootAppeals: { count: 1 } } } });
  });

  it('an appeal on a deadline still missed under the new rules is overturned as recorded: +3 again', () => {
    const { alternative } = replayed('2026-03-12T10:00:00+08:00', { overrides: { feedback: { count: 5 } } });
    expect(entriesOf(alternative, 'jt')).toEqual([
      { at: '2026-01-01T00:00:00+08:00', points: 60, reason: 'base' },
      { at: '2026-03-11T00:00:00+08:00', points: -3, reason: 'feedback-missed' },
      { at: '2026-03-13T10:00:00+08:00', points: 3, reason: 'deduction-overturned' },
    ]);
    expect(alternative.ledger.jt.total).toBe(60);
  });

  it('an appeal made before the deadline falls due under the new rules is moot, and the miss that follows stands', () => {
    const { current, alternative } = replayed('2026-03-10T10:00:00+08:00', { overrides: { feedback: { count: 5 } } });
    expect(alternative.mootAppeals?.map(({ department, because }) => ({ department, because }))).toEqual([
      { department: 'cg', because: 'met' },
      { department: 'jt', because: 'pending' },
    ]);
    expect(entriesOf(alternative, 'jt').map((e) => e.reason)).toEqual(['base', 'feedback-missed']);
    expect(compareRuns(current, alternative).departments.find((d) => d.department === 'jt')?.total).toEqual({
      current: 60,
      alternative: 57,
      change: -3,
    });
  });

  it('an appeal after the appeal period of the new rules stands as recorded, or is moot with appealsOutOfTime: moot', () => {
    // Two working days after jt's due instant (Sat 7 March): Mon 9, Tue 10; the recorded appeal came on the 12th.
    const overrides = { appealPeriod: { count: 2 } };
    const standing = replayed('2026-03-12T10:00:00+08:00', { overrides }).alternative;
    expect({ moot: standing.mootAppeals, total: standing.ledger.jt.total }).toEqual({ moot: undefined, total: 60 });

    const moot = replayed('2026-03-12T10:00:00+08:00', { overrides, appealsOutOfTime: 'moot' }).alternative;
    expect(moot.mootAppeals?.map(({ department, because }) => ({ department, because }))).toEqual([
      { department: 'jt', because: 'out-of-time' },
    ]);
    expect(moot.ledger.jt.total).toBe(57);
  });

  it('reports an appeal moot under the recorded rules as a difference from the record', () => {
    const { alternative, current } = replayed('2026-03-10T10:00:00+08:00', { overrides: { feedback: { count: 5 } } });
    expect(differencesFromRecord(alternative, current)).toEqual(
      expect.arrayContaining([
        'appeal of deadline I1#1: moot in the replay (met), filed in the record',
        'appeal of deadline I1#2: moot in the replay (pending), filed in the record',
      ]),
    );
  });
});
