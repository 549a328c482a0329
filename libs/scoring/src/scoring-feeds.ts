import { EpochMs, parseInstant, REFERENCE_STREAMS, ReferenceEvent } from '@app/domain';
import { EventStore, LogFeed, sequentialConsumer } from '@app/event-store';
import { ReferenceData, STREAM_CATEGORIES, toEngineEvent } from '@app/issues';
import { AppealBooking } from './appeal-booking';
import { FeedbackStreakTracker } from './feedback-streak-tracker';
import { LedgerBooking } from './ledger-booking';

export interface ScoringFeedOptions {
  store: EventStore;
  reference: ReferenceData;
  /** Domain time (wall-clock time less the offset a replay of a past period runs with). */
  now: () => EpochMs;
}

/**
 * The departments' feedback streaks follow every issue event, one at a time in global order: that order is what
 * makes their interviews right (FeedbackStreakTracker). Checkpoint key `streak`.
 */
export function streakFeed({ store, reference }: Omit<ScoringFeedOptions, 'now'>): LogFeed {
  const streaks = new FeedbackStreakTracker(store, reference);
  return {
    key: 'streak',
    category: STREAM_CATEGORIES.issue,
    consumer: (save) => sequentialConsumer((event) => streaks.track(event), save),
  };
}

/**
 * A district department registered in the `organisation` stream gets its base ledger entry for the current year at
 * once; the entry's derived id makes a redelivery a no-op. Checkpoint key `organisation`.
 */
export function ledgerOpeningFeed({ store, reference, now }: ScoringFeedOptions): LogFeed {
  const ledgers = new LedgerBooking(store, reference);
  return {
    key: REFERENCE_STREAMS.organisation,
    category: REFERENCE_STREAMS.organisation,
    consumer: (save) =>
      sequentialConsumer(async (recorded) => {
        const event = toEngineEvent<ReferenceEvent>(recorded);
        if (event.type === 'DistrictDepartmentRegistered')
          await ledgers.openRegisteredDepartment(event.data.id, parseInstant(event.data.at), now());
      }, save),
  };
}

/**
 * An overturned appeal books its compensating entry and recounts the department's streak (AppealBooking), one
 * decision at a time in global order; derived ids make a redelivery after a crash a no-op. Checkpoint key `appeal`.
 */
export function appealDecisionFeed({ store, reference }: Omit<ScoringFeedOptions, 'now'>): LogFeed {
  const appeals = new AppealBooking(store, reference);
  return {
    key: STREAM_CATEGORIES.appeal,
    category: STREAM_CATEGORIES.appeal,
    consumer: (save) => sequentialConsumer((event) => appeals.bookDecision(event), save),
  };
}
