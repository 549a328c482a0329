import type { ExpectedRevision } from './event-store.port';

/** Actual state of a stream reported by a conflict: the revision of its last event, or 'no_stream'. */
export type ActualRevision = number | 'no_stream';

export class WrongExpectedRevisionError extends Error {
  readonly code = 'EVENT_STORE.WRONG_EXPECTED_REVISION';

  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: ActualRevision,
  ) {
    super(`Stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = WrongExpectedRevisionError.name;
  }
}

/** An event id is already stored somewhere else than at the positions this append would give it. */
export class DuplicateEventIdError extends Error {
  readonly code = 'EVENT_STORE.DUPLICATE_EVENT_ID';

  constructor(
    readonly eventId: string,
    readonly streamId: string,
    readonly detail: string,
  ) {
    super(`Event id ${eventId} cannot be appended to ${streamId}: ${detail}`);
    this.name = DuplicateEventIdError.name;
  }
}

export class InvalidAppendError extends Error {
  readonly code = 'EVENT_STORE.INVALID_APPEND';

  constructor(
    readonly streamId: string,
    readonly detail: string,
  ) {
    super(`Invalid append to ${streamId}: ${detail}`);
    this.name = InvalidAppendError.name;
  }
}
