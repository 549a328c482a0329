import { EventStore, NewEvent, RecordedEvent, WrongExpectedRevisionError, type ActualRevision } from '@app/event-store';

/** A stream as read for one attempt: its events and the revision of the last one (undefined: no stream yet). */
export interface StreamRead {
  events: RecordedEvent[];
  revision: number | undefined;
}

export type StreamDecision<R> =
  /** Nothing to append (already done, or nothing to do): answer at once. */
  | { append: false; answer: R }
  /** Append these at the revision read, then answer from the stream's new revision. */
  | { append: true; events: NewEvent[]; answer: (revision: number) => R };

export const MAX_APPEND_ATTEMPTS = 5;

export interface DecideAndAppendOptions<S extends { revision: number | undefined }> {
  /**
   * What one attempt decides on (default: the whole stream). A stream that keeps its state on its last event reads
   * just that, or a cached state on the first attempt (`attempt` 1); the revision is what the append expects.
   */
  read?: (attempt: number) => Promise<S>;
  /** Attempts before a conflict is thrown (default MAX_APPEND_ATTEMPTS). */
  maxAttempts?: number;
}

/**
 * Load → decide → append with optimistic concurrency, written once: reads the stream, lets `decide` choose what to
 * append from what it read, and appends at that revision. A concurrent writer makes it read and decide again (at
 * most MAX_APPEND_ATTEMPTS times), unless the caller pinned the revision it saw: then the conflict is its answer.
 */
export async function decideAndAppend<R, S extends { revision: number | undefined } = StreamRead>(
  store: EventStore,
  streamId: string,
  pinnedRevision: number | undefined,
  decide: (read: S) => Promise<StreamDecision<R>> | StreamDecision<R>,
  options: DecideAndAppendOptions<S> = {},
): Promise<R> {
  const read = options.read ?? (async () => readWhole(store, streamId) as unknown as S);
  for (let attempt = 1; ; attempt += 1) {
    const current = await read(attempt);
    const decision = await decide(current);
    if (!decision.append) return decision.answer;
    try {
      const result = await store.appendToStream(streamId, decision.events, { expectedRevision: current.revision ?? 'no_stream' });
      return decision.answer(result.nextExpectedRevision);
    } catch (error) {
      const retry = error instanceof WrongExpectedRevisionError && pinnedRevision === undefined;
      if (!retry || attempt >= (options.maxAttempts ?? MAX_APPEND_ATTEMPTS)) throw error;
    }
  }
}

async function readWhole(store: EventStore, streamId: string): Promise<StreamRead> {
  const events = await store.readStream(streamId);
  return { events, revision: events.length === 0 ? undefined : events[events.length - 1].revision };
}

/** A caller that pinned the revision it saw and finds another: the conflict it asked for (HTTP 409). */
export function requirePinnedRevision(streamId: string, pinnedRevision: number | undefined, actual: ActualRevision): void {
  if (pinnedRevision !== undefined && pinnedRevision !== actual) throw new WrongExpectedRevisionError(streamId, pinnedRevision, actual);
}
