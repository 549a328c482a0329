import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parseScenarioText, ScenarioProblems } from './scenario';
import { simulateScenario } from './simulation';
import { scenarioFiles } from '../../test/scenario-files';

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
  const files = scenarioFiles();

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
  - { at: "2026-03-03T11:00:00+08:00", do: adjustBase, department: cg, points: ten, reason: x }
  - { at: "2026-03-03T12:00:00+08:00", do: decideAppeal, department: cg, issue: I1, due: "2026-03-07T00:00:00+08:00", outcome: granted }
  - { at: "2026-03-03T13:00:00+08:00", do: appeal, department: cg, issue: I1, due: "2026-03-07", reason: x }
`);
    expect(problems).toEqual([
      'step 3: mode "solo" is not single, joint or transfer',
      'step 3: departments[0] must be a department id, not {"id":"cg"}',
      expect.stringMatching(/^step 4: needs do: one of raise, escalate, /),
      'step 5: points must be a number, not "ten"',
      'step 6: outcome "granted" is not upheld or overturned',
      expect.stringMatching(/^step 7: due: "2026-03-07" has no UTC offset/),
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

describe('simulate: a year whose schedule is not published (RULES.md §3, v2)', () => {
  const header = {
    year: 2027,
    streets: [{ id: 'htl' }],
    stations: [{ id: 'hbc', street: 'htl' }],
    departments: [{ id: 'cg' }, { id: 'zj' }],
  };
  const SCHEDULE_2027 = { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] as string[] };
  const whistled = (issue: string, at: string, department = 'cg') => {
    const t = Date.parse(at);
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
    return [
      { at: iso(t - 3 * 60_000), do: 'raise', issue, station: 'hbc' },
      { at: iso(t - 2 * 60_000), do: 'escalate', issue },
      { at: iso(t - 60_000), do: 'escalate', issue },
      { at, do: 'whistle', issue, mode: 'single', departments: [department] },
    ];
  };

  it('marks a deadline provisional until publication; past due it stays pending, then is settled against its new due', () => {
    // Whistled Wed Dec 30 → Thu Dec 31, (Jan 1 元旦, weekend), Mon Jan 4, Tue Jan 5 → due Jan 6 00:00, provisional.
    // No feedback; published Thu Jan 7 09:00 with Jan 1–3 off: due stays Jan 6 00:00, missed at once.
    const steps = [...whistled('I1', '2026-12-30T10:00:00+08:00')];
    const before = simulateScenario({ ...header, steps, until: '2027-01-07T08:00:00+08:00' });
    expect(before.issues.I1.deadlines).toEqual([
      { department: 'cg', due: '2027-01-06T00:00:00+08:00', outcome: 'pending', provisional: true },
    ]);
    expect(before.ledger.cg.total).toBe(60);
    const published = simulateScenario({
      ...header,
      steps: [...steps, { at: '2027-01-07T09:00:00+08:00', do: 'publishCalendar', year: 2027, ...SCHEDULE_2027 }],
      until: '2027-01-31T00:00:00+08:00',
    });
    expect(published.issues.I1.deadlines).toEqual([{ department: 'cg', due: '2027-01-06T00:00:00+08:00', outcome: 'missed' }]);
    expect(published.ledger.cg.entries.slice(1)).toEqual([
      { at: '2027-01-06T00:00:00+08:00', points: -3, reason: 'feedback-missed', issue: 'I1' },
    ]);
  });

  it('refuses a publishCalendar for a year already published, and takes calendars given up front', () => {
    expect(
      problemsOf(
        JSON.stringify({
          ...header,
          calendars: { 2027: SCHEDULE_2027 },
          steps: [
            { at: '2026-12-01T09:00:00+08:00', do: 'publishCalendar', year: 2026, holidays: [], workdays: [] },
            { at: '2026-12-01T10:00:00+08:00', do: 'publishCalendar', year: 2027, ...SCHEDULE_2027 },
          ],
        }),
      ),
    ).toEqual([
      'step 0: publishCalendar: the schedule of 2026 is already published',
      'step 1: publishCalendar: the schedule of 2027 is already published',
    ]);
  });

  it('a year published later gives the same ledger as the same year known from the start, when nothing fell due before publication', () => {
    const DAY = 86_400_000;
    const PUBLISHED_AT = Date.parse('2026-12-31T12:00:00+08:00');
    const FIRST_WHISTLE = Date.parse('2026-12-28T10:00:00+08:00');
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
    // Whistles from Mon Dec 28 on: every deadline set before publication falls due after it (Dec 28's at Jan 1 00:00).
    const issue = fc.record({
      // Half of them before publication, most of those provisional (from Tue Dec 29 on, their periods reach 2027).
      whistleAfter: fc
        .oneof(fc.integer({ min: 0, max: 24 * 4 * 3 }), fc.integer({ min: 0, max: 24 * 4 * 25 }))
        .map((quarters) => quarters * 15 * 60_000),
      department: fc.constantFrom('cg', 'zj'),
      feedbackAfter: fc.option(fc.integer({ min: 1, max: 14 * 24 }).map((hours) => hours * 3_600_000)),
      closed: fc.boolean(),
    });
    const schedule = fc.record({
      extraHolidays: fc.subarray(['2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08']),
      workdays: fc.subarray(['2027-01-09', '2027-01-10', '2027-01-16']),
    });
    fc.assert(
      fc.property(fc.array(issue, { minLength: 1, maxLength: 8 }), schedule, (issues, { extraHolidays, workdays }) => {
        const published = { holidays: ['2027-01-01', '2027-01-02', '2027-01-03', ...extraHolidays], workdays };
        const steps: { at: string; do: string; [key: string]: unknown }[] = [];
        const timed: { t: number; step: Record<string, unknown> }[] = [];
        issues.forEach((spec, n) => {
          const id = `I${n + 1}`;
          const whistleAt = FIRST_WHISTLE + spec.whistleAfter + n;
          whistled(id, iso(whistleAt), spec.department).forEach((step, k) => timed.push({ t: whistleAt - (3 - k) * 60_000, step }));
          if (spec.feedbackAfter !== null) {
            const feedbackAt = whistleAt + spec.feedbackAfter;
            timed.push({ t: feedbackAt, step: { at: iso(feedbackAt), do: 'feedback', issue: id, department: spec.department } });
            if (spec.closed) {
              timed.push({
                t: feedbackAt + 60_000,
                step: { at: iso(feedbackAt + 60_000), do: 'resolve', issue: id, department: spec.department },
              });
              timed.push({ t: feedbackAt + 120_000, step: { at: iso(feedbackAt + 120_000), do: 'confirm', issue: id } });
            }
          }
        });
        timed.sort((a, b) => a.t - b.t).forEach(({ step }) => steps.push(step as (typeof steps)[number]));
        const until = iso(FIRST_WHISTLE + 60 * DAY);
        const knownFromStart = simulateScenario({ ...header, calendars: { 2027: published }, steps, until });
        const publication = { at: iso(PUBLISHED_AT), do: 'publishCalendar', year: 2027, ...published };
        const at = steps.findIndex((s) => Date.parse(s.at) > PUBLISHED_AT);
        const withPublication = [...steps.slice(0, at < 0 ? steps.length : at), publication, ...(at < 0 ? [] : steps.slice(at))];
        const publishedLater = simulateScenario({ ...header, steps: withPublication, until });
        expect(publishedLater.ledger).toEqual(knownFromStart.ledger);
        expect(publishedLater.interviews).toEqual(knownFromStart.interviews);
        expect(publishedLater.issues).toEqual(knownFromStart.issues);
      }),
      { numRuns: 60 },
    );
  });
});

describe('simulate: base-score decisions and appeals (FORMAT.md version 2)', () => {
  const header = `
