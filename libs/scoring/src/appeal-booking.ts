import {
  AppealEvent,
  decideStreakRecount,
  DepartmentEvent,
  foldAppeal,
  foldStreakHistory,
  overturnEntryOf,
  streakStreamOf,
} from '@app/domain';
import { EventStore, RecordedEvent } from '@app/event-store';
import { decideAndAppend, derivedEventId, ReferenceData, toEngineEvent, toNewEvent } from '@app/issues';
import { EventNotAtRevisionError, appendLedgerEntry } from './ledger-booking';
import { StreakSnapshot } from './feedback-streak-tracker';

/**
 * What an overturned appeal (申诉 upheld for the department) books, after the decision is stored: the deduction given
 * back (`deduction-overturned`, +3 by default) in the deduction's ledger, and the department's streak counted again
 * (InterviewWithdrawn / InterviewOrdered / StreakRecounted in `streak-<department>`). Both are written with ids
 * derived from the appeal and the streak's revision expected, so a redelivery after a crash books nothing twice and
 * a crash between the two leaves the rest to the redelivery.
 */
export class AppealBooking {
  constructor(
    private readonly store: EventStore,
    private readonly reference: ReferenceData,
  ) {}

  /**
   * Books what the appeal event causes (only an overturn causes anything); returns the number of events the recount
   * appended (0 when it was done before: the ledger entry, with its derived id, is then a no-op too).
   */
  async bookDecision(recorded: RecordedEvent): Promise<number> {
    if (recorded.type !== 'AppealOverturned') return 0;
    const history = await this.store.readStream(recorded.streamId, { fromRevision: 0, maxCount: recorded.revision + 1 });
    if (history[recorded.revision]?.id !== recorded.id)
      throw new EventNotAtRevisionError(recorded.id, recorded.revision, recorded.streamId);
    const appeal = foldAppeal(history.map((e) => toEngineEvent<AppealEvent>(e)));
    if (appeal === null || appeal.decision === undefined) return 0;
    const entry = overturnEntryOf(appeal);
    if (entry !== undefined) await appendLedgerEntry(this.store, entry, recorded.id);
    const decidedAt = appeal.decision.at;
    const threshold = (await this.reference.policy()).at(decidedAt).consecutiveMissesForInterview;
    const streakId = streakStreamOf(appeal.departmentId);
    const recounted = await decideAndAppend(this.store, streakId, undefined, ({ events }) => {
      const decision = decideStreakRecount(
        {
          type: 'RecountStreak',
          departmentId: appeal.departmentId,
          appealId: appeal.appealId,
          deadlineId: appeal.deadlineId,
          threshold,
          at: decidedAt,
        },
        foldStreakHistory(events.map((e) => toEngineEvent<DepartmentEvent>(e))),
      );
      if (decision === undefined) return { append: false, answer: 0 };
      const previous = events[events.length - 1]?.metadata.streak as StreakSnapshot | undefined;
      const { streak, lastDays } = decision.state;
      const snapshot: StreakSnapshot = {
        waiting: streak.waiting,
        run: streak.run,
        seenUntil: streak.seenUntil,
        lastDays,
        ...(previous?.trackedUpTo !== undefined ? { trackedUpTo: previous.trackedUpTo } : {}),
      };
      const last = decision.events.length - 1;
      const newEvents = decision.events.map((event, index) =>
        toNewEvent(event, derivedEventId(`recount:${appeal.appealId}:${stepOf(event)}`), {
          causedBy: recorded.id,
          ...(index === last ? { streak: snapshot } : {}),
        }),
      );
      return { append: true, events: newEvents, answer: () => newEvents.length };
    });
    return recounted;
  }
}

/** A recount's step names its event (and so derives its id): each interview by its run, then the count. */
function stepOf(event: DepartmentEvent): string {
  switch (event.type) {
    case 'InterviewWithdrawn':
      return `withdrawn:${event.data.deadlineIds.join(',')}`;
    case 'InterviewOrdered':
      return `ordered:${(event.data.deadlineIds ?? []).join(',')}`;
    default:
      return 'recounted';
  }
}
