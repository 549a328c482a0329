import { DEFAULT_POLICY } from '../policy/policy';
import { isDomainError } from '../shared/domain-error';
import { at, testContext } from '../testing/issue-fixtures';
import { SHANGHAI } from '../time/time-zone';
import { AdjustBase, decideBaseAdjustment } from './base-adjustment';
import { baseEntry, baseScoreOf, LedgerEntry, ledgerTotal } from './ledger';

const base = baseEntry('jt', 2026, DEFAULT_POLICY, SHANGHAI);
const adjust = (points: number, when = '2026-11-20T10:00:00+08:00', change: Partial<AdjustBase> = {}): AdjustBase => ({
  type: 'AdjustBase',
  departmentId: 'jt',
  year: 2026,
  points,
  reason: '全年缺席联席会议3次',
  at: at(when),
  ...change,
});
/** given(the ledger of the year) / when(the decision) / then(its entry, or the code it is refused with). */
function when(ledger: LedgerEntry[], command: AdjustBase): LedgerEntry | string {
  try {
    return decideBaseAdjustment(command, ledger, testContext);
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
}

describe(decideBaseAdjustment.name, () => {
  it('books a base-adjusted entry dated when decided, with its written reason', () => {
    expect(when([base], adjust(-10))).toEqual({
      entryId: 'base-adjusted:2026:jt:1',
      departmentId: 'jt',
      year: 2026,
      at: at('2026-11-20T10:00:00+08:00'),
      points: -10,
      reason: 'base-adjusted',
      explanation: '全年缺席联席会议3次',
    });
  });

  it('may withhold the whole base, but a second adjustment may not take it below zero', () => {
    const first = when([base], adjust(-40)) as LedgerEntry;
    const missed: LedgerEntry = {
      ...base,
      entryId: 'missed:I1#1',
      points: -3,
      reason: 'feedback-missed',
      at: at('2026-05-10T00:00:00+08:00'),
    };
    const ledger = [base, missed, first];
    expect(baseScoreOf(ledger)).toBe(20);
    expect(when(ledger, adjust(-20.5, '2026-12-01T10:00:00+08:00'))).toBe('BASE.BELOW_ZERO');
    const second = when(ledger, adjust(-20, '2026-12-01T10:00:00+08:00')) as LedgerEntry;
    expect(second.entryId).toBe('base-adjusted:2026:jt:2');
    // Deductions are not the base: the year's total goes below the base score, the base score itself stays at 0.
    expect([baseScoreOf([...ledger, second]), ledgerTotal([...ledger, second])]).toEqual([0, -3]);
  });

  it('refuses what is not a reduction in half points, or has no reason', () => {
    expect(when([base], adjust(5))).toBe('BASE.NOT_A_REDUCTION');
    expect(when([base], adjust(0))).toBe('BASE.NOT_A_REDUCTION');
    expect(when([base], adjust(-0.25))).toBe('BASE.NOT_HALF_POINTS');
    expect(when([base], adjust(-1, undefined, { reason: ' ' }))).toBe('BASE.REASON_REQUIRED');
    expect(when([base], adjust(-1, undefined, { departmentId: 'city-sw' }))).toBe('ORGANISATION.UNKNOWN_DEPARTMENT');
  });

  it('decides a year from its first day until its reconciliation (00:30 on 1 January after it)', () => {
    expect(when([base], adjust(-1, '2025-12-31T23:59:59+08:00'))).toBe('BASE.YEAR_NOT_OPEN');
    expect(when([base], adjust(-1, '2026-01-01T00:00:00+08:00'))).toMatchObject({ year: 2026 });
    expect(when([base], adjust(-1, '2027-01-01T00:29:59+08:00'))).toMatchObject({ year: 2026, at: at('2027-01-01T00:29:59+08:00') });
    expect(when([base], adjust(-1, '2027-01-01T00:30:00+08:00'))).toBe('BASE.YEAR_NOT_OPEN');
  });
});
