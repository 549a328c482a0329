import { EpochMs, instantOf } from '../time/instant';
import { LocalDate } from '../time/local-date';
import { DeadlineCause, DeadlineOutcome, FourLists, IssueEvent, Level, WhistleMode } from './issue.events';

export type IssueStatus = 'open' | 'resolved' | 'closed';

export interface FeedbackDeadline {
  deadlineId: string;
  departmentId: string;
  cause: DeadlineCause;
  startedAt: EpochMs;
  due: EpochMs;
  lastDay: LocalDate;
  provisional: boolean;
  outcome: DeadlineOutcome;
  settledAt?: EpochMs;
  /**
   * The department's first feedback (or report of resolution) while the deadline waits for its year's schedule
   * (provisional and past its due instant): publication settles it against the recomputed due (RULES.md §3).
   */
  answeredAt?: EpochMs;
  /** 督办提醒: when the department is reminded if it still owes feedback; absent: never. */
  remindAt?: EpochMs;
  /** When the reminder was recorded. */
  remindedAt?: EpochMs;
}

export interface LevelTimeLimit {
  level: Level;
  startedAt: EpochMs;
  due: EpochMs;
  lastDay: LocalDate;
  provisional: boolean;
}

export interface IssueDepartment {
  departmentId: string;
  joinedAt: EpochMs;
  via: 'whistle' | 'added';
}

export interface Issue {
  issueId: string;
  stationId: string;
  streetId: string;
  title: string;
  fourLists: FourLists;
  raisedAt: EpochMs;
  status: IssueStatus;
  level: Level;
  levels: { level: Level; at: EpochMs }[];
  /** The running time limit of the community or street level; null once stopped or above street. */
  timeLimit: LevelTimeLimit | null;
  whistle: { mode: WhistleMode; at: EpochMs; cityDepartment?: string; whistledDepartments: string[] } | null;
  departments: IssueDepartment[];
  deadlines: FeedbackDeadline[];
  resolution: { departmentId?: string; at: EpochMs } | null;
  closedAt: EpochMs | null;
}

/** An issue that has not been raised yet. */
export type IssueState = Issue | null;