year: 2026
streets: [{ id: htl }]
stations: [{ id: hbc, street: htl }]
departments: [{ id: cg }, { id: zj }]
`;
  // I1 whistled to cg Tue Mar 3 09:00 → due Mar 7 00:00, missed; the appeal period ends Mar 14 00:00 (Mar 9–13).
  const missedI1 = `
  - { at: "2026-03-02T09:00:00+08:00", do: raise, issue: I1, station: hbc }
  - { at: "2026-03-02T09:05:00+08:00", do: escalate, issue: I1 }
  - { at: "2026-03-02T09:10:00+08:00", do: escalate, issue: I1 }
  - { at: "2026-03-03T09:00:00+08:00", do: whistle, issue: I1, mode: single, departments: [cg] }`;
  const appeal = (when: string, department = 'cg', due = '2026-03-07T00:00:00+08:00') =>
    `\n  - { at: "${when}", do: appeal, department: ${department}, issue: I1, due: "${due}", reason: 未收到派单 }`;
  const decide = (when: string, outcome = 'overturned') =>
    `\n  - { at: "${when}", do: decideAppeal, department: cg, issue: I1, due: "2026-03-07T00:00:00+08:00", outcome: ${outcome} }`;

  it('refuses an appeal out of time, of a deadline that is not missed, or of none, and a decision on a closed appeal', () => {
    expect(problemsOf(`${header}\nsteps:${missedI1}${appeal('2026-03-14T00:00:00+08:00')}`)).toEqual([
      expect.stringMatching(
        /^step 4: appeal on issue "I1": the appeal period of deadline I1#1 ended at 2026-03-14T00:00:00\+08:00 \[APPEAL.OUT_OF_TIME\]$/,
      ),
    ]);
    expect(problemsOf(`${header}\nsteps:${missedI1}${appeal('2026-03-05T00:00:00+08:00')}`)).toEqual([
      expect.stringMatching(/^step 4: appeal on issue "I1": deadline I1#1 is pending, not missed.*\[APPEAL.NOT_FEEDBACK_MISSED\]$/),
    ]);
    expect(problemsOf(`${header}\nsteps:${missedI1}${appeal('2026-03-09T00:00:00+08:00', 'zj')}`)).toEqual([
      'step 4: appeal on issue "I1": issue "I1" has no feedback deadline of zj due at 2026-03-07T00:00:00+08:00 [APPEAL.NO_SUCH_DEADLINE]',
    ]);
    expect(
      problemsOf(
        `${header}\nsteps:${missedI1}${appeal('2026-03-09T10:00:00+08:00')}${decide('2026-03-10T10:00:00+08:00', 'upheld')}${decide('2026-03-11T10:00:00+08:00')}`,
      ),
    ).toEqual(['step 6: decideAppeal on issue "I1": appeal appeal:I1#1 has already been upheld [APPEAL.CLOSED]']);
    expect(problemsOf(`${header}\nsteps:${missedI1}${appeal('2026-03-09T10:00:00+08:00')}${appeal('2026-03-10T10:00:00+08:00')}`)).toEqual([
      'step 5: appeal on issue "I1": deadline I1#1 has already been appealed [APPEAL.ALREADY_FILED]',
    ]);
  });

  it('reports a refused appeal once: its decision is a consequence, the issue’s own later steps are not', () => {
    const problems = problemsOf(`${header}
