import { Due, periodDue } from '../calendar/period';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { FeedbackDeadline } from '../issue/issue.state';
import { LedgerEntry } from '../ledger/ledger';
import { PolicyBook } from '../policy/policy';
import { DomainError } from '../shared/domain-error';
import { EpochMs, instantOf, IsoInstant, toIso } from '../time/instant';
import { LocalDate, yearOf } from '../time/local-date';
import { TimeZone } from '../time/time-zone';
import { AppealEvent, appealIdOf, AppealOutcome } from './appeal.events';

export type AppealStatus = 'open' | AppealOutcome;

export interface Appeal {
  appealId: string;
  departmentId: string;
  issueId: string;
  deadlineId: string;
  due: EpochMs;
  lastDay: LocalDate;
  deduction?: { entryId: string; points: number };
  reason: string;
  attachments: string[];
  filedAt: EpochMs;
  status: AppealStatus;
  decision?: { reason: string; at: EpochMs };
}

export type AppealState = Appeal | null;

export type AppealCommand =
  | {
      type: 'FileAppeal';
      departmentId: string;
      issueId: string;
      deadlineId: string;
      reason: string;
      attachments?: string[];
      at: EpochMs;
    }
  | { type: 'DecideAppeal'; outcome: AppealOutcome; reason: string; at: EpochMs };

export interface AppealContext {
  policy: PolicyBook;
  calendar: WorkingDayCalendar;
  zone: TimeZone;
  /** The deadline as its issue has it now, with the deduction booked for it if any; undefined when there is none. */
  deadlineOf(issueId: string, deadlineId: string): { deadline: FeedbackDeadline; deduction?: LedgerEntry } | undefined;
  /**
   * The filing is a recorded one replayed under other rules, and stands though their appeal period ended before it:
   * it was in time when the department filed it (docs/simulate.md).
   */
  standsAsRecorded?: true;
}

/**
 * The end of a deduction's appeal period (policy `appealPeriod`, in force at the deadline): counted from the missed
 * deadline's due instant, when the deduction is booked, like any period (that instant's local date does not count).
 */
export function appealPeriodEnd(due: EpochMs, context: Pick<AppealContext, 'policy' | 'calendar' | 'zone'>): Due {
  return periodDue(due, context.policy.at(due).appealPeriod, context.calendar, context.zone);
}

export function decideAppeal(command: AppealCommand, state: AppealState, context: AppealContext): AppealEvent[] {
  switch (command.type) {
    case 'FileAppeal':
      return [fileAppeal(command, state, context)];
    case 'DecideAppeal':
      return [decideOn(command, state)];
    default: {
      const unknownCommand: never = command;
      throw new DomainError('COMMAND.UNKNOWN', `unknown command ${JSON.stringify(unknownCommand)}`);
    }
  }
}

function requireReason(text: string): string {
  const reason = text.trim();
  if (reason === '') throw new DomainError('APPEAL.REASON_REQUIRED', 'an appeal and its decision each give a reason', 'reason');
  return reason;
}

function fileAppeal(command: Extract<AppealCommand, { type: 'FileAppeal' }>, state: AppealState, context: AppealContext): AppealEvent {
  const { departmentId, issueId, deadlineId, at } = command;
  const found = context.deadlineOf(issueId, deadlineId);
  if (found === undefined) {
    throw new DomainError('APPEAL.NO_SUCH_DEADLINE', `issue ${issueId} has no feedback deadline ${deadlineId}`, 'deadlineId');
  }
  const { deadline, deduction } = found;
  if (deadline.departmentId !== departmentId) {
    throw new DomainError(
      'APPEAL.NOT_OWN_DEADLINE',
      `deadline ${deadlineId} is ${deadline.departmentId}'s, not ${departmentId}'s`,
      'deadlineId',
    );
  }
  if (deadline.outcome !== 'missed') {
    throw new DomainError(
      'APPEAL.NOT_FEEDBACK_MISSED',
      `deadline ${deadlineId} is ${deadline.outcome}, not missed: only a feedback-missed deduction is appealed`,
      'deadlineId',
    );
  }
  if (state !== null) throw new DomainError('APPEAL.ALREADY_FILED', `deadline ${deadlineId} has already been appealed`);
  const ends = appealPeriodEnd(deadline.due, context);
  if (at >= ends.due && context.standsAsRecorded === undefined) {
    throw new DomainError('APPEAL.OUT_OF_TIME', `the appeal period of deadline ${deadlineId} ended at ${context.zone.format(ends.due)}`);
  }
  const reason = requireReason(command.reason);
  const attachments = command.attachments ?? [];
  attachments.forEach((ref, index) => {
    if (typeof ref !== 'string' || ref.trim() === '' || attachments.indexOf(ref) !== index) {
      throw new DomainError(
        'APPEAL.INVALID_ATTACHMENT',
        'an attachment is a reference: non-empty text, each given once',
        `attachments[${index}]`,
      );
    }
  });
  return {
    type: 'AppealFiled',
    data: {
      appealId: appealIdOf(deadlineId),
      departmentId,
      issueId,
      deadlineId,
      due: toIso(deadline.due),
      lastDay: deadline.lastDay,
      ...(deduction !== undefined ? { entryId: deduction.entryId, deductedPoints: deduction.points } : {}),
      reason,
      attachments: [...attachments],
      at: toIso(at),
    },
  };
}

