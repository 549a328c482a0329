import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenarioText, ScenarioProblems } from './scenario';
import { simulateScenario } from './simulation';

const sharedScenarios = join(__dirname, '../../../../../shared/scenarios');
const ownScenarios = join(__dirname, '../../scenarios');

function scenarioFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.expected.json'))
    .map((f) => join(dir, f));
}

const run = (text: string) => simulateScenario(parseScenarioText(text));
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
  - { at: "2026-03-02T08:00:00+08:00", do: raise, issue: I2, station: hbc }
  - { at: "2026-03-02T10:00:00", do: raise, issue: I3, station: hbc }
  - { at: "2026-03-02T11:00:00+08:00", do: fly, issue: I4 }
  - { at: "2026-03-02T12:00:00+08:00", do: whistle, issue: I1, mode: single }
`);
    expect(problems).toEqual([
      'step 1: time 2026-03-02T08:00:00+08:00 is earlier than the step before',
      expect.stringMatching(/^step 2: at: .*has no UTC offset/),
      expect.stringMatching(/^step 3: do "fly" is not an act: one of raise, /),
      'step 4: whistle needs departments',
    ]);
  });

  it('reports acts the rules refuse: unknown issue, unknown department, wrong state', () => {
    const district = (id: string, hour: number) => `
  - { at: "2026-03-02T0${hour}:00:00+08:00", do: raise, issue: ${id}, station: hbc, title: t }
  - { at: "2026-03-02T0${hour}:10:00+08:00", do: escalate, issue: ${id} }
  - { at: "2026-03-02T0${hour}:20:00+08:00", do: escalate, issue: ${id} }`;
    const problems = problemsOf(`${header}
steps:
  - { at: "2026-03-02T07:00:00+08:00", do: raise, issue: I1, station: hbc, title: t }
  - { at: "2026-03-02T07:30:00+08:00", do: whistle, issue: I1, mode: single, departments: [cg] }${district('I2', 8)}${district('I3', 9)}
  - { at: "2026-03-02T10:00:00+08:00", do: feedback, issue: I9, department: cg }
  - { at: "2026-03-02T11:30:00+08:00", do: whistle, issue: I2, mode: single, departments: [nope] }
  - { at: "2026-03-02T12:00:00+08:00", do: confirm, issue: I3 }
`);
    expect(problems).toEqual([
      expect.stringMatching(/^step 1: whistle on issue "I1": .*at community level.*\[ISSUE.NOT_AT_DISTRICT\]$/),
      'step 8: feedback: issue "I9" does not exist (it was never raised)',
      'step 9: whistle on issue "I2": nope is not a district department [ORGANISATION.UNKNOWN_DEPARTMENT]',
      expect.stringMatching(/^step 10: confirm on issue "I3": .*\[CLOSING.NOT_RESOLVED\]$/),
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

describe('simulate: version 2 checks (FORMAT.md)', () => {
  const header = `
year: 2026
streets: [{ id: htl }]
stations: [{ id: hbc, street: htl }]
departments: [{ id: cg }]
`;
  const toDistrict = `
  - { at: "2026-03-02T09:00:00+08:00", do: raise, issue: I1, station: hbc }
  - { at: "2026-03-02T09:05:00+08:00", do: escalate, issue: I1 }
  - { at: "2026-03-02T09:10:00+08:00", do: escalate, issue: I1 }`;

  it('refuses unknown keys anywhere, naming them', () => {
    const problems = problemsOf(`${header}
polcy: { feedback: { count: 2 } }
policy: { feedback: { cuont: 2 } }
calendars: { 2027: { holidays: [], workdays: [], notes: x } }
steps:
  - { at: "2026-03-02T09:00:00+08:00", do: raise, issue: I1, station: hbc, note: 居民来电 }
`);
    expect(problems).toEqual([
      expect.stringMatching(/^scenario: unknown key "polcy"/),
      'policy.feedback.cuont: is not a policy value',
      expect.stringMatching(/^calendars\.2027: unknown key "notes"/),
      expect.stringMatching(/^step 0: raise: unknown key "note" \(known: at, do, issue, station, title\)$/),
    ]);
  });

  it('refuses instants that name a day or an hour that does not exist, and years outside 2004–2099', () => {
    const problems = problemsOf(`
year: 1990
streets: [{ id: htl }]
stations: [{ id: hbc, street: htl }]
departments: [{ id: cg }]
until: "10000-01-01T00:00:00+08:00"
steps:
  - { at: "2026-02-30T09:00:00+08:00", do: raise, issue: I1, station: hbc }
  - { at: "2026-03-02T24:00:00+08:00", do: raise, issue: I2, station: hbc }
  - { at: "2100-03-02T09:00:00+08:00", do: raise, issue: I3, station: hbc }
