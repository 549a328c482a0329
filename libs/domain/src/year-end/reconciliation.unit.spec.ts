import { IssueCommand } from '../issue/issue.commands';
import { decide } from '../issue/issue.decide';
import { evolve, IssueState } from '../issue/issue.state';
import { at, raiseCommand, testContext } from '../testing/issue-fixtures';
import {
  compareYearDeadlines,
  ExpectedPoints,
  interviewDifferences,
  ledgerDifferences,
  YearDeadline,
  YearIssueFold,
  YearStreaks,
} from './reconciliation';

/** Issue `issueId` whistled to cg and left without feedback, as its stored events. */
function missedIssue(issueId: string, whistle: string) {
  const commands: IssueCommand[] = [
    raiseCommand('2026-03-02T09:00:00+08:00', issueId),
    { type: 'EscalateIssue', at: at('2026-03-02T10:00:00+08:00') },
    { type: 'EscalateIssue', at: at('2026-03-02T11:00:00+08:00') },
    { type: 'BlowWhistle', mode: 'single', departments: ['cg'], at: at(whistle) },
    { type: 'Tick', at: at('2026-03-20T00:00:00+08:00') },
  ];
  let state: IssueState = null;
  return commands.flatMap((command) => {
    const events = decide(command, state, testContext);
    state = events.reduce(evolve, state);
    return events;
  });
}

describe('the year recomputed (RULES.md §5)', () => {
  const fold = () => {
    const expected = new Map<string, ExpectedPoints>();
    const deadlines: YearDeadline[] = [];
    const sut = new YearIssueFold(2026, ['cg', 'zj'], testContext.policy, testContext.zone, {
      entries: (entryId, entry) => expected.set(entryId, entry),
      deadlines: (deadline) => deadlines.push(deadline),
    });
    let position = 0;
    for (const [issueId, whistle] of [
      ['I1', '2026-03-03T09:00:00+08:00'],
      ['I2', '2026-03-04T09:00:00+08:00'],
    ]) {
      for (const event of missedIssue(issueId, whistle)) sut.add(`issue-${issueId}`, event, (position += 1));
    }
    sut.completeExpectedLedger();
    sut.completeDeadlines();
    return { sut, expected, deadlines };
  };

  it('expects each base entry and each missed deadline, and totals the registered departments', () => {
    const { sut, expected } = fold();
    expect(
      [...expected].sort(([a], [b]) => a.localeCompare(b)).map(([entryId, e]) => [entryId.split(':')[0], e.departmentId, e.points]),
    ).toEqual([
      ['base', 'cg', 60],
      ['base', 'zj', 60],
      ['missed', 'cg', -3],
      ['missed', 'cg', -3],
    ]);
    expect(sut.totals()).toEqual([
      ['cg', 54],
      ['zj', 60],
    ]);
    expect(sut.waitingDeadlines(at('2026-12-01T00:00:00+08:00'))).toEqual([]);
  });

  it('calls an interview for the two consecutive misses, and reports what the streams disagree on', () => {
    const { expected: expectedEntries, deadlines } = fold();
    const streaks = new YearStreaks(2026, () => 2);
    for (const deadline of deadlines.sort(compareYearDeadlines)) streaks.take(deadline);
    const expected = streaks.interviews();
    expect([...expected.keys()]).toEqual(['cg']);
    expect([...(expected.get('cg') as Map<string, string[]>).values()]).toEqual([['I1#1', 'I2#1']]);
    expect(interviewDifferences('cg', expected.get('cg') as Map<string, string[]>, new Map())).toEqual([
      { departmentId: 'cg', deadlineIds: ['I1#1', 'I2#1'], expected: true, recorded: false },
    ]);
    const recorded = new Map(expectedEntries);
    expect(ledgerDifferences(expectedEntries, recorded)).toEqual([]);
    const baseOfZj = [...expectedEntries].find(([, e]) => e.departmentId === 'zj')![0];
    recorded.delete(baseOfZj);
    recorded.set('stray', { departmentId: 'zj', points: 1 });
    expect(ledgerDifferences(expectedEntries, recorded)).toEqual(
      [
        { departmentId: 'zj', entryId: baseOfZj, expected: 60, recorded: null },
        { departmentId: 'zj', entryId: 'stray', expected: null, recorded: 1 },
      ].sort((a, b) => a.entryId.localeCompare(b.entryId)),
    );
  });
});
