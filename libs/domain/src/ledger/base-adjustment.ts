import { Organisation } from '../issue/organisation';
import { PolicyBook } from '../policy/policy';
import { DomainError } from '../shared/domain-error';
import { EpochMs } from '../time/instant';
import { TimeZone } from '../time/time-zone';
import { baseScoreOf, LedgerEntry, roundPoints } from './ledger';

/**
 * Supervisors (区委组织部 with 区直工委) withhold or reduce a department's base score for a year: the base is granted
 * "原则上" to departments that keep the meeting and whistle systems, and a person decides, citing the attendance record.
 */
export interface AdjustBase {
  type: 'AdjustBase';
  departmentId: string;
  year: number;
  /** Below zero: the base is withheld (all of it) or reduced. */
  points: number;
  /** The written reason, citing the department's attendance. */
  reason: string;
  at: EpochMs;
}

export interface LedgerContext {
  policy: PolicyBook;
  zone: TimeZone;
  organisation: Organisation;
}

/** The instant a year's reconciliation runs (RULES.md §5, policy `yearEnd`): 00:30 on 1 January of the next year by default. */
export function yearEndInstant(year: number, policy: PolicyBook, zone: TimeZone): EpochMs {
  const closing = zone.startOfDay(`${String(year + 1).padStart(4, '0')}-01-01`);
  const { hour, minute } = policy.at(closing - 1).yearEnd;
  return zone.atLocalTime(`${String(year + 1).padStart(4, '0')}-01-01`, hour, minute);
}

/**
 * The `base-adjusted` entry the decision books, dated when decided, given the department's ledger of the year as
 * recorded. The base score of a year never goes below zero; the year's ledger is open from its first day until its
 * year-end reconciliation, so a published ranking is never changed by a later decision.
 */
export function decideBaseAdjustment(command: AdjustBase, ledgerOfYear: readonly LedgerEntry[], context: LedgerContext): LedgerEntry {
  const { departmentId, year, points, at } = command;
  if (!context.organisation.isDistrictDepartment(departmentId)) {
    throw new DomainError('ORGANISATION.UNKNOWN_DEPARTMENT', `${departmentId} is not a district department`, 'departmentId');
  }
  const reason = command.reason.trim();
  if (reason === '') throw new DomainError('BASE.REASON_REQUIRED', 'a base-score decision gives its written reason', 'reason');
  if (!Number.isFinite(points) || points >= 0) {
    throw new DomainError('BASE.NOT_A_REDUCTION', `a base-score decision withholds or reduces: ${points} is not below zero`, 'points');
  }
  if (!Number.isInteger(points * 2)) {
    throw new DomainError('BASE.NOT_HALF_POINTS', `a base-score adjustment is a multiple of 0.5 points, not ${points}`, 'points');
  }
  const opens = context.zone.startOfDay(`${String(year).padStart(4, '0')}-01-01`);
  const closes = yearEndInstant(year, context.policy, context.zone);
  if (at < opens || at >= closes) {
    throw new DomainError(
      'BASE.YEAR_NOT_OPEN',
      `the base score of ${year} is decided from ${context.zone.format(opens)} until its reconciliation at ${context.zone.format(closes)}`,
    );
  }
  const base = baseScoreOf(ledgerOfYear);
  if (roundPoints(base + points) < 0) {
    throw new DomainError(
      'BASE.BELOW_ZERO',
      `the base score of ${departmentId} for ${year} is ${base}; ${points} would take it below zero`,
      'points',
    );
  }
  const sequence = ledgerOfYear.filter((e) => e.reason === 'base-adjusted').length + 1;
  return {
    entryId: `base-adjusted:${year}:${departmentId}:${sequence}`,
    departmentId,
    year,
    at,
    points,
    reason: 'base-adjusted',
    explanation: reason,
  };
}
