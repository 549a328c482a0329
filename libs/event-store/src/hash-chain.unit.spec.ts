import { createHash, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { canonicalize } from 'json-canonicalize';
import { chainEvents } from './append-rules';
import type { RecordedEvent } from './event-store.port';
import { GENESIS_HASH, StreamChainVerifier, canonicalEventForm, canonicalJson, computeEventHash } from './hash-chain';

function recorded(streamId: string, count: number): RecordedEvent[] {
  const events = Array.from({ length: count }, (_, index) => ({
    id: randomUUID(),
    type: 'DeadlineMissed',
    schemaVersion: 1,
    data: { department: 'housing', step: index },
  }));
  return chainEvents(streamId, events, 0, GENESIS_HASH).map((event, index) => ({
    ...event,
    data: JSON.parse(event.data) as Record<string, unknown>,
    metadata: JSON.parse(event.metadata) as Record<string, unknown>,
    streamId,
    globalPosition: BigInt(index + 1),
    recordedAt: new Date(0),
  }));
}

/** The reference: json-canonicalize after the JSON round trip that a JSON store applies. */
const jcsOfStored = (value: unknown) => canonicalize(JSON.parse(JSON.stringify(value)));

/** Values as callers build them: JSON plus what JSON.stringify turns into JSON (dates, undefined, NaN, -0, toJSON). */
const payloadValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 2 }),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary' }),
    fc.double(),
    fc.constantFrom(undefined, Number.NaN, -0, 1e21, 5e-7, Number.MAX_SAFE_INTEGER + 2),
    fc.date({ noInvalidDate: true }),
    fc.oneof(fc.double().map((n) => new Number(n)), fc.string().map((t) => new String(t)), fc.boolean().map((b) => new Boolean(b))),
    tie('value').map((inner) => ({ toJSON: () => inner })),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('canonicalJson', () => {
  it('writes exactly what json-canonicalize writes for the stored JSON of any payload', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), payloadValue, { maxKeys: 6 }), (payload) => {
        expect(canonicalJson(payload)).toBe(jcsOfStored(payload));
      }),
      { numRuns: 2000 },
    );
  });

  it('sorts keys by UTF-16 code units and calls toJSON with the member name, as JSON.stringify does', () => {
    const seenKeys: string[] = [];
    const payload = {
      '\u{1F600}': 1,
      '\uFB01': 2,
      b: { toJSON: (key: string) => (seenKeys.push(key), { z: 1, a: [undefined, () => 0] }) },
      a: undefined,
    };

    expect(canonicalJson(payload)).toBe('{"b":{"a":[null,null],"z":1},"\u{1F600}":1,"\uFB01":2}');
    expect(seenKeys).toEqual(['b']);
    expect(canonicalJson(payload)).toBe(jcsOfStored(payload));
  });

  it('refuses what has no JSON form', () => {
    expect(() => canonicalJson({ count: 1n })).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(/no JSON form/);
  });
});

describe('hash chain', () => {
  it('hashes the same canonical form as json-canonicalize over the stored event', () => {
    fc.assert(
      fc.property(
        fc.record({
          streamId: fc.string({ minLength: 1 }),
          revision: fc.nat(),
          id: fc.uuid(),
          type: fc.string({ minLength: 1, unit: 'grapheme' }),
          schemaVersion: fc.integer({ min: 1, max: 9 }),
          data: fc.dictionary(fc.string({ maxLength: 8 }), payloadValue, { maxKeys: 4 }),
          metadata: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
          previousHash: fc.stringMatching(/^[0-9a-f]{64}$/),
        }),
        (fields) => {
          expect(canonicalEventForm(fields)).toBe(jcsOfStored(fields));
        },
      ),
      { numRuns: 1000 },
    );
  });


  it('hashes the RFC 8785 canonical form: sorted keys, no whitespace, independent of key order', () => {
    const fields = {
      streamId: 'issue-I1',
      revision: 0,
      id: '6f1c1f3e-2b1a-4c5e-9d7f-0a1b2c3d4e5f',
      type: 'IssueRaised',
      schemaVersion: 1,
      data: { title: '占道经营', level: 'community', count: 2 },
      metadata: {},
      previousHash: GENESIS_HASH,
    };

    const canonical = canonicalEventForm(fields);

    expect(canonical).toBe(
      '{"data":{"count":2,"level":"community","title":"占道经营"},"id":"6f1c1f3e-2b1a-4c5e-9d7f-0a1b2c3d4e5f",' +
        `"metadata":{},"previousHash":"${GENESIS_HASH}","revision":0,"schemaVersion":1,"streamId":"issue-I1","type":"IssueRaised"}`,
    );
    expect(computeEventHash(fields)).toBe(createHash('sha256').update(canonical, 'utf8').digest('hex'));
    expect(
      computeEventHash({
        ...fields,
        data: { count: 2, title: '占道经营', level: 'community' },
      }),
    ).toBe(computeEventHash(fields));
  });

  it('accepts a sound chain and names the first altered, reordered or missing link', () => {
    const events = recorded('issue-I1', 4);
    const sound = new StreamChainVerifier('issue-I1');
    expect(events.map((event) => sound.check(event))).toEqual([undefined, undefined, undefined, undefined]);

    const altered = new StreamChainVerifier('issue-I1');
    expect(altered.check(events[0])).toBeUndefined();
    expect(
      altered.check({
        ...events[1],
        data: { department: 'transport', step: 1 },
      }),
    ).toMatch(/content altered/);

    const gap = new StreamChainVerifier('issue-I1');
    expect(gap.check(events[0])).toBeUndefined();
    expect(gap.check(events[2])).toMatch(/expected revision 1 but found 2/);

    const relinked = new StreamChainVerifier('issue-I1');
    expect(relinked.check({ ...events[0], previousHash: 'f'.repeat(64) })).toMatch(/previousHash/);
  });
});
