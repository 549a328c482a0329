import { ApplicationFailure } from '@temporalio/activity';
import {
  advanceStreak,
  DepartmentEvent,
  emptyStreak,
  evolve,
  FeedbackStreak,
  Issue,
  IssueEvent,
  IssueState,
  issueStreamOf,
  isDomainError,
  LedgerEntry,
  ledgerEntriesFor,
  ledgerStreamOf,
  parseInstant,
  recordDeadline,
  StreakDeadline,
  streakStreamOf,
  toIso,
  yearOf,
} from '@app/domain';
import { EventStore, RecordedEvent, WrongExpectedRevisionError, DuplicateEventIdError } from '@app/event-store';
import { derivedEventId, IssueCommandService, ReferenceData, toEngineEvent, toNewEvent } from '@app/issues';
import { baseEntryOf, ledgerEntryEvent } from './ledger-entries';

export interface IssueActivityDeps {
  store: EventStore;
  commands: IssueCommandService;
  reference: ReferenceData;
}

const SYSTEM_ACTOR = { role: 'system', id: 'temporal' } as const;
const MAX_STREAK_ATTEMPTS = 50;

/** The streak a department's stream has reached, kept on the metadata of the last event of each append. */
interface StreakSnapshot {
  waiting: StreakDeadline[];
  run: string[];
  /** Last day of each waiting deadline: the year an interview belongs to. */
  lastDays: Record<string, string>;
  /** The instant the streak has been advanced to (see FeedbackStreak.seenUntil); absent in older snapshots. */
  seenUntil?: number;
}

export type IssueActivities = ReturnType<typeof createIssueActivities>;

