import { createHash } from 'node:crypto';
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

/**
 * RFC 8785 (JCS) text of the JSON value that JSON.stringify(value) denotes: sorted keys, no whitespace, ECMAScript
 * number and string forms; toJSON is called, undefined, functions and symbols are left out of objects and become
 * null in arrays, non-finite numbers become null. It equals json-canonicalize applied after a JSON round trip
 * (the unit tests hold it to that), in one pass: an append serialises each payload once, and that text is both hashed
 * and stored.
 */
export function canonicalJson(value: unknown): string {
  const json = toJsonValue(value, '');
  if (json === undefined) throw new TypeError(`${typeof value} has no JSON form`);
  return serializeJsonValue(json);
}

function serializeJsonValue(json: unknown): string {
  if (json === null || typeof json !== 'object') return JSON.stringify(json);
  if (Array.isArray(json)) {
    let text = '[';
    for (let index = 0; index < json.length; index += 1) {
      const element = toJsonValue(json[index], String(index));
      text += `${index === 0 ? '' : ','}${element === undefined ? 'null' : serializeJsonValue(element)}`;
    }
    return `${text}]`;
  }
  const object = json as Record<string, unknown>;
  let text = '{';
  for (const property of Object.keys(object).sort()) {
    const member = toJsonValue(object[property], property);
    if (member === undefined) continue;
    text += `${text.length === 1 ? '' : ','}${JSON.stringify(property)}:${serializeJsonValue(member)}`;
  }
  return `${text}}`;
}

/** What JSON.stringify writes for a value before it looks inside it; undefined where it writes nothing. */
function toJsonValue(value: unknown, key: string): unknown {
  let json = value;
  if (typeof json === 'object' && json !== null && typeof (json as { toJSON?: unknown }).toJSON === 'function') {
    json = (json as { toJSON(key: string): unknown }).toJSON(key);
  }
  if (json instanceof Number || json instanceof String || json instanceof Boolean) json = json.valueOf();
  if (typeof json === 'function' || typeof json === 'symbol' || json === undefined) return undefined;
  if (typeof json === 'bigint') throw new TypeError('a BigInt cannot be stored as JSON');
  return json;
}

/** The hashed fields with data and metadata already in canonical form (see canonicalJson). */
export type CanonicalEventFields = Omit<HashedEventFields, 'data' | 'metadata'> & { data: string; metadata: string };

/**
 * RFC 8785 (JCS) canonical JSON of exactly the hashed fields, so any store and any language can recompute it. The
 * keys are written in JCS order (UTF-16 code units), which the unit tests check against json-canonicalize.
 */
export function canonicalFormOf(fields: CanonicalEventFields): string {
  return (
    `{"data":${fields.data},"id":${JSON.stringify(fields.id)},"metadata":${fields.metadata},` +
    `"previousHash":${JSON.stringify(fields.previousHash)},"revision":${JSON.stringify(fields.revision)},` +
    `"schemaVersion":${JSON.stringify(fields.schemaVersion)},"streamId":${JSON.stringify(fields.streamId)},` +
    `"type":${JSON.stringify(fields.type)}}`
  );
}

export function canonicalEventForm(fields: HashedEventFields): string {
  return canonicalFormOf({ ...fields, data: canonicalJson(fields.data), metadata: canonicalJson(fields.metadata) });
}

/** Lower-case hex sha256 of a canonical form. */
export function hashOfCanonicalForm(canonicalForm: string): string {
  return createHash('sha256').update(canonicalForm, 'utf8').digest('hex');
}

/** Lower-case hex sha256 of the canonical form. */
export function computeEventHash(fields: HashedEventFields): string {
  return hashOfCanonicalForm(canonicalEventForm(fields));
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
