import fc from 'fast-check';
import { decide } from '../issue/issue.decide';
import { IssueCommand } from '../issue/issue.commands';
import { IssueEvent } from '../issue/issue.events';
import { evolve, Issue, IssueState } from '../issue/issue.state';
import { DEFAULT_POLICY, Policy, resolvePolicy } from '../policy/policy';
import { at, raiseCommand, testContext } from '../testing/issue-fixtures';
import { SHANGHAI } from '../time/time-zone';
import { baseEntry, LedgerEntry, ledgerEntriesFor, ledgerTotal } from './ledger';

function run(commands: IssueCommand[], policy: Policy = DEFAULT_POLICY): LedgerEntry[] {
  let state: IssueState = null;
  const entries: LedgerEntry[] = [];
  for (const command of commands) {
    for (const event of decide(command, state, testContext) as IssueEvent[]) {
      if (state) entries.push(...ledgerEntriesFor(event, state, () => policy, SHANGHAI));
      state = evolve(state, event);
    }
  }
  return entries;
}

const toDistrict: IssueCommand[] = [
  raiseCommand(),
  { type: 'EscalateIssue', at: at('2026-03-02T10:00:00+08:00') },
  { type: 'EscalateIssue', at: at('2026-03-02T11:00:00+08:00') },
];
const closeBy = (department: string): IssueCommand[] => [
  { type: 'ReportResolution', departmentId: department, at: at('2026-03-04T10:00:00+08:00') },
  { type: 'ConfirmClosing', at: at('2026-03-05T10:00:00+08:00') },
];

