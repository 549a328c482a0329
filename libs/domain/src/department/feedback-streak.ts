import { EpochMs } from '../time/instant';
import { DeadlineOutcome } from '../issue/issue.events';
import { FeedbackDeadline, Issue } from '../issue/issue.state';

/** One of a department's feedback deadlines, as the streak rule sees it. */
export interface StreakDeadline {
  deadlineId: string;
  issueId: string;
  /** The instant the deadline was set (the whistle, the addition or the meeting): first order of equal due instants. */
  setAt: EpochMs;
  /**
   * The order of the act that set it: the scenario step's index in simulate, the store's commit order (the global
   * position of its FeedbackDeadlineSet) live. Only its order among a department's deadlines matters.
   */
  setOrder: number;
  sequence: number;
  due: EpochMs;
  outcome: DeadlineOutcome;
  /** Its due instant may still move (its year is not published): it holds the run like a pending one. */
  provisional: boolean;
}

export interface StreakInterview {
  departmentId: string;
  at: EpochMs;
  /** The deadlines whose consecutive misses called the head in, oldest first. */
  deadlineIds: string[];
}

/**
 * RULES.md §5: a department's deadlines in due order; `threshold` consecutive misses with none met in
 * between call its head in, and the count starts again. A cancelled deadline neither breaks nor extends
 * the run. A deadline is taken into the run only once it is settled, every earlier one is settled, and
 * its due instant has passed (`now`): until then a deadline with an earlier due instant may still be set
 * on another issue. So the answer does not depend on the order in which outcomes arrive. A provisional
 * deadline is not taken until publication fixes its due instant.
 * Equal due instants are ordered by the instant each deadline was set, then the order of the acts that set
 * them, then issue id (then deadline sequence, for deadlines one act set on one issue).
 */
export interface FeedbackStreak {
  departmentId: string;
  /** Deadlines not yet taken into the run, in due order. */
  waiting: StreakDeadline[];
  /** Misses in the current run. */
  run: string[];
  /**
   * The latest instant the streak has been advanced to. Outcomes from different issues may be recorded out of
   * time order (a cancellation delivered after a later miss), so time never moves back for the streak.
   */
  seenUntil?: EpochMs;
}

/**
 * One of an issue's feedback deadlines as the streak sees it: its sequence is its place among the issue's deadlines,
 * `setOrder` the order of the act that set it (see StreakDeadline).
 */
export function streakDeadlineOf(issue: Issue, deadline: FeedbackDeadline, setOrder: number): StreakDeadline {
  return {
    deadlineId: deadline.deadlineId,
    issueId: issue.issueId,
    setAt: deadline.startedAt,
    setOrder,
    sequence: issue.deadlines.indexOf(deadline) + 1,
    due: deadline.due,
    outcome: deadline.outcome,
    provisional: deadline.provisional,
  };
}

export function emptyStreak(departmentId: string): FeedbackStreak {
  return { departmentId, waiting: [], run: [] };
}

export function compareStreakDeadlines(a: StreakDeadline, b: StreakDeadline): number {
  return (
    a.due - b.due ||
    a.setAt - b.setAt ||
    a.setOrder - b.setOrder ||
    (a.issueId < b.issueId ? -1 : a.issueId > b.issueId ? 1 : 0) ||
    a.sequence - b.sequence
  );
}

/** Adds a deadline or updates one already known (a new due instant after recomputation, or its outcome). */
export function recordDeadline(streak: FeedbackStreak, deadline: StreakDeadline): FeedbackStreak {
  const recorded = { ...streak, waiting: streak.waiting.slice() };
  recordOwnedDeadline(recorded, deadline);
  return recorded;
}

/**
 * recordDeadline on a streak its caller alone holds (the simulation's): the waiting list is changed in place, as
 * copying it for each of a year's deadline events was a tenth of the run.
 */
export function recordOwnedDeadline(streak: FeedbackStreak, deadline: StreakDeadline): void {
  const waiting = streak.waiting;
  // An outcome leaves the order unchanged: the entry it settles sorts equal, just before where it would go.
  const place = sortedIndex(waiting, deadline);
  if (place > 0 && waiting[place - 1].deadlineId === deadline.deadlineId) {
    waiting[place - 1] = deadline;
    return;
  }
  for (let i = 0; i < waiting.length; i += 1) {
    if (waiting[i].deadlineId === deadline.deadlineId) {
      waiting.splice(i, 1);
      break;
    }
  }
  addOwnedDeadline(streak, deadline);
}

/**
 * recordOwnedDeadline of a deadline the streak does not hold yet (just set): placed by its due order without looking
 * for an earlier entry of it, which took a scan of the whole waiting list.
 */
