import { FeedbackDeadline, Issue } from '../issue/issue.state';
import { EpochMs, toIso } from '../time/instant';
import { LocalDate, yearOf } from '../time/local-date';
import { DepartmentEvent } from './department.events';
import { advanceStreak, emptyStreak, FeedbackStreak, recordDeadline, streakDeadlineOf } from './feedback-streak';

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