describe('points (attachment 5, RULES.md §4)', () => {
  it('gives the base 60 at the start of the year', () => {
    expect(baseEntry('cg', 2026, DEFAULT_POLICY, SHANGHAI)).toMatchObject({ points: 60, at: Date.parse('2026-01-01T00:00:00+08:00') });
  });

  it('single closed: +1 to the handling department, on confirmation', () => {
    const entries = run([
      ...toDistrict,
      { type: 'BlowWhistle', mode: 'single', departments: ['cg'], at: at('2026-03-03T09:00:00+08:00') },
      ...closeBy('cg'),
    ]);
    expect(entries).toEqual([expect.objectContaining({ departmentId: 'cg', points: 1, reason: 'single-closed', year: 2026 })]);
  });

  it('joint closed: +0.5 to every co-handling department, including one added later', () => {
    const entries = run([
      ...toDistrict,
      { type: 'BlowWhistle', mode: 'joint', departments: ['cg', 'zj'], at: at('2026-03-03T09:00:00+08:00') },
      { type: 'AddDepartment', departmentId: 'jt', at: at('2026-03-03T10:00:00+08:00') },
      { type: 'GiveFeedback', departmentId: 'jt', at: at('2026-03-03T11:00:00+08:00') },
      { type: 'GiveFeedback', departmentId: 'zj', at: at('2026-03-03T11:00:00+08:00') },
      ...closeBy('cg'),
    ]);
    expect(entries.map((e) => [e.departmentId, e.points, e.reason])).toEqual([
      ['cg', 0.5, 'joint-closed'],
      ['zj', 0.5, 'joint-closed'],
      ['jt', 0.5, 'joint-closed'],
    ]);
  });

  it('transfer closed: +1.5 to the district lead department only', () => {
    const entries = run([
      ...toDistrict,
      { type: 'BlowWhistle', mode: 'transfer', departments: ['zj'], cityDepartment: 'city-sw', at: at('2026-03-03T09:00:00+08:00') },
      ...closeBy('zj'),
    ]);
    expect(entries.map((e) => [e.departmentId, e.points, e.reason])).toEqual([['zj', 1.5, 'transfer-led-closed']]);
  });

  it('a missed deadline: −3, dated at the deadline, and late feedback does not undo it', () => {
    const entries = run([
      ...toDistrict,
      { type: 'BlowWhistle', mode: 'single', departments: ['cg'], at: at('2026-03-03T09:00:00+08:00') },
      { type: 'GiveFeedback', departmentId: 'cg', at: at('2026-03-09T10:00:00+08:00') },
      ...closeBy('cg').map((c) => ({ ...c, at: c.at + 7 * 86_400_000 })),
    ]);
    expect(entries.map((e) => [e.reason, e.points, e.at])).toEqual([
      ['feedback-missed', -3, at('2026-03-07T00:00:00+08:00')],
      ['single-closed', 1, at('2026-03-12T10:00:00+08:00')],
    ]);
  });

  describe('a single issue that gained departments (policy singleWithAddedDepartments, RULES.md §4 v2)', () => {
    const gained: IssueCommand[] = [
      ...toDistrict,
      { type: 'BlowWhistle', mode: 'single', departments: ['cg'], at: at('2026-03-03T09:00:00+08:00') },
      { type: 'AddDepartment', departmentId: 'jt', at: at('2026-03-03T10:00:00+08:00') },
      { type: 'GiveFeedback', departmentId: 'cg', at: at('2026-03-03T11:00:00+08:00') },
      { type: 'GiveFeedback', departmentId: 'jt', at: at('2026-03-03T11:00:00+08:00') },
      ...closeBy('cg'),
    ];

    it('coHandled (default): no longer handled alone, so every department on it gets the co-handling +0.5', () => {
      expect(run(gained).map((e) => [e.departmentId, e.points, e.reason])).toEqual([
        ['cg', 0.5, 'joint-closed'],
        ['jt', 0.5, 'joint-closed'],
      ]);
    });

    it('namedOnly: +1 to the named department, nothing to the added one', () => {
      const policy = resolvePolicy({ singleWithAddedDepartments: 'namedOnly' });
      expect(run(gained, policy).map((e) => [e.departmentId, e.points, e.reason])).toEqual([['cg', 1, 'single-closed']]);
    });
  });

  describe('the unit of a deduction (policy deductionPer, RULES.md §4 v2)', () => {
    // Whistled Tue Mar 3 → due Mar 7 00:00, missed; a meeting Mon Mar 9 → due Mar 13 00:00, missed too.
    const missedTwice: IssueCommand[] = [
      ...toDistrict,
      { type: 'BlowWhistle', mode: 'single', departments: ['cg'], at: at('2026-03-03T09:00:00+08:00') },
      { type: 'HoldCoordinationMeeting', at: at('2026-03-09T09:00:00+08:00') },
      { type: 'Tick', at: at('2026-03-13T00:00:00+08:00') },
    ];

    it('deadline (default): one deduction per missed deadline', () => {
      expect(run(missedTwice).map((e) => [e.reason, e.points, e.at])).toEqual([
        ['feedback-missed', -3, at('2026-03-07T00:00:00+08:00')],
        ['feedback-missed', -3, at('2026-03-13T00:00:00+08:00')],
      ]);
    });

    it('issue: one deduction per department and issue, at its first missed deadline', () => {
      const policy = resolvePolicy({ deductionPer: 'issue' });
      expect(run(missedTwice, policy).map((e) => [e.reason, e.points, e.at])).toEqual([
        ['feedback-missed', -3, at('2026-03-07T00:00:00+08:00')],
      ]);
    });
  });

  it('no points for an issue closed below district (no department was whistled)', () => {
    expect(
      run([
        raiseCommand(),
        { type: 'ReportResolution', at: at('2026-03-03T10:00:00+08:00') },
        { type: 'ConfirmClosing', at: at('2026-03-04T10:00:00+08:00') },
      ]),
    ).toEqual([]);
  });

  it("a department's total is the sum of its entries", () => {
    const points = fc.array(fc.constantFrom(60, 1, 0.5, 1.5, -3), { maxLength: 200 });
    fc.assert(
      fc.property(points, (values) => {
        const entries = values.map((p, i) => ({
          entryId: `e${i}`,
          departmentId: 'cg',
          year: 2026,
          at: i,
          points: p,
          reason: 'base' as const,
        }));
        return Math.abs(ledgerTotal(entries) - values.reduce((s, p) => s + p, 0)) < 1e-9;
      }),
    );
  });

  it('folding an issue twice gives the same entries', () => {
    const commands: IssueCommand[] = [
      ...toDistrict,
      { type: 'BlowWhistle', mode: 'single', departments: ['cg'], at: at('2026-03-03T09:00:00+08:00') },
      ...closeBy('cg'),
    ];
    expect(run(commands)).toEqual(run(commands));
    const state = commands.reduce<IssueState>((s, c) => decide(c, s, testContext).reduce(evolve, s), null) as Issue;
    expect(state.status).toBe('closed');
  });
});