function decideOn(command: Extract<AppealCommand, { type: 'DecideAppeal' }>, state: AppealState): AppealEvent {
  if (state === null) throw new DomainError('APPEAL.NOT_FOUND', 'the deduction has not been appealed');
  if (state.status !== 'open') throw new DomainError('APPEAL.CLOSED', `appeal ${state.appealId} has already been ${state.status}`);
  if (command.outcome !== 'upheld' && command.outcome !== 'overturned') {
    throw new DomainError('APPEAL.UNKNOWN_OUTCOME', `an appeal is upheld or overturned, not ${JSON.stringify(command.outcome)}`, 'outcome');
  }
  const { appealId, departmentId, issueId, deadlineId } = state;
  const data = { appealId, departmentId, issueId, deadlineId, reason: requireReason(command.reason), at: toIso(command.at) };
  return command.outcome === 'upheld' ? { type: 'AppealUpheld', data } : { type: 'AppealOverturned', data };
}

export function evolveAppeal(state: AppealState, event: AppealEvent): AppealState {
  switch (event.type) {
    case 'AppealFiled': {
      const { data } = event;
      return {
        appealId: data.appealId,
        departmentId: data.departmentId,
        issueId: data.issueId,
        deadlineId: data.deadlineId,
        due: instantOf(data.due),
        lastDay: data.lastDay,
        ...(data.entryId !== undefined ? { deduction: { entryId: data.entryId, points: data.deductedPoints as number } } : {}),
        reason: data.reason,
        attachments: data.attachments,
        filedAt: instantOf(data.at),
        status: 'open',
      };
    }
    case 'AppealUpheld':
    case 'AppealOverturned':
      if (state === null) return state;
      return {
        ...state,
        status: event.type === 'AppealUpheld' ? 'upheld' : 'overturned',
        decision: { reason: event.data.reason, at: instantOf(event.data.at) },
      };
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}

export function foldAppeal(events: readonly AppealEvent[]): AppealState {
  return events.reduce(evolveAppeal, null);
}

/**
 * The entry an overturn books: the deduction given back (+3 by default), dated at the decision, in the deduction's
 * year so that year's total is corrected, and linked to the appeal. None when no deduction was booked.
 */
export function overturnEntryOf(appeal: Appeal): LedgerEntry | undefined {
  if (appeal.status !== 'overturned' || appeal.deduction === undefined || appeal.decision === undefined) return undefined;
  return {
    entryId: `overturned:${appeal.deadlineId}`,
    departmentId: appeal.departmentId,
    year: yearOf(appeal.lastDay),
    at: appeal.decision.at,
    points: -appeal.deduction.points,
    reason: 'deduction-overturned',
    issueId: appeal.issueId,
    deadlineId: appeal.deadlineId,
    appealId: appeal.appealId,
    explanation: appeal.decision.reason,
  };
}

/** An appeal of a year's deduction still undecided when the year is reconciled. */
export interface OpenAppeal {
  appealId: string;
  departmentId: string;
  issueId: string;
  deadlineId: string;
  due: IsoInstant;
  filedAt: IsoInstant;
}

/**
 * What the appeals give a year's reconciliation at `at`: the entries of the overturns decided by then (in the year's
 * ledger), every deadline overturned by then (any year: the streak counts across years), and the appeals of the
 * year's deductions filed and still undecided, which may yet change its totals.
 */
export function appealsAtReconciliation(
  appeals: readonly Appeal[],
  year: number,
  at: EpochMs,
): { entries: LedgerEntry[]; overturned: Set<string>; open: OpenAppeal[] } {
  const entries: LedgerEntry[] = [];
  const overturned = new Set<string>();
  const open: OpenAppeal[] = [];
  for (const appeal of [...appeals].sort((a, b) => a.filedAt - b.filedAt || a.appealId.localeCompare(b.appealId))) {
    if (appeal.filedAt > at) continue;
    const decided = appeal.decision !== undefined && appeal.decision.at <= at;
    if (decided && appeal.status === 'overturned') {
      overturned.add(appeal.deadlineId);
      const entry = overturnEntryOf(appeal);
      if (entry !== undefined && entry.year === year) entries.push(entry);
    }
    if (!decided && yearOf(appeal.lastDay) === year) {
      const { appealId, departmentId, issueId, deadlineId } = appeal;
      open.push({ appealId, departmentId, issueId, deadlineId, due: toIso(appeal.due), filedAt: toIso(appeal.filedAt) });
    }
  }
  return { entries, overturned, open };
}
