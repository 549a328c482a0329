import { Policy } from '../policy/policy';
import { EpochMs, parseInstant } from '../time/instant';
import { yearOf } from '../time/local-date';
import { TimeZone } from '../time/time-zone';
import { IssueEvent } from '../issue/issue.events';
import { Issue } from '../issue/issue.state';

export type LedgerReason =
  'base' | 'base-adjusted' | 'single-closed' | 'joint-closed' | 'transfer-led-closed' | 'feedback-missed' | 'deduction-overturned';

/** One line of a department's points ledger (attachment 5). */
export interface LedgerEntry {
  /** Derived from its cause, so the same cause can never be booked twice. */
  entryId: string;
  departmentId: string;
  year: number;
  at: EpochMs;
  points: number;
  reason: LedgerReason;
  issueId?: string;
  deadlineId?: string;
  /** The written reason of a person's decision: a base-score adjustment, or the appeal decision that overturned a deduction. */
  explanation?: string;
  /** The appeal whose overturn booked a `deduction-overturned` entry. */
  appealId?: string;
}

export function baseEntry(departmentId: string, year: number, policy: Policy, zone: TimeZone): LedgerEntry {
  return {
    entryId: `base:${year}:${departmentId}`,
    departmentId,
    year,
    at: zone.startOfDay(`${String(year).padStart(4, '0')}-01-01`),
    points: policy.points.base,
    reason: 'base',
  };
}

/**
 * The ledger entries an issue event causes, given the issue as it was just before the event.
 * Points for closing go to the year of the confirmation; a deduction goes to the year its deadline
 * fell in, i.e. the year of the period's last day (a deadline due at 24:00 on 31 December is 2026's).
 */
export function ledgerEntriesFor(event: IssueEvent, issueBefore: Issue, policyAt: (at: EpochMs) => Policy, zone: TimeZone): LedgerEntry[] {
  if (event.type === 'FeedbackDeadlineMissed') {
    const due = parseInstant(event.data.due);
    const policy = policyAt(due);
    const missedBefore = issueBefore.deadlines.some((d) => d.departmentId === event.data.departmentId && d.outcome === 'missed');
    // deductionPer `issue`: the department's first missed deadline on the issue was booked; later ones are not.
    if (policy.deductionPer === 'issue' && missedBefore) return [];
    return [
      {
        entryId: `missed:${event.data.deadlineId}`,
        departmentId: event.data.departmentId,
        year: yearOf(event.data.lastDay),
        at: due,
        points: policy.points.feedbackMissed,
        reason: 'feedback-missed',
        issueId: issueBefore.issueId,
        deadlineId: event.data.deadlineId,
      },
    ];
  }
  if (event.type !== 'ClosingConfirmed' || issueBefore.whistle === null) return [];
  const at = parseInstant(event.data.at);
  const year = yearOf(zone.localDate(at));
  const { points, singleWithAddedDepartments } = policyAt(at);
  const closed = (departmentId: string, amount: number, reason: LedgerReason): LedgerEntry => ({
    entryId: `closed:${issueBefore.issueId}:${departmentId}`,
    departmentId,
    year,
    at,
    points: amount,
    reason,
    issueId: issueBefore.issueId,
  });
  switch (issueBefore.whistle.mode) {
    case 'single':
      // With departments added it was not handled "独自" (alone): co-handled, unless policy keeps the named handler's +1.
      if (issueBefore.departments.length > 1 && singleWithAddedDepartments === 'coHandled') {
        return issueBefore.departments.map((d) => closed(d.departmentId, points.jointClosed, 'joint-closed'));
      }
      return [closed(issueBefore.whistle.whistledDepartments[0], points.singleClosed, 'single-closed')];
    case 'joint':
      return issueBefore.departments.map((d) => closed(d.departmentId, points.jointClosed, 'joint-closed'));
    case 'transfer':
      return [closed(issueBefore.whistle.whistledDepartments[0], points.transferLedClosed, 'transfer-led-closed')];
  }
}

/** Totals are sums of halves by default, but policy may choose tenths: compare totals at a fixed precision. */
export function roundPoints(total: number): number {
  return Math.round(total * 1e6) / 1e6;
}

export function ledgerTotal(entries: readonly LedgerEntry[]): number {
  return roundPoints(entries.reduce((sum, e) => sum + e.points, 0));
}

/** The base score of a year as it stands: the base granted and every adjustment decided since (附件5-1 "原则上可得基础分"). */
export function baseScoreOf(entries: readonly LedgerEntry[]): number {
  return ledgerTotal(entries.filter((e) => e.reason === 'base' || e.reason === 'base-adjusted'));
}
