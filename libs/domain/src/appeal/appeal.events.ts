import { IsoInstant } from '../time/instant';
import { LocalDate } from '../time/local-date';

export type AppealOutcome = 'upheld' | 'overturned';

/**
 * 申诉/复核: a department appeals a missed feedback deadline (its `feedback-missed` deduction), supervisors uphold or
 * overturn it. One stream per appealed deadline (`appeal-<deadlineId>`): a deadline is appealed once.
 */
export type AppealEvent =
  | {
      type: 'AppealFiled';
      data: {
        appealId: string;
        departmentId: string;
        issueId: string;
        deadlineId: string;
        /** The missed deadline's due instant and last day (the deduction's year). */
        due: IsoInstant;
        lastDay: LocalDate;
        /** The deduction booked for it; absent when none was (policy `deductionPer: issue`, a later miss on the issue). */
        entryId?: string;
        deductedPoints?: number;
        reason: string;
        /** References of the attached documents (the files themselves live elsewhere). */
        attachments: string[];
        at: IsoInstant;
      };
    }
  | { type: 'AppealUpheld'; data: { appealId: string; reason: string; at: IsoInstant } }
  | { type: 'AppealOverturned'; data: { appealId: string; reason: string; at: IsoInstant } };

export const APPEAL_EVENT_SCHEMA_VERSIONS: Record<AppealEvent['type'], number> = {
  AppealFiled: 1,
  AppealUpheld: 1,
  AppealOverturned: 1,
};

/** A deadline is appealed once, so the appeal is named by it. */
export const appealIdOf = (deadlineId: string) => `appeal:${deadlineId}`;
export const appealStreamOf = (deadlineId: string) => `appeal-${deadlineId}`;
