import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenarioText, readScenario, ScenarioProblems } from './scenario';
import { simulate } from './simulation';

const sharedScenarios = join(__dirname, '../../../../../shared/scenarios');
const ownScenarios = join(__dirname, '../../scenarios');

function scenarioFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.expected.json'))
    .map((f) => join(dir, f));
}

const run = (text: string) => simulate(readScenario(parseScenarioText(text)));
const problemsOf = (text: string): string[] => {
  try {
    run(text);
  } catch (error) {
    if (error instanceof ScenarioProblems) return error.problems;
    throw error;
  }
  return [];
};

describe('simulate: hand-worked scenarios', () => {
  const files = [...scenarioFiles(sharedScenarios), ...scenarioFiles(ownScenarios)];

  it('finds the shared example and our own scenarios', () => {
    expect(files.some((f) => f.endsWith('example-01.yaml'))).toBe(true);
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it.each(files.map((f) => [f.split('/').slice(-2).join('/'), f]))('%s gives its .expected.json', (_, file) => {
    const expected = JSON.parse(readFileSync(file.replace(/\.(ya?ml|json)$/, '.expected.json'), 'utf8'));
    expect(run(readFileSync(file, 'utf8'))).toEqual(expected);
  });
});

describe('simulate: bad scenarios', () => {
  const header = `
year: 2026
streets: [{ id: htl, name: 花亭路街道 }]
stations: [{ id: hbc, name: 站, street: htl }]
departments: [{ id: cg, name: 区城管局 }]
`;

  it('names the step and the problem for every bad step, not only the first', () => {
    const problems = problemsOf(`${header}
steps:
  - { at: "2026-03-02T09:00:00+08:00", do: raise, issue: I1, station: hbc, title: t }
  - { at: "2026-03-02T08:00:00+08:00", do: escalate, issue: I1 }
  - { at: "2026-03-02T10:00:00", do: escalate, issue: I1 }
  - { at: "2026-03-02T11:00:00+08:00", do: fly, issue: I1 }
  - { at: "2026-03-02T12:00:00+08:00", do: whistle, issue: I1, mode: single }
`);
    expect(problems).toEqual([
      'step 1: time 2026-03-02T08:00:00+08:00 is earlier than the step before',
      expect.stringMatching(/^step 2: at: .*has no UTC offset/),
      expect.stringMatching(/^step 3: do "fly" is not one of/),
      'step 4: whistle needs departments',
    ]);
  });

  it('reports acts the rules refuse: unknown issue, unknown department, wrong state', () => {
    const problems = problemsOf(`${header}
steps:
  - { at: "2026-03-02T09:00:00+08:00", do: raise, issue: I1, station: hbc, title: t }
  - { at: "2026-03-02T09:30:00+08:00", do: whistle, issue: I1, mode: single, departments: [cg] }
  - { at: "2026-03-02T10:00:00+08:00", do: feedback, issue: I9, department: cg }
  - { at: "2026-03-02T10:30:00+08:00", do: escalate, issue: I1 }
  - { at: "2026-03-02T11:00:00+08:00", do: escalate, issue: I1 }
  - { at: "2026-03-02T11:30:00+08:00", do: whistle, issue: I1, mode: single, departments: [nope] }
  - { at: "2026-03-02T12:00:00+08:00", do: confirm, issue: I1 }
`);
    expect(problems).toEqual([
      expect.stringMatching(/^step 1: whistle on issue "I1": .*at community level.*\[ISSUE.NOT_AT_DISTRICT\]$/),
      'step 2: feedback: issue "I9" does not exist (it was never raised)',
      expect.stringMatching(/^step 5: whistle on issue "I1": nope is not a district department \[ORGANISATION.UNKNOWN_DEPARTMENT\]$/),
      expect.stringMatching(/^step 6: confirm on issue "I1": .*\[CLOSING.NOT_RESOLVED\]$/),
    ]);
  });

  it('checks the organisation and the policy', () => {
    const problems = problemsOf(`
year: 2026
policy: { feedback: { count: 0, unit: workingDays } }
streets: [{ id: htl }]
stations: [{ id: hbc, street: nowhere }]
departments: [{ id: cg }, { id: cg }]
steps: []
`);
    expect(problems).toEqual([
      expect.stringMatching(/^policy\.feedback\.count: /),
      'departments[1]: id "cg" is used twice',
      'stations[0]: street "nowhere" is not among the streets',
    ]);
  });

  it('rejects a step after until', () => {
    expect(
      problemsOf(`${header}
until: "2026-03-01T00:00:00+08:00"
steps:
  - { at: "2026-03-02T09:00:00+08:00", do: raise, issue: I1, station: hbc, title: t }
`),
    ).toEqual(['step 0: time 2026-03-02T09:00:00+08:00 is after until']);
  });
});

describe('simulate: lenient where the meaning is plain', () => {
  it('takes a raise without a title, one department written without a list, and ignores a note', () => {
    const result = run(`
year: 2026
streets: [{ id: htl }]
stations: [{ id: hbc, street: htl }]
departments: [{ id: cg }]
steps:
  - { at: "2026-03-02T09:00:00+08:00", do: raise, issue: I1, station: hbc, note: 居民来电 }
  - { at: "2026-03-02T09:05:00+08:00", do: escalate, issue: I1 }
  - { at: "2026-03-02T09:10:00+08:00", do: escalate, issue: I1 }
  - { at: "2026-03-03T09:00:00+08:00", do: whistle, issue: I1, mode: single, departments: cg }
until: "2026-03-05T00:00:00+08:00"
`);
    expect(result.issues.I1.deadlines).toEqual([{ department: 'cg', due: '2026-03-07T00:00:00+08:00', outcome: 'pending' }]);
  });
});

describe('simulate: the clock', () => {
  it('gives a provisional ranking at an early until, with no bonuses and no last-place interviews', () => {
    const result = run(`
year: 2026
streets: [{ id: htl }]
stations: [{ id: hbc, street: htl }]
departments: [{ id: cg }, { id: zj }]
steps: []
until: "2026-06-30T00:00:00+08:00"
`);
    expect(result.ranking).toEqual([
      { department: 'cg', total: 60, rank: 1 },
      { department: 'zj', total: 60, rank: 1 },
    ]);
    expect(result.assessmentBonuses).toEqual([]);
    expect(result.interviews).toEqual([]);
  });

  it('a policy of calendar days changes the deadline', () => {
    const result = run(`
year: 2026
policy: { feedback: { count: 3, unit: calendarDays } }
streets: [{ id: htl }]
stations: [{ id: hbc, street: htl }]
departments: [{ id: cg }]
steps:
  - { at: "2026-09-28T09:00:00+08:00", do: raise, issue: I1, station: hbc, title: t }
  - { at: "2026-09-28T09:05:00+08:00", do: escalate, issue: I1 }
  - { at: "2026-09-28T09:10:00+08:00", do: escalate, issue: I1 }
  - { at: "2026-09-29T16:00:00+08:00", do: whistle, issue: I1, mode: single, departments: [cg] }
until: "2026-10-31T00:00:00+08:00"
`);
    expect(result.issues.I1.deadlines).toEqual([{ department: 'cg', due: '2026-10-03T00:00:00+08:00', outcome: 'missed' }]);
    expect(result.ledger.cg.total).toBe(57);
  });
});
