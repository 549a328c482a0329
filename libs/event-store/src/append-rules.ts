import { validate as isUuid } from 'uuid';
import { DuplicateEventIdError, InvalidAppendError, type ActualRevision } from './event-store.errors';
import type { ExpectedRevision, NewEvent } from './event-store.port';
import { canonicalFormOf, canonicalJson, hashOfCanonicalForm } from './hash-chain';

/** An event as it will be stored: canonical JSON payloads and its place in the chain. */
export type ChainedEvent = {
  id: string;
  type: string;
  schemaVersion: number;
  /** Canonical JSON text (canonicalJson) of the payload: the text that is hashed is the text that is stored. */
  data: string;
  metadata: string;
  revision: number;
  previousHash: string;
  hash: string;
};

/** Where an event id of the batch is already stored. */
export type StoredEventLocation = {
  id: string;
  streamId: string;
  revision: number;
};

export type IdempotencyOutcome =
  { kind: 'new' } | { kind: 'already_appended'; lastRevision: number; lastEventId: string } | { kind: 'conflict' };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function validateAppend(streamId: string, events: NewEvent[], expected: ExpectedRevision): void {
  if (streamId.length === 0) throw new InvalidAppendError(streamId, 'the stream id is empty');
  if (events.length === 0) throw new InvalidAppendError(streamId, 'no events to append');
  if (typeof expected === 'number' && (!Number.isInteger(expected) || expected < 0)) {
    throw new InvalidAppendError(streamId, `expected revision ${expected} is not a non-negative integer`);
  }
  const seen = new Set<string>();
  for (const event of events) {
    if (!isUuid(event.id)) throw new InvalidAppendError(streamId, `event id ${event.id} is not a UUID`);
    if (seen.has(event.id.toLowerCase())) throw new InvalidAppendError(streamId, `event id ${event.id} appears twice`);
    seen.add(event.id.toLowerCase());
    if (event.type.length === 0) throw new InvalidAppendError(streamId, `event ${event.id} has no type`);
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new InvalidAppendError(streamId, `event ${event.id} has schemaVersion ${event.schemaVersion}`);
    }
    if (!isPlainObject(event.data)) throw new InvalidAppendError(streamId, `event ${event.id} data is not an object`);
    if (event.metadata !== undefined && !isPlainObject(event.metadata)) {
      throw new InvalidAppendError(streamId, `event ${event.id} metadata is not an object`);
    }
  }
}

/** Does the stream's actual state satisfy what the writer expected? */
export function expectationHolds(expected: ExpectedRevision, actual: ActualRevision): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === 'no_stream';
  if (expected === 'stream_exists') return actual !== 'no_stream';
  return actual === expected;
}

/** Links a batch onto the chain after the stream's last event (or genesis). */
export function chainEvents(
  streamId: string,
  events: NewEvent[],
  firstRevision: number,
  previousHash: string,
): ChainedEvent[] {
  let previous = previousHash;
  return events.map((event, index) => {
    const revision = firstRevision + index;
    const id = event.id.toLowerCase();
    const data = canonicalJson(event.data);
    const metadata = canonicalJson(event.metadata ?? {});
    const { type, schemaVersion } = event;
    const hash = hashOfCanonicalForm(
      canonicalFormOf({ streamId, revision, id, type, schemaVersion, data, metadata, previousHash: previous }),
    );
    // Without the stream id, which the append sends once per batch.
    const chained: ChainedEvent = { id, type, schemaVersion, data, metadata, revision, previousHash: previous, hash };
    previous = hash;
    return chained;
  });
}

/**
 * KurrentDB idempotency: a batch whose ids are all stored, in this stream, consecutively and in the same order,
 * at the revisions the writer's expectation would have given them, is already appended (a no-op success).
 * The same batch at other revisions is a revision conflict; any other reuse of an id is a DuplicateEventIdError.
 */
export function classifyExistingIds(
  streamId: string,
  events: NewEvent[],
  expected: ExpectedRevision,
  stored: StoredEventLocation[],
): IdempotencyOutcome {
  if (stored.length === 0) return { kind: 'new' };
  const byId = new Map(stored.map((location) => [location.id.toLowerCase(), location]));
  const first = byId.get(events[0].id.toLowerCase());
  const sameBatch =
    first !== undefined &&
    events.every((event, index) => {
      const location = byId.get(event.id.toLowerCase());
      return location?.streamId === streamId && location.revision === first.revision + index;
    });
  if (!sameBatch) {
    const reused = events.find((event) => byId.has(event.id.toLowerCase()))!;
    const location = byId.get(reused.id.toLowerCase())!;
    throw new DuplicateEventIdError(
      reused.id,
      streamId,
      `already stored as revision ${location.revision} of stream ${location.streamId}`,
    );
  }
  const fits =
    typeof expected === 'number'
      ? first.revision === expected + 1
      : expected === 'no_stream'
        ? first.revision === 0
        : true;
  if (!fits) return { kind: 'conflict' };
  const last = events[events.length - 1].id.toLowerCase();
  return {
    kind: 'already_appended',
    lastRevision: first.revision + events.length - 1,
    lastEventId: last,
  };
}