steps:${missedI1}${appeal('2026-03-20T10:00:00+08:00')}${decide('2026-03-21T10:00:00+08:00')}
  - { at: "2026-03-22T10:00:00+08:00", do: confirm, issue: I1 }
`);
    expect(problems).toEqual([
      expect.stringMatching(/^step 4: appeal on issue "I1": .*\[APPEAL.OUT_OF_TIME\]$/),
      expect.stringMatching(/^step 6: confirm on issue "I1": .*\[CLOSING.NOT_RESOLVED\]$/),
    ]);
  });

  it('refuses an adjustment that would take a base below zero, and takes the one that reaches zero', () => {
    const adjust = (when: string, points: number) =>
      `\n  - { at: "${when}", do: adjustBase, department: zj, points: ${points}, reason: 缺席联席会议 }`;
    expect(problemsOf(`${header}\nsteps:${adjust('2026-06-01T10:00:00+08:00', -50)}${adjust('2026-07-01T10:00:00+08:00', -10.5)}`)).toEqual(
      ['step 1: adjustBase for department "zj": the base score of zj for 2026 is 10; -10.5 would take it below zero [BASE.BELOW_ZERO]'],
    );
    const result = run(`${header}\nsteps:${adjust('2026-06-01T10:00:00+08:00', -50)}${adjust('2026-07-01T10:00:00+08:00', -10)}`);
    expect(result.ledger.zj.total).toBe(0);
    expect(problemsOf(`${header}\nsteps:${adjust('2026-06-01T10:00:00+08:00', -0.3)}`)).toEqual([
      expect.stringMatching(/^step 0: adjustBase for department "zj": .*\[BASE.NOT_HALF_POINTS\]$/),
    ]);
  });

  it('leaves the ledger, interviews and deadlines as they were after an upheld appeal', () => {
    const upheld = run(
      `${header}\nsteps:${missedI1}${appeal('2026-03-09T10:00:00+08:00')}${decide('2026-03-10T10:00:00+08:00', 'upheld')}`,
    );
    const none = run(`${header}\nsteps:${missedI1}`);
    expect(upheld).toEqual(none);
  });
});
