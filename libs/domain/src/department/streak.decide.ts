import { FeedbackDeadline, Issue } from '../issue/issue.state';
import { EpochMs, instantOf, toIso } from '../time/instant';
import { LocalDate, yearOf } from '../time/local-date';
import { DepartmentEvent } from './department.events';
import {
  advanceStreak,
  emptyStreak,
  FeedbackStreak,
  recordDeadline,
  recountStreak,
  StreakDeadline,
  streakDeadlineOf,
  StreakInterview,
} from './feedback-streak';

/** Where a department's stream `streak-<department>` stands. */
export interface StreakState {
  streak: FeedbackStreak;
  /** Last day of each waiting deadline: the year an interview belongs to. */
  lastDays: Record<string, LocalDate>;
}

export function emptyStreakState(departmentId: string): StreakState {
  return { streak: emptyStreak(departmentId), lastDays: {} };
}

/**
 * One of the department's feedback deadlines was set or settled (its issue as it stands after that event). `setOrder`
 * is the commit order of the act that set it, given with the FeedbackDeadlineSet; a later event of the deadline
 * finds it among the waiting ones. `now` is the latest instant read in the log: it bounds what the run may take.
 */
export interface TrackFeedbackDeadline {
  type: 'TrackFeedbackDeadline';
  issue: Issue;
  deadline: FeedbackDeadline;
  setOrder?: number;
  threshold: number;
  now: EpochMs;
}

/** The events a tracked deadline appends, and the streak they leave. */
export interface StreakDecision {
  events: DepartmentEvent[];
  state: StreakState;
}

/**
 * RULES.md §5, one deadline at a time: records it, advances the run, and orders an interview for every `threshold`
 * consecutive misses. A deadline no longer waiting has been taken into the run and settled: nothing to append.
 */
export function decideStreak(command: TrackFeedbackDeadline, state: StreakState): StreakDecision {
  const { issue, deadline } = command;
  const setOrder = command.setOrder ?? state.streak.waiting.find((d) => d.deadlineId === deadline.deadlineId)?.setOrder;
  if (setOrder === undefined) return { events: [], state };
  const tracked = streakDeadlineOf(issue, deadline, setOrder);
  const lastDays = { ...state.lastDays, [deadline.deadlineId]: deadline.lastDay };
  const { streak, interviews } = advanceStreak(recordDeadline(state.streak, tracked), command.threshold, command.now);
  const events: DepartmentEvent[] = [
    {
      type: 'FeedbackDeadlineTracked',
      data: {
        deadlineId: deadline.deadlineId,
        departmentId: deadline.departmentId,
        issueId: issue.issueId,
        setAt: toIso(tracked.setAt),
        setOrder,
        sequence: tracked.sequence,
        due: toIso(deadline.due),
        lastDay: deadline.lastDay,
        outcome: deadline.outcome,
        provisional: deadline.provisional,
      },
    },
    ...interviews.map((interview): DepartmentEvent => ({
      type: 'InterviewOrdered',
      data: {
        departmentId: interview.departmentId,
        at: toIso(interview.at),
        reason: 'consecutive-missed-feedback',
        year: yearOf(lastDays[interview.deadlineIds[interview.deadlineIds.length - 1]]),
        deadlineIds: interview.deadlineIds,
      },
    })),
  ];
  return { events, state: { streak, lastDays: Object.fromEntries(streak.waiting.map((d) => [d.deadlineId, lastDays[d.deadlineId]])) } };
}

/** An appeal of one of the department's deadlines overturned at `at` (its decision). */
export interface RecountStreak {
  type: 'RecountStreak';
  departmentId: string;
  appealId: string;
  deadlineId: string;
  threshold: number;
  at: EpochMs;
}

/**
 * The overturn's effect on the streak (recountStreak over every deadline the stream has tracked, the overturned ones
 * as met): an interview no longer called for is withdrawn at the decision, one newly called for is ordered at it
 * (with the appeal), and StreakRecounted records the count, last. An appeal already counted appends nothing.
 */