export function evolve(state: IssueState, event: IssueEvent): IssueState {
  if (event.type === 'IssueRaised') {
    const at = instantOf(event.data.at);
    return {
      issueId: event.data.issueId,
      stationId: event.data.stationId,
      streetId: event.data.streetId,
      title: event.data.title,
      fourLists: event.data.fourLists,
      raisedAt: at,
      status: 'open',
      level: 'community',
      levels: [{ level: 'community', at }],
      timeLimit: null,
      whistle: null,
      departments: [],
      deadlines: [],
      resolution: null,
      closedAt: null,
    };
  }
  if (state === null) return state;
  switch (event.type) {
    case 'LevelTimeLimitSet':
      return {
        ...state,
        timeLimit: {
          level: event.data.level,
          startedAt: instantOf(event.data.startedAt),
          due: instantOf(event.data.due),
          lastDay: event.data.lastDay,
          provisional: event.data.provisional,
        },
      };
    case 'IssueEscalated': {
      const at = instantOf(event.data.at);
      return { ...state, level: event.data.to, levels: [...state.levels, { level: event.data.to, at }], timeLimit: null };
    }
    case 'WhistleBlown': {
      const at = instantOf(event.data.at);
      const toCity = event.data.mode === 'transfer';
      return {
        ...state,
        whistle: {
          mode: event.data.mode,
          at,
          cityDepartment: event.data.cityDepartment,
          whistledDepartments: event.data.departments,
        },
        departments: event.data.departments.map((departmentId) => ({ departmentId, joinedAt: at, via: 'whistle' as const })),
        level: toCity ? 'city' : state.level,
        levels: toCity ? [...state.levels, { level: 'city', at }] : state.levels,
      };
    }
    case 'DepartmentAdded':
      return {
        ...state,
        departments: [...state.departments, { departmentId: event.data.departmentId, joinedAt: instantOf(event.data.at), via: 'added' }],
      };
    case 'FeedbackDeadlineSet':
      return {
        ...state,
        deadlines: [...state.deadlines, deadlineSetBy(event)],
      };
    case 'FeedbackDeadlineRecomputed':
      return updateDeadline(state, event.data.deadlineId, {
        due: instantOf(event.data.due),
        lastDay: event.data.lastDay,
        provisional: event.data.provisional,
        remindAt: remindAtOf(event.data).remindAt,
      });
    case 'FeedbackReminderSent':
      return updateDeadline(state, event.data.deadlineId, { remindedAt: instantOf(event.data.at) });
    case 'FeedbackDeadlineMet':
      return updateDeadline(state, event.data.deadlineId, { outcome: 'met', settledAt: instantOf(event.data.at) });
    case 'FeedbackDeadlineMissed':
      return updateDeadline(state, event.data.deadlineId, { outcome: 'missed', settledAt: instantOf(event.data.due) });
    case 'FeedbackDeadlineCancelled':
      return updateDeadline(state, event.data.deadlineId, { outcome: 'cancelled', settledAt: instantOf(event.data.at) });
    case 'ResolutionReported': {
      const answered =
        event.data.departmentId === undefined ? state : answerWaitingDeadlines(state, event.data.departmentId, instantOf(event.data.at));
      return {
        ...answered,
        status: 'resolved',
        timeLimit: null,
        resolution: { departmentId: event.data.departmentId, at: instantOf(event.data.at) },
      };
    }
    case 'ClosingConfirmed':
      return { ...state, status: 'closed', timeLimit: null, closedAt: instantOf(event.data.at) };
    case 'ClosingRejected':
      return { ...state, status: 'open', resolution: null };
    case 'FeedbackGiven':
      return answerWaitingDeadlines(state, event.data.departmentId, instantOf(event.data.at));
    case 'CoordinationMeetingHeld':
    case 'DepartmentsUrged':
      return state;
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}

/** Whether a deadline waits for its year's schedule at `at`: pending, provisional and past its due instant. */
export function isWaiting(deadline: FeedbackDeadline, at: EpochMs): boolean {
  return deadline.outcome === 'pending' && deadline.provisional && deadline.due <= at;
}

/** The pending deadline a FeedbackDeadlineSet starts. */
function deadlineSetBy({ data }: Extract<IssueEvent, { type: 'FeedbackDeadlineSet' }>): FeedbackDeadline {
  return {
    deadlineId: data.deadlineId,
    departmentId: data.departmentId,
    cause: data.cause,
    startedAt: instantOf(data.startedAt),
    due: instantOf(data.due),
    lastDay: data.lastDay,
    provisional: data.provisional,
    outcome: 'pending',
    ...remindAtOf(data),
  };
}

function remindAtOf(data: { remindAt?: string }): { remindAt?: EpochMs } {
  return data.remindAt === undefined ? {} : { remindAt: instantOf(data.remindAt) };
}

function answerWaitingDeadlines(state: Issue, departmentId: string, at: EpochMs): Issue {
  if (!state.deadlines.some((d) => d.departmentId === departmentId && d.answeredAt === undefined && isWaiting(d, at))) return state;
  return {
    ...state,
    deadlines: state.deadlines.map((d) =>
      d.departmentId === departmentId && d.answeredAt === undefined && isWaiting(d, at) ? { ...d, answeredAt: at } : d,
    ),
  };
}

function updateDeadline(state: Issue, deadlineId: string, change: Partial<FeedbackDeadline>): Issue {
  return {
    ...state,
    deadlines: state.deadlines.map((d) => (d.deadlineId === deadlineId ? { ...d, ...change } : d)),
  };
}

/**
 * The same fold as `evolve`, changing `state` in place instead of copying it (a new object only for IssueRaised): for
 * a caller that owns the state — nothing else holds it, its arrays or its deadlines, as after `evolveOwned` or
 * `copyOfIssue` — and folds millions of events (the simulation), where each copy was garbage to collect.
 */
export function evolveOwned(state: IssueState, event: IssueEvent): IssueState {
  if (event.type === 'IssueRaised' || state === null) return evolve(state, event);
  switch (event.type) {
    case 'LevelTimeLimitSet':
      state.timeLimit = {
        level: event.data.level,
        startedAt: instantOf(event.data.startedAt),
        due: instantOf(event.data.due),
        lastDay: event.data.lastDay,
        provisional: event.data.provisional,
      };
      return state;
    case 'IssueEscalated':
      state.level = event.data.to;
      state.levels.push({ level: event.data.to, at: instantOf(event.data.at) });
      state.timeLimit = null;
      return state;
    case 'WhistleBlown': {
      const at = instantOf(event.data.at);
      state.whistle = { mode: event.data.mode, at, cityDepartment: event.data.cityDepartment, whistledDepartments: event.data.departments };
      state.departments = event.data.departments.map((departmentId) => ({ departmentId, joinedAt: at, via: 'whistle' as const }));
      if (event.data.mode === 'transfer') {
        state.level = 'city';
        state.levels.push({ level: 'city', at });
      }
      return state;
    }
    case 'DepartmentAdded':
      state.departments.push({ departmentId: event.data.departmentId, joinedAt: instantOf(event.data.at), via: 'added' });
      return state;
    case 'FeedbackDeadlineSet':
      state.deadlines.push(deadlineSetBy(event));
      return state;
    case 'FeedbackDeadlineRecomputed': {
      const deadline = deadlineOf(state, event.data.deadlineId);
      if (deadline) {
        deadline.due = instantOf(event.data.due);
        deadline.lastDay = event.data.lastDay;
        deadline.provisional = event.data.provisional;
        deadline.remindAt = remindAtOf(event.data).remindAt;
      }
      return state;
    }
    case 'FeedbackReminderSent': {
      const deadline = deadlineOf(state, event.data.deadlineId);
      if (deadline) deadline.remindedAt = instantOf(event.data.at);
      return state;
    }
    case 'FeedbackDeadlineMet':
      settleOwned(state, event.data.deadlineId, 'met', event.data.at);
      return state;
    case 'FeedbackDeadlineMissed':
      settleOwned(state, event.data.deadlineId, 'missed', event.data.due);
      return state;
    case 'FeedbackDeadlineCancelled':
      settleOwned(state, event.data.deadlineId, 'cancelled', event.data.at);
      return state;
    case 'ResolutionReported': {
      const at = instantOf(event.data.at);
      if (event.data.departmentId !== undefined) answerWaitingOwned(state, event.data.departmentId, at);
      state.status = 'resolved';
      state.timeLimit = null;
      state.resolution = { departmentId: event.data.departmentId, at };
      return state;
    }
    case 'ClosingConfirmed':
      state.status = 'closed';
      state.timeLimit = null;
      state.closedAt = instantOf(event.data.at);
      return state;
    case 'ClosingRejected':
      state.status = 'open';
      state.resolution = null;
      return state;
    case 'FeedbackGiven':
      answerWaitingOwned(state, event.data.departmentId, instantOf(event.data.at));
      return state;
    case 'CoordinationMeetingHeld':
    case 'DepartmentsUrged':
      return state;
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}

/** A copy `evolveOwned` may change: its own arrays and deadlines (what events share with it, it never changes). */
export function copyOfIssue(issue: Issue): Issue {
  return {
    ...issue,
    levels: [...issue.levels],
    departments: [...issue.departments],
    deadlines: issue.deadlines.map((d) => ({ ...d })),
  };
}

function deadlineOf(state: Issue, deadlineId: string): FeedbackDeadline | undefined {
  for (const d of state.deadlines) if (d.deadlineId === deadlineId) return d;
  return undefined;
}

function settleOwned(state: Issue, deadlineId: string, outcome: DeadlineOutcome, at: string): void {
  const deadline = deadlineOf(state, deadlineId);
  if (deadline === undefined) return;
  deadline.outcome = outcome;
  deadline.settledAt = instantOf(at);
}

function answerWaitingOwned(state: Issue, departmentId: string, at: EpochMs): void {
  for (const d of state.deadlines) if (d.departmentId === departmentId && d.answeredAt === undefined && isWaiting(d, at)) d.answeredAt = at;
}

export function foldIssue(events: readonly IssueEvent[], initial: IssueState = null): IssueState {
  return events.reduce(evolve, initial);
}

export function pendingDeadlines(issue: Issue): FeedbackDeadline[] {
  return issue.deadlines.filter((d) => d.outcome === 'pending');
}
