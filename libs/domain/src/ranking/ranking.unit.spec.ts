import { DEFAULT_POLICY, resolvePolicy } from '../policy/policy';
import { rankDepartments, yearEndOutcome } from './ranking';

describe(rankDepartments.name, () => {
  it('ranks highest first with standard competition ranking (1, 2, 2, 4), ties listed by id', () => {
    const ranking = rankDepartments(
      new Map([
        ['d', 58],
        ['b', 61],
        ['c', 61],
        ['a', 62],
      ]),
    );
    expect(ranking).toEqual([
      { department: 'a', total: 62, rank: 1 },
      { department: 'b', total: 61, rank: 2 },
      { department: 'c', total: 61, rank: 2 },
      { department: 'd', total: 58, rank: 4 },
    ]);
  });

  it('treats totals equal to a millionth as tied, whatever the floating-point sum', () => {
    const ranking = rankDepartments(
      new Map([
        ['a', 0.1 + 0.2],
        ['b', 0.3],
      ]),
    );
    expect(ranking.map((r) => r.rank)).toEqual([1, 1]);
  });
});

describe(yearEndOutcome.name, () => {
  it('gives every department ranked 1 to 3 the bonuses and interviews every department with the lowest total', () => {
    const ranking = rankDepartments(
      new Map([
        ['a', 62],
        ['b', 61],
        ['c', 61],
        ['d', 60],
        ['e', 57],
        ['f', 57],
      ]),
    );
    const { bonuses, lastPlace } = yearEndOutcome(ranking, DEFAULT_POLICY);
    expect(bonuses.map((b) => b.department)).toEqual(['a', 'b', 'c']);
    expect(bonuses[0]).toEqual({ department: 'a', partyBuilding: 1, stationing: 3 });
    expect(lastPlace).toEqual(['e', 'f']);
  });

  it('extends the bonuses to everyone tied at rank 3', () => {
    const ranking = rankDepartments(
      new Map([
        ['a', 62],
        ['b', 61],
        ['c', 60],
        ['d', 60],
        ['e', 50],
      ]),
    );
    expect(yearEndOutcome(ranking, DEFAULT_POLICY).bonuses.map((b) => b.department)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('ranks no one last when every department has the same total, but still gives the bonuses (RULES.md §5, v2)', () => {
    const ranking = rankDepartments(
      new Map([
        ['a', 60],
        ['b', 60],
        ['c', 60],
        ['d', 60],
      ]),
    );
    const { bonuses, lastPlace } = yearEndOutcome(ranking, DEFAULT_POLICY);
    expect(lastPlace).toEqual([]);
    expect(bonuses.map((b) => b.department)).toEqual(['a', 'b', 'c', 'd']);
    expect(yearEndOutcome(rankDepartments(new Map([['a', 57]])), DEFAULT_POLICY).lastPlace).toEqual([]);
  });

  it('interviews every tied department when policy says so', () => {
    const policy = resolvePolicy({ ranking: { lastPlaceWhenAllTied: true } });
    const ranking = rankDepartments(
      new Map([
        ['a', 60],
        ['b', 60],
      ]),
    );
    expect(yearEndOutcome(ranking, policy).lastPlace).toEqual(['a', 'b']);
  });
});
