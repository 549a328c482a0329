import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import type { RecordedEvent, VerificationResult } from './event-store.port';

/** previousHash of revision 0 of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

export type HashedEventFields = {
  streamId: string;
  revision: number;
  id: string;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  previousHash: string;
};

/** RFC 8785 (JCS) canonical JSON of exactly the hashed fields, so any store and any language can recompute it. */
export function canonicalEventForm(fields: HashedEventFields): string {
  return canonicalize({
    streamId: fields.streamId,
    revision: fields.revision,
    id: fields.id,
    type: fields.type,
    schemaVersion: fields.schemaVersion,
    data: fields.data,
    metadata: fields.metadata,
    previousHash: fields.previousHash,
  });
}

/** Lower-case hex sha256 of the canonical form. */
export function computeEventHash(fields: HashedEventFields): string {
  return createHash('sha256').update(canonicalEventForm(fields), 'utf8').digest('hex');
}

/**
 * Walks one stream in revision order and reports the first event that does not continue the chain:
 * a gap in revisions, a previousHash that is not the hash before it, or a hash that does not match the content.
 */
export class StreamChainVerifier {
  private expectedRevision = 0;
  private expectedPreviousHash = GENESIS_HASH;

  constructor(readonly streamId: string) {}

  /** Returns the reason the event breaks the chain, or undefined when it is a sound link. */
  check(event: RecordedEvent): string | undefined {
    if (event.revision !== this.expectedRevision) {
      return `expected revision ${this.expectedRevision} but found ${event.revision} (missing or reordered event)`;
    }
    if (event.previousHash !== this.expectedPreviousHash) {
      return `previousHash ${event.previousHash} does not match the hash of the event before (${this.expectedPreviousHash})`;
    }
    const recomputed = computeEventHash(event);
    if (recomputed !== event.hash) {
      return `stored hash ${event.hash} does not match the recomputed hash ${recomputed} (content altered)`;
    }
    this.expectedRevision += 1;
    this.expectedPreviousHash = event.hash;
    return undefined;
  }
}

/** Verifies streams one after another from pages of their events; stops at the first broken link. */
export async function verifyStreams(
  streamIds: AsyncIterable<string> | Iterable<string>,
  readStreamPages: (streamId: string) => AsyncIterable<RecordedEvent[]>,
): Promise<VerificationResult> {
  let checked = 0;
  for await (const streamId of streamIds) {
    const verifier = new StreamChainVerifier(streamId);
    for await (const page of readStreamPages(streamId)) {
      for (const event of page) {
        const reason = verifier.check(event);
        if (reason !== undefined) return { ok: false, streamId, revision: event.revision, reason };
        checked += 1;
      }
    }
  }
  return { ok: true, checked };
}
