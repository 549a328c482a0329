import {
  advanceStreak,
  DepartmentEvent,
  emptyStreak,
  EpochMs,
  evolve,
  FEEDBACK_DEADLINE_EVENT_TYPES,
  FeedbackStreak,
  foldIssue,
  instantOfIssueEvent,
  Issue,
  IssueEvent,
  IssueState,
  recordDeadline,
  StreakDeadline,
  streakDeadlineOf,
  streakStreamOf,
  toIso,
  yearOf,
} from '@app/domain';
import { DuplicateEventIdError, EventStore, RecordedEvent, WrongExpectedRevisionError } from '@app/event-store';
import { derivedEventId, ReferenceData, toEngineEvent, toNewEvent } from '@app/issues';

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

interface DepartmentStreak {
  streak: FeedbackStreak;
  lastDays: Record<string, string>;
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
    const streamId = streakStreamOf(deadline.departmentId);
    for (let attempt = 1; ; attempt += 1) {
      const current = this.streaks.get(deadline.departmentId) ?? (await this.readStreak(deadline.departmentId));
      // Read again after a restart from an older checkpoint: this event is in the streak already.
      if (current.trackedUpTo !== undefined && recorded.globalPosition <= current.trackedUpTo) return 0;
      const setOrder =
        event.type === 'FeedbackDeadlineSet'
          ? Number(recorded.globalPosition)
          : current.streak.waiting.find((d) => d.deadlineId === deadline.deadlineId)?.setOrder;
      // Not waiting any more: the run has taken it, settled, and nothing that comes after can change that.
      if (setOrder === undefined) return 0;
      const tracked = streakDeadlineOf(issue, deadline, setOrder);
      const lastDays = { ...current.lastDays, [deadline.deadlineId]: deadline.lastDay };
      const { streak, interviews } = advanceStreak(recordDeadline(current.streak, tracked), threshold, this.now);
      const snapshot: StreakSnapshot = {
        waiting: streak.waiting,
        run: streak.run,
        seenUntil: streak.seenUntil,
        trackedUpTo: recorded.globalPosition.toString(),
        lastDays: Object.fromEntries(streak.waiting.map((d) => [d.deadlineId, lastDays[d.deadlineId]])),
      };
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
      const ids = [trackedId, ...interviews.map((i) => derivedEventId(`interview:${i.departmentId}:${i.deadlineIds.join(',')}`))];
      const newEvents = events.map((e, index) =>
        toNewEvent(e, ids[index], { causedBy: recorded.id, ...(index === events.length - 1 ? { streak: snapshot } : {}) }),
      );
      try {
        const expectedRevision = current.revision === undefined ? 'no_stream' : current.revision;
        const { nextExpectedRevision } = await this.store.appendToStream(streamId, newEvents, { expectedRevision });
        this.streaks.set(deadline.departmentId, {
          streak,
          lastDays: snapshot.lastDays,
          revision: nextExpectedRevision,
          trackedUpTo: recorded.globalPosition,
        });
        return interviews.length;
      } catch (error) {
        this.streaks.delete(deadline.departmentId);
        // Stored before a crash (its whole batch was, atomically): the streak stream already holds this step.
        if (error instanceof DuplicateEventIdError && error.eventId.toLowerCase() === trackedId) return 0;
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_STREAK_ATTEMPTS) throw error;
      }
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
    if (last === undefined || stored === undefined) {
      return { streak: emptyStreak(departmentId), lastDays: {}, revision: last?.revision, trackedUpTo: undefined };
    }
    return {
      streak: { departmentId, waiting: stored.waiting, run: stored.run, seenUntil: stored.seenUntil },
      lastDays: stored.lastDays,
      revision: last.revision,
      trackedUpTo: stored.trackedUpTo === undefined ? undefined : BigInt(stored.trackedUpTo),
    };
  }
}