`);
    expect(problems).toEqual([
      'year: must be a whole number from 2004 to 2099, not 1990',
      expect.stringMatching(/^until: "10000-01-01T00:00:00\+08:00" is not an ISO-8601 instant/),
      'step 0: at: "2026-02-30T09:00:00+08:00" names a day that does not exist',
      expect.stringMatching(/^step 1: at: "2026-03-02T24:00:00\+08:00" names a time of day that does not exist/),
      'step 2: at: "2100-03-02T09:00:00+08:00" is outside the years 2004 to 2099',
    ]);
  });

  it('reports shape and rule problems together, and a refused step only once for its issue', () => {
    const problems = problemsOf(`${header}
steps:
  - { at: "2026-03-02T09:00:00+08:00", do: raise, issue: I1, station: hbc }
  - { at: "2026-03-02T09:30:00+08:00", do: whistle, issue: I1, mode: single, departments: [cg] }
  - { at: "2026-03-02T10:00:00+08:00", do: escalate, issue: I1 }
  - { at: "2026-03-02T10:30:00+08:00", do: raise, issue: I2, station: hbc, colour: red }
  - { at: "2026-03-02T11:00:00+08:00", do: escalate, issue: I2 }
  - { at: "2026-03-02T11:30:00+08:00", do: raise, issue: I3, station: nowhere }
`);
    expect(problems).toEqual([
      expect.stringMatching(/^step 1: whistle on issue "I1": .*\[ISSUE.NOT_AT_DISTRICT\]$/),
      expect.stringMatching(/^step 3: raise: unknown key "colour"/),
      expect.stringMatching(/^step 5: raise on issue "I3": station nowhere is not a known station/),
    ]);
  });

  it('names the value it refuses', () => {
    const problems = problemsOf(`${header}
steps:${toDistrict}
  - { at: "2026-03-03T09:00:00+08:00", do: whistle, issue: I1, mode: solo, departments: [{ id: cg }] }
  - { at: "2026-03-03T10:00:00+08:00", issue: I2 }
  - { at: "2026-03-03T11:00:00+08:00", do: adjustBase, department: cg, points: -10, reason: x }
`);
    expect(problems).toEqual([
      'step 3: mode "solo" is not single, joint or transfer',
      'step 3: departments[0] must be a department id, not {"id":"cg"}',
      expect.stringMatching(/^step 4: needs do: one of raise, escalate, /),
      expect.stringMatching(/^step 5: do "adjustBase" is not supported yet/),
    ]);
  });

  it('takes a raise without a title and one department written without a list', () => {
    const result = run(`${header}
steps:${toDistrict}
  - { at: "2026-03-03T09:00:00+08:00", do: whistle, issue: I1, mode: single, departments: cg }
until: "2026-03-05T00:00:00+08:00"
`);
    expect(result.issues.I1.deadlines).toEqual([{ department: 'cg', due: '2026-03-07T00:00:00+08:00', outcome: 'pending' }]);
  });
});

describe('simulate: output order (FORMAT.md)', () => {
  it('lists ledger entries at one instant by issue id, then reason, and interviews at one instant by department', () => {
    // I2 and I10 are whistled to zj and cg at the same instant and both missed at the same midnight: two consecutive
    // misses for each department, so one interview each at that midnight.
    const issue = (id: string, minute: number) => `
  - { at: "2026-03-02T09:${minute}0:00+08:00", do: raise, issue: ${id}, station: hbc }
  - { at: "2026-03-02T09:${minute}1:00+08:00", do: escalate, issue: ${id} }
  - { at: "2026-03-02T09:${minute}2:00+08:00", do: escalate, issue: ${id} }`;
    const result = run(`
year: 2026
streets: [{ id: htl }]
stations: [{ id: hbc, street: htl }]
departments: [{ id: zj }, { id: cg }]
steps:${issue('I2', 1)}${issue('I10', 2)}
  - { at: "2026-03-03T09:00:00+08:00", do: whistle, issue: I2, mode: joint, departments: [zj, cg] }
  - { at: "2026-03-03T09:00:00+08:00", do: whistle, issue: I10, mode: joint, departments: [zj, cg] }
until: "2026-03-31T00:00:00+08:00"
`);
    expect(result.ledger.cg.entries.map((e) => e.issue ?? e.reason)).toEqual(['base', 'I10', 'I2']);
    expect(result.interviews.map((i) => [i.department, i.at])).toEqual([
      ['cg', '2026-03-07T00:00:00+08:00'],
      ['zj', '2026-03-07T00:00:00+08:00'],
    ]);
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
    // Sep 30, Oct 1, Oct 2: the third day is a holiday, so the period runs to the end of the next working day, Oct 8.
    expect(result.issues.I1.deadlines).toEqual([{ department: 'cg', due: '2026-10-09T00:00:00+08:00', outcome: 'missed' }]);
    expect(result.ledger.cg.total).toBe(57);
  });
});
