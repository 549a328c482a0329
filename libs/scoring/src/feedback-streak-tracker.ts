import {
  decideStreak,
  emptyStreakState,
  EpochMs,
  evolve,
  FEEDBACK_DEADLINE_EVENT_TYPES,
  foldIssue,
  instantOfIssueEvent,
  Issue,
  IssueEvent,
  IssueState,
  StreakDeadline,
  StreakState,
  streakStreamOf,
} from '@app/domain';
import { DuplicateEventIdError, EventStore, RecordedEvent } from '@app/event-store';
import { decideAndAppend, derivedEventId, ReferenceData, toEngineEvent, toNewEvent } from '@app/issues';

/** Issue states kept between events; an issue that falls out is read again from its stream. */
const CACHED_ISSUES = 5000;
const MAX_STREAK_ATTEMPTS = 50;

/** The streak a department's stream has reached, kept on the metadata of the last event of each append. */
export interface StreakSnapshot {
  waiting: StreakDeadline[];
  run: string[];
  /** Last day of each waiting deadline: the year an interview belongs to. */
  lastDays: Record<string, string>;
  /** The instant the streak has been advanced to (see FeedbackStreak.seenUntil); absent in older snapshots. */
  seenUntil?: number;
  /** Global position of the last issue event tracked into this streak (decimal); absent in older snapshots. */
  trackedUpTo?: string;
}

interface DepartmentStreak extends StreakState {
  /** Revision of the streak stream this state was read from or written at; undefined for a stream not yet written. */
  revision: number | undefined;
  trackedUpTo: bigint | undefined;
}

/**
 * RULES.md §5 in the live system: interviews for consecutive missed feedback deadlines across a department's issues.
 *
 * Follows every issue event in the store's global (commit) order, one at a time, and keeps each department's
 * streak in `streak-<department>`. Deadlines due at one instant are ordered by when each was set, then by the commit
 * order of the act that set it: the global position of its FeedbackDeadlineSet (RULES.md §5). Order matters because a deadline enters a run only when every deadline due
 * before it is known and settled: fed by each issue's workflow instead, a met deadline of a slow issue could reach
 * the streak after a later miss of another issue had completed a run, and order a wrong interview. In the log a
 * deadline's setting is committed when it is set, and its feedback when it is given, both before any event that
 * speaks of an instant after its due (a later miss is appended by a timer at or after its own due); so the latest
 * instant the tracker has read (`now`) bounds what it may take into a run. A deadline still pending holds the run.
 *
 * Every append carries ids derived from the issue event and the deadlines of the run, with the streak's revision
 * expected: a redelivery after a crash writes nothing twice, and two trackers on one store cannot interleave.
 */
