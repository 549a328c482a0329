// The contract of the Temporal workflows: their names, ids, signals, queries, inputs and results. Imports only
// @temporalio/workflow (and types), so the workflow bundle, the worker and the API's client share one definition
// without loading the worker (test/architecture/temporal-contract.unit.spec.ts). The task queue is a setting
// (TEMPORAL_TASK_QUEUE) both sides read.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { IssueEvent } from '../../domain/src/issue/issue.events';
import type { IssueState } from '../../domain/src/issue/issue.state';

export const ISSUE_WORKFLOW_TYPE = 'issueWorkflow';
export const YEAR_END_WORKFLOW_TYPE = 'yearEndWorkflow';
export const WHAT_IF_WORKFLOW_TYPE = 'whatIfWorkflow';

export const issueWorkflowIdOf = (issueId: string) => `issue-${issueId}`;
/** The scheduled final year end of a task queue (deployments and test workers sharing a namespace keep apart). */
export const finalYearEndWorkflowIdOf = (taskQueue: string) => `yearend-final-${taskQueue}`;
/** A provisional year end, named after the year-end events it follows: a second request before its report joins it. */
export const provisionalYearEndWorkflowIdOf = (year: number, taskQueue: string, yearEndEventsSoFar: number) =>
  `yearend-${year}-provisional-${taskQueue}-after-${yearEndEventsSoFar}`;

/** A what-if (规则推演) is named by its id, which the API derives from the request's cause. */
export const whatIfWorkflowIdOf = (year: number, whatIfId: string) => `whatif-${year}-${whatIfId}`;

/** Who the Temporal side (timers, recomputations) is in the audit trail of the events it appends. */
export const TEMPORAL_ACTOR = { role: 'system', id: 'temporal' } as const;

/** A stored event of the issue's stream, as the delivery hands it over: the store's id and revision travel with it. */
export interface DeliveredIssueEvent {
  eventId: string;
  revision: number;
  event: IssueEvent;
}

/** Ledger entries the workflow owes for one stored event (booked by an activity, in revision order). */
export interface ScoringWork {
  eventId: string;
  revision: number;
}

/** What a run hands to the next one when it continues as new. */
export interface CarriedIssueState {
  state: IssueState;
  lastRevision: number;
  buffered: DeliveredIssueEvent[];
  work: ScoringWork[];
  recomputeRequests: string[];
  tickedDue: number | null;
}

export interface IssueWorkflowInput {
  issueId: string;
  /**
   * Server time minus domain time, in ms. 0 in production (domain instants are wall-clock instants); a test on the
   * time-skipping server, which starts at today's date, passes (server now − scenario start) to replay 2026.
   */
  clockOffsetMs?: number;
  carried?: CarriedIssueState;
}

export interface IssueWorkflowView {
  issueId: string;
  state: IssueState;
  lastRevision: number;
  /** Scoring activities still owed, events waiting for an earlier revision, recompute requests. */
  pendingWork: number;
  /** The instant (ISO) the one timer waits for, if any. */
  nextDue: string | null;
  clockOffsetMs: number;
}

/** Several stored events of the issue's stream in one signal (the delivery batches what waits for one issue). */
export const issueEventsSignal = defineSignal<[DeliveredIssueEvent[]]>('issueEvents');
/** A YearScheduleLoaded event was stored (its event id): recompute provisional deadlines if there are any. */
export const calendarPublishedSignal = defineSignal<[{ calendarEventId: string }]>('calendarPublished');
/** Changes the domain-time offset (tests and replays of past periods). */
export const clockOffsetSignal = defineSignal<[{ clockOffsetMs: number }]>('clockOffset');
export const issueStateQuery = defineQuery<IssueWorkflowView>('state');

export interface YearEndWorkflowInput {
  /** The year to reconcile; default: the year (Asia/Shanghai) before the run's start, i.e. the year just ended. */
  year?: number;
  /** Final (scheduled) run: ranking, bonuses, last-place interviews. False: a provisional ranking on demand. */
  final?: boolean;
  clockOffsetMs?: number;
}

export interface YearEndWorkflowResult {
  year: number;
  final: boolean;
  /** Ledger entries the recomputation and the ledger disagree on. */
  differences: number;
  /** Interviews for consecutive misses the recomputation and the streaks disagree on. */
  interviewDifferences: number;
  /** Feedback deadlines of the year still waiting for a schedule to be published (RULES.md §3). */
  waitingDeadlines: number;
  appended: number;
}

export interface WhatIfWorkflowInput {
  whatIfId: string;
  year: number;
  /** Policy overrides, checked by the API (the shape of a scenario's `policy:`); {} replays the recorded rules twice. */
  overrides: Record<string, unknown>;
  clockOffsetMs?: number;
}

export interface WhatIfWorkflowResult {
  whatIfId: string;
  /** compared: both runs and the changes are kept; refused: why not, kept too. */
  status: 'compared' | 'refused';
}