export function createIssueActivities({ store, commands, reference }: IssueActivityDeps) {
  // Appends to one department's streak run one at a time in this process, so concurrent activities of the process
  // queue instead of conflicting; the expected revision still guards against other processes.
  const streakAppends = new KeyedSerialQueue();
  // Ledger streams whose base entry this process has seen stored: the base append (a no-op then) is skipped.
  const basesStored = new Set<string>();

  /** The issue just before and just after its event at `revision`, read from the store (the source of truth). */
  async function issueAround(issueId: string, revision: number, eventId: string) {
    const recorded = await store.readStream(issueStreamOf(issueId), { fromRevision: 0, maxCount: revision + 1 });
    const target = recorded[revision];
    if (target === undefined || target.id !== eventId) {
      throw ApplicationFailure.nonRetryable(`event ${eventId} is not revision ${revision} of ${issueStreamOf(issueId)}`);
    }
    const before = recorded.slice(0, revision).reduce<IssueState>((s, e) => evolve(s, toEngineEvent<IssueEvent>(e)), null);
    const event = toEngineEvent<IssueEvent>(target);
    return { before, event, after: evolve(before, event) };
  }

  return {
    /** A timer fired: settles everything due at `due` (domain instant). The causation makes a retry write nothing. */
    async tickIssue(input: { issueId: string; due: string }): Promise<number> {
      return executeSystemCommand(
        commands,
        input.issueId,
        { type: 'Tick', at: parseInstant(input.due) },
        `${issueStreamOf(input.issueId)}/tick/${input.due}`,
      );
    },

    /** The calendar of a year was published: recompute provisional time limits and deadlines. */
    async recomputeProvisionalDeadlines(input: { issueId: string; calendarEventId: string; at: string }): Promise<number> {
      return executeSystemCommand(
        commands,
        input.issueId,
        { type: 'RecomputeProvisionalDeadlines', at: parseInstant(input.at) },
        `${issueStreamOf(input.issueId)}/recompute/${input.calendarEventId}`,
      );
    },

    /** Books the ledger entries an issue event causes (missed deadline, confirmed closing), each once. */
    async recordLedgerEntries(input: { issueId: string; eventId: string; revision: number }): Promise<number> {
      const { before, event } = await issueAround(input.issueId, input.revision, input.eventId);
      if (before === null) return 0;
      const snapshot = await reference.snapshot();
      const entries = ledgerEntriesFor(event, before, (at) => snapshot.policy.at(at), snapshot.zone);
      for (const entry of entries) {
        const ledger = ledgerStreamOf(entry.departmentId, entry.year);
        if (!basesStored.has(ledger)) {
          await appendLedgerEntry(store, baseEntryOf(entry.departmentId, entry.year, snapshot), undefined);
          basesStored.add(ledger);
        }
        await appendLedgerEntry(store, entry, input.eventId);
      }
      return entries.length;
    },

    /**
     * Records a deadline's change into its department's streak and orders the interviews it completes, in one
     * append with optimistic concurrency: concurrent issues of one department are serialised by the stream.
     * `now` is the workflow's domain time: deadlines due after it stay waiting (one due earlier may still be set).
     */
    async trackFeedbackDeadline(input: { issueId: string; eventId: string; revision: number; now: string }): Promise<number> {
      const { event, after } = await issueAround(input.issueId, input.revision, input.eventId);
      const deadlineId = 'deadlineId' in event.data ? event.data.deadlineId : undefined;
      const issue = after as Issue | null;
      const deadline = issue?.deadlines.find((d) => d.deadlineId === deadlineId);
      if (!issue || !deadline) return 0;
      const snapshot = await reference.snapshot();
      const threshold = snapshot.policy.at(deadline.due).consecutiveMissesForInterview;
      const streamId = streakStreamOf(deadline.departmentId);
      const trackedId = derivedEventId(`streak:${input.eventId}`);
      const tracked: StreakDeadline = {
        deadlineId: deadline.deadlineId,
        issueId: issue.issueId,
        issueRaisedAt: issue.raisedAt,
        sequence: issue.deadlines.indexOf(deadline) + 1,
        due: deadline.due,
        outcome: deadline.outcome,
      };
      return streakAppends.run(streamId, async () => {
        for (let attempt = 1; ; attempt += 1) {
          const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
          const current = snapshotOf(last, deadline.departmentId);
          const lastDays = { ...current.lastDays, [deadline.deadlineId]: deadline.lastDay };
          const { streak, interviews } = advanceStreak(recordDeadline(current.streak, tracked), threshold, parseInstant(input.now));
          const next: StreakSnapshot = {
            waiting: streak.waiting,
            run: streak.run,
            seenUntil: streak.seenUntil,
            lastDays: Object.fromEntries(streak.waiting.map((d) => [d.deadlineId, lastDays[d.deadlineId]])),
          };
          const events: DepartmentEvent[] = [
            {
              type: 'FeedbackDeadlineTracked',
              data: {
                deadlineId: deadline.deadlineId,
                departmentId: deadline.departmentId,
                issueId: issue.issueId,
                issueRaisedAt: toIso(issue.raisedAt),
                sequence: tracked.sequence,
                due: toIso(deadline.due),
                lastDay: deadline.lastDay,
                outcome: deadline.outcome,
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
            toNewEvent(e, ids[index], {
              causedBy: input.eventId,
              ...(index === events.length - 1 ? { streak: next } : {}),
            }),
          );
          const expected = last === undefined ? 'no_stream' : last.revision;
          try {
            await store.appendToStream(streamId, newEvents, { expectedRevision: expected });
            return interviews.length;
          } catch (error) {
            // Our tracked event is stored already (a retried activity): its whole batch was, atomically.
            if (error instanceof DuplicateEventIdError && error.eventId.toLowerCase() === trackedId) return 0;
            if (error instanceof WrongExpectedRevisionError && error.actual === expected) return 0;
            if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_STREAK_ATTEMPTS) throw error;
          }
        }
      });
    },
  };
}

/** Runs work one at a time per key, in call order; different keys run concurrently. */
export class KeyedSerialQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(work);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

function snapshotOf(last: RecordedEvent | undefined, departmentId: string): { streak: FeedbackStreak; lastDays: Record<string, string> } {
  const stored = last?.metadata.streak as StreakSnapshot | undefined;
  if (stored === undefined) return { streak: emptyStreak(departmentId), lastDays: {} };
  return { streak: { departmentId, waiting: stored.waiting, run: stored.run, seenUntil: stored.seenUntil }, lastDays: stored.lastDays };
}

async function executeSystemCommand(
  commands: IssueCommandService,
  issueId: string,
  command: Parameters<IssueCommandService['execute']>[1],
  causationId: string,
): Promise<number> {
  try {
    const result = await commands.execute(issueId, command, { causationId, actor: SYSTEM_ACTOR });
    return result.appended.length;
  } catch (error) {
    // A rule said no (e.g. the issue closed meanwhile): retrying cannot change the answer.
    if (isDomainError(error)) throw ApplicationFailure.nonRetryable(error.message, error.code);
    throw error;
  }
}

/** Appends one ledger entry; its id comes from the entry id, so booking it again is a no-op in the store. */
export async function appendLedgerEntry(store: EventStore, entry: LedgerEntry, causedBy: string | undefined): Promise<void> {
  await store.appendToStream(
    ledgerStreamOf(entry.departmentId, entry.year),
    [toNewEvent(ledgerEntryEvent(entry, causedBy), derivedEventId(entry.entryId), causedBy ? { causedBy } : {})],
    // Entries are independent facts with derived ids, written by many issue workflows: no order to protect.
    { expectedRevision: 'any' },
  );
}