export class FeedbackStreakTracker {
  private readonly issues = new Map<string, { revision: number; state: IssueState }>();
  private readonly streaks = new Map<string, DepartmentStreak>();
  /** The latest domain instant read in the log; kept across restarts per department in `seenUntil`. */
  private now: EpochMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: EventStore,
    private readonly reference: ReferenceData,
  ) {}

  /** Handles one issue event; returns the number of interviews it ordered. */
  async track(recorded: RecordedEvent): Promise<number> {
    const event = toEngineEvent<IssueEvent>(recorded);
    const instant = instantOfIssueEvent(event);
    if (instant !== undefined && instant > this.now) this.now = instant;
    const issue = await this.issueAfter(recorded, event);
    if (!FEEDBACK_DEADLINE_EVENT_TYPES.has(event.type)) return 0;
    const deadlineId = 'deadlineId' in event.data ? event.data.deadlineId : undefined;
    const deadline = issue?.deadlines.find((d) => d.deadlineId === deadlineId);
    if (!issue || !deadline) return 0;
    const threshold = (await this.reference.policy()).at(deadline.due).consecutiveMissesForInterview;
    const trackedId = derivedEventId(`streak:${recorded.id}`);
    const departmentId = deadline.departmentId;
    const setOrder = event.type === 'FeedbackDeadlineSet' ? Number(recorded.globalPosition) : undefined;
    try {
      return await decideAndAppend(
        this.store,
        streakStreamOf(departmentId),
        undefined,
        (current: DepartmentStreak) => {
          // Read again after a restart from an older checkpoint: this event is in the streak already.
          if (current.trackedUpTo !== undefined && recorded.globalPosition <= current.trackedUpTo) return { append: false, answer: 0 };
          const decision = decideStreak({ type: 'TrackFeedbackDeadline', issue, deadline, setOrder, threshold, now: this.now }, current);
          if (decision.events.length === 0) return { append: false, answer: 0 };
          const { streak, lastDays } = decision.state;
          const snapshot: StreakSnapshot = {
            waiting: streak.waiting,
            run: streak.run,
            seenUntil: streak.seenUntil,
            trackedUpTo: recorded.globalPosition.toString(),
            lastDays,
          };
          const last = decision.events.length - 1;
          const newEvents = decision.events.map((e, index) =>
            toNewEvent(e, e.type === 'InterviewOrdered' ? interviewIdOf(e.data) : trackedId, {
              causedBy: recorded.id,
              ...(index === last ? { streak: snapshot } : {}),
            }),
          );
          return {
            append: true,
            events: newEvents,
            answer: (revision) => {
              this.streaks.set(departmentId, { ...decision.state, revision, trackedUpTo: recorded.globalPosition });
              return last;
            },
          };
        },
        {
          // The streak this tracker wrote last, else (a conflict: another tracker wrote) the one on the stream's last event.
          read: async (attempt) => (attempt === 1 ? this.streaks.get(departmentId) : undefined) ?? (await this.readStreak(departmentId)),
          maxAttempts: MAX_STREAK_ATTEMPTS,
        },
      );
    } catch (error) {
      this.streaks.delete(departmentId);
      // Stored before a crash (its whole batch was, atomically): the streak stream already holds this step.
      if (error instanceof DuplicateEventIdError && error.eventId.toLowerCase() === trackedId) return 0;
      throw error;
    }
  }

  /** The issue just after `recorded`, folded from the cache or read from its stream (the source of truth). */
  private async issueAfter(recorded: RecordedEvent, event: IssueEvent): Promise<Issue | null> {
    const cached = this.issues.get(recorded.streamId);
    let state: IssueState;
    if (cached !== undefined && cached.revision === recorded.revision - 1) {
      state = evolve(cached.state, event);
    } else if (cached !== undefined && cached.revision === recorded.revision) {
      state = cached.state;
    } else {
      const history = await this.store.readStream(recorded.streamId, { fromRevision: 0, maxCount: recorded.revision + 1 });
      state = foldIssue(history.map((e) => toEngineEvent<IssueEvent>(e)));
    }
    this.issues.delete(recorded.streamId);
    this.issues.set(recorded.streamId, { revision: recorded.revision, state });
    if (this.issues.size > CACHED_ISSUES) this.issues.delete(this.issues.keys().next().value as string);
    return state;
  }

  private async readStreak(departmentId: string): Promise<DepartmentStreak> {
    const [last] = await this.store.readStream(streakStreamOf(departmentId), { direction: 'backwards', maxCount: 1 });
    const stored = last?.metadata.streak as StreakSnapshot | undefined;
    if (last === undefined || stored === undefined)
      return { ...emptyStreakState(departmentId), revision: last?.revision, trackedUpTo: undefined };
    return {
      streak: { departmentId, waiting: stored.waiting, run: stored.run, seenUntil: stored.seenUntil },
      lastDays: stored.lastDays,
      revision: last.revision,
      trackedUpTo: stored.trackedUpTo === undefined ? undefined : BigInt(stored.trackedUpTo),
    };
  }
}

/** An interview's id derives from its department and its run, whichever delivery orders it. */
function interviewIdOf({ departmentId, deadlineIds = [] }: { departmentId: string; deadlineIds?: string[] }): string {
  return derivedEventId(`interview:${departmentId}:${deadlineIds.join(',')}`);
}
