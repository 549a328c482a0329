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

/** A feedback deadline pending past its due instant, waiting for its year's schedule (RULES.md §3). */
export interface WaitingDeadline {
  departmentId: string;
  issueId: string;
  deadlineId: string;
  /** Its provisional due instant. */
  due: IsoInstant;
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
        /** A person's written reason: of a base-score adjustment, or of the appeal decision behind an overturn. */
        explanation?: string;
        /** The appeal whose overturn booked a `deduction-overturned` entry. */
        appealId?: string;
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
        /** The instant the deadline was set, and the global position of the event that set it (RULES.md §5 order). */
        setAt: IsoInstant;
        setOrder: number;
        sequence: number;
        due: IsoInstant;
        lastDay: string;
        outcome: DeadlineOutcome;
        provisional: boolean;
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
        /** Ordered when an appeal's overturn recounted the streak (the interview is dated at the decision). */
        appealId?: string;
      };
    }
  | {
      /** An overturned appeal made the run behind an interview no longer consecutive misses (dated at the decision). */
      type: 'InterviewWithdrawn';
      data: { departmentId: string; at: IsoInstant; year: number; deadlineIds: string[]; appealId: string };
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
        /** Deadlines of the year still waiting for a schedule to be published: the year is not settled yet. */
        waitingDeadlines: WaitingDeadline[];
      };
    };

export const DEPARTMENT_EVENT_SCHEMA_VERSIONS: Record<DepartmentEvent['type'], number> = {
  LedgerEntryRecorded: 1,
  FeedbackDeadlineTracked: 2,
  InterviewOrdered: 1,
  InterviewWithdrawn: 1,
  YearEndRankingPublished: 1,
  AssessmentBonusGranted: 1,
  ReconciliationReported: 3,
};

/** Readers of older payloads (see shared/upcast.ts). */
export const DEPARTMENT_EVENT_UPCASTERS: Record<string, Upcaster> = {
  // v1 reports compared ledger entries only.
  'ReconciliationReported@1': (data) => ({ ...data, interviewDifferences: [] }),
  // v2 reports had no deadline waiting for a schedule: years not published were counted as plain weekdays.
  'ReconciliationReported@2': (data) => ({ ...data, waitingDeadlines: [] }),
  // v1 carried when the issue was raised where v2 has when the deadline was set, and no set order: read as those.
  'FeedbackDeadlineTracked@1': ({ issueRaisedAt, ...data }) => ({ ...data, setAt: issueRaisedAt, setOrder: 0, provisional: false }),
};

export const ledgerStreamOf = (departmentId: string, year: number) => `ledger-${departmentId}-${year}`;
export const streakStreamOf = (departmentId: string) => `streak-${departmentId}`;
export const yearEndStreamOf = (year: number) => `yearend-${year}`;
export const issueStreamOf = (issueId: string) => `issue-${issueId}`;
