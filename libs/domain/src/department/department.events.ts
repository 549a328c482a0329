import { IsoInstant } from '../time/instant';
import { LedgerReason } from '../ledger/ledger';
import { DeadlineOutcome } from '../issue/issue.events';
import { Upcaster } from '../shared/upcast';

/** A ledger entry the year-end recomputation and the ledger disagree on (null: absent on that side). */
export interface LedgerDifference {
  departmentId: string;
  entryId: string;
  expected: number | null;
  recorded: number | null;
}

/** An interview for consecutive missed deadlines that the recomputation calls and the streak did not order, or the reverse. */
export interface InterviewDifference {
  departmentId: string;
  /** The run of missed deadlines, oldest first. */
  deadlineIds: string[];
  expected: boolean;
  recorded: boolean;
}

/**
 * Events of the scoring side: the ledger (stream `ledger-<department>-<year>`), a department's feedback
 * streak (stream `streak-<department>`) and the year end (stream `yearend-<year>`).
 */
export type DepartmentEvent =
  | {
      type: 'LedgerEntryRecorded';
      data: {
        entryId: string;
        departmentId: string;
        year: number;
        at: IsoInstant;
        points: number;
        reason: LedgerReason;
        issueId?: string;
        deadlineId?: string;
        /** The stored event that caused the entry (its id), so an auditor can follow it back. */
        causedBy?: string;
      };
    }
  | {
      type: 'FeedbackDeadlineTracked';
      data: {
        deadlineId: string;
        departmentId: string;
        issueId: string;
        issueRaisedAt: IsoInstant;
        sequence: number;
        due: IsoInstant;
        lastDay: string;
        outcome: DeadlineOutcome;
      };
    }
  | {
      type: 'InterviewOrdered';
      data: {
        departmentId: string;
        at: IsoInstant;
        reason: 'consecutive-missed-feedback' | 'last-in-ranking';
        year: number;
        deadlineIds?: string[];
      };
    }
  | {
      type: 'YearEndRankingPublished';
      data: {
        year: number;
        at: IsoInstant;
        final: boolean;
        ranking: { department: string; total: number; rank: number }[];
      };
    }
  | {
      type: 'AssessmentBonusGranted';
      data: { departmentId: string; year: number; rank: number; partyBuilding: number; stationing: number; at: IsoInstant };
    }
  | {
      type: 'ReconciliationReported';
      data: {
        year: number;
        at: IsoInstant;
        final: boolean;
        differences: LedgerDifference[];
        interviewDifferences: InterviewDifference[];
      };
    };

export const DEPARTMENT_EVENT_SCHEMA_VERSIONS: Record<DepartmentEvent['type'], number> = {
  LedgerEntryRecorded: 1,
  FeedbackDeadlineTracked: 1,
  InterviewOrdered: 1,
  YearEndRankingPublished: 1,
  AssessmentBonusGranted: 1,
  ReconciliationReported: 2,
};

/** Readers of older payloads (see shared/upcast.ts). */
export const DEPARTMENT_EVENT_UPCASTERS: Record<string, Upcaster> = {
  // v1 reports compared ledger entries only.
  'ReconciliationReported@1': (data) => ({ ...data, interviewDifferences: [] }),
};

export const ledgerStreamOf = (departmentId: string, year: number) => `ledger-${departmentId}-${year}`;
export const streakStreamOf = (departmentId: string) => `streak-${departmentId}`;
export const yearEndStreamOf = (year: number) => `yearend-${year}`;
export const issueStreamOf = (issueId: string) => `issue-${issueId}`;