export function addOwnedDeadline(streak: FeedbackStreak, deadline: StreakDeadline): void {
  streak.waiting.splice(sortedIndex(streak.waiting, deadline), 0, deadline);
}

/** Takes every settled deadline due by `now` at the head of the due order into the run; returns the interviews it calls. */
export function advanceStreak(
  streak: FeedbackStreak,
  threshold: number,
  now: EpochMs,
): { streak: FeedbackStreak; interviews: StreakInterview[] } {
  const interviews: StreakInterview[] = [];
  const until = Math.max(now, streak.seenUntil ?? Number.NEGATIVE_INFINITY);
  let run = streak.run;
  let taken = 0;
  for (const deadline of streak.waiting) {
    if (deadline.outcome === 'pending' || deadline.provisional || deadline.due > until) break;
    taken += 1;
    if (deadline.outcome === 'met') run = [];
    if (deadline.outcome === 'missed') {
      run = [...run, deadline.deadlineId];
      if (run.length >= threshold) {
        interviews.push({ departmentId: streak.departmentId, at: deadline.due, deadlineIds: run });
        run = [];
      }
    }
  }
  if (taken === 0) return { streak: until === streak.seenUntil ? streak : { ...streak, seenUntil: until }, interviews };
  return { streak: { ...streak, waiting: streak.waiting.slice(taken), run, seenUntil: until }, interviews };
}

function sortedIndex(list: StreakDeadline[], item: StreakDeadline): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareStreakDeadlines(list[mid], item) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

const NONE_OVERTURNED: ReadonlySet<string> = new Set();

/**
 * A deadline as the streak counts it: one whose deduction was overturned on appeal (申诉) counts as met from the
 * decision on, though its issue still shows it missed.
 */
export function countedDeadline(deadline: StreakDeadline, overturned: ReadonlySet<string>): StreakDeadline {
  return deadline.outcome === 'missed' && overturned.has(deadline.deadlineId) ? { ...deadline, outcome: 'met' } : deadline;
}

/**
 * The interviews a department's whole deadline history calls, each deadline taken in due order with the threshold
 * in force at its due instant: what the live streak must have ordered, recomputed at year end from the issues.
 * Deadlines overturned on appeal count as met.
 */
export function replayStreak(
  departmentId: string,
  deadlines: readonly StreakDeadline[],
  thresholdAt: (due: EpochMs) => number,
  overturned: ReadonlySet<string> = NONE_OVERTURNED,
): StreakInterview[] {
  return replay(departmentId, deadlines, thresholdAt, overturned, Number.POSITIVE_INFINITY).interviews;
}

/** What an overturn changes: the streak counted again, the interviews no longer called for and those newly called for. */
export interface StreakRecount {
  streak: FeedbackStreak;
  withdrawn: StreakInterview[];
  /** Dated at the recount: they are ordered at the decision that calls them. */
  ordered: StreakInterview[];
}

/**
 * An appeal overturned at `now`: the department's deadlines (all it has, settled or not) are counted again with the
 * overturned ones as met, as far as the streak had come by `now`, and the interviews that count calls for are
 * compared, run by run, with those in force.
 */
export function recountStreak(
  departmentId: string,
  deadlines: readonly StreakDeadline[],
  inForce: readonly StreakInterview[],
  options: { threshold: number; now: EpochMs; overturned: ReadonlySet<string> },
): StreakRecount {
  const { streak, interviews } = replay(departmentId, deadlines, () => options.threshold, options.overturned, options.now);
  const runOf = (interview: StreakInterview) => interview.deadlineIds.join(',');
  const called = new Set(interviews.map(runOf));
  const held = new Set(inForce.map(runOf));
  return {
    streak,
    withdrawn: inForce.filter((interview) => !called.has(runOf(interview))),
    ordered: interviews.filter((interview) => !held.has(runOf(interview))).map((interview) => ({ ...interview, at: options.now })),
  };
}

function replay(
  departmentId: string,
  deadlines: readonly StreakDeadline[],
  thresholdAt: (due: EpochMs) => number,
  overturned: ReadonlySet<string>,
  until: EpochMs,
): { streak: FeedbackStreak; interviews: StreakInterview[] } {
  let streak = emptyStreak(departmentId);
  const interviews: StreakInterview[] = [];
  for (const deadline of deadlines.map((d) => countedDeadline(d, overturned)).sort(compareStreakDeadlines)) {
    const advanced = advanceStreak(recordDeadline(streak, deadline), thresholdAt(deadline.due), Math.min(deadline.due, until));
    streak = advanced.streak;
    interviews.push(...advanced.interviews);
  }
  return { streak, interviews };
}