export function decideStreakRecount(command: RecountStreak, history: StreakHistory): StreakDecision | undefined {
  const { departmentId, appealId, deadlineId, at } = command;
  if (history.recounted.has(appealId)) return undefined;
  const { lastDays } = history;
  const recount = recountStreak(departmentId, history.deadlines, history.inForce, {
    threshold: command.threshold,
    now: at,
    overturned: new Set([...history.overturned, deadlineId]),
  });
  const yearOfRun = (deadlineIds: string[]) => yearOf(lastDays[deadlineIds[deadlineIds.length - 1]]);
  const events: DepartmentEvent[] = [
    ...recount.withdrawn.map((interview): DepartmentEvent => ({
      type: 'InterviewWithdrawn',
      data: { departmentId, at: toIso(at), year: yearOfRun(interview.deadlineIds), deadlineIds: interview.deadlineIds, appealId },
    })),
    ...recount.ordered.map((interview): DepartmentEvent => ({
      type: 'InterviewOrdered',
      data: {
        departmentId,
        at: toIso(at),
        reason: 'consecutive-missed-feedback',
        year: yearOfRun(interview.deadlineIds),
        deadlineIds: interview.deadlineIds,
        appealId,
      },
    })),
    { type: 'StreakRecounted', data: { departmentId, appealId, deadlineId, at: toIso(at) } },
  ];
  const { streak } = recount;
  return { events, state: { streak, lastDays: Object.fromEntries(streak.waiting.map((d) => [d.deadlineId, lastDays[d.deadlineId]])) } };
}

/** An interview for consecutive misses as `streak-<department>` holds it, with the year it is listed for. */
export type TrackedInterview = StreakInterview & { year: number };

/** What a department's streak stream has recorded, read whole: what a recount and the year end compare against. */
export interface StreakHistory {
  /** Every deadline tracked, as last tracked. */
  deadlines: StreakDeadline[];
  lastDays: Record<string, LocalDate>;
  /** Interviews for consecutive misses ordered and not withdrawn, in order. */
  inForce: TrackedInterview[];
  /** Deadlines whose appeal was overturned and counted (StreakRecounted). */
  overturned: Set<string>;
  /** Appeals already counted: a recount is done once. */
  recounted: Set<string>;
}

export function foldStreakHistory(events: readonly DepartmentEvent[]): StreakHistory {
  const deadlines = new Map<string, StreakDeadline>();
  const lastDays: Record<string, LocalDate> = {};
  const interviews = new Map<string, TrackedInterview>();
  const overturned = new Set<string>();
  const recounted = new Set<string>();
  for (const event of events) {
    switch (event.type) {
      case 'FeedbackDeadlineTracked': {
        const { deadlineId, issueId, setAt, setOrder, sequence, due, lastDay, outcome, provisional } = event.data;
        deadlines.set(deadlineId, {
          deadlineId,
          issueId,
          setAt: instantOf(setAt),
          setOrder,
          sequence,
          due: instantOf(due),
          outcome,
          provisional,
        });
        lastDays[deadlineId] = lastDay;
        break;
      }
      case 'InterviewOrdered':
        if (event.data.deadlineIds !== undefined) {
          const { departmentId, at, year, deadlineIds } = event.data;
          interviews.set(deadlineIds.join(','), { departmentId, at: instantOf(at), deadlineIds, year });
        }
        break;
      case 'InterviewWithdrawn':
        interviews.delete(event.data.deadlineIds.join(','));
        break;
      case 'StreakRecounted':
        overturned.add(event.data.deadlineId);
        recounted.add(event.data.appealId);
        break;
      default:
        break;
    }
  }
  return { deadlines: [...deadlines.values()], lastDays, inForce: [...interviews.values()], overturned, recounted };
}
