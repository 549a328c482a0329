import { createHash, randomUUID } from 'node:crypto';
import { chainEvents } from './append-rules';
import type { RecordedEvent } from './event-store.port';
import { GENESIS_HASH, StreamChainVerifier, canonicalEventForm, computeEventHash } from './hash-chain';

function recorded(streamId: string, count: number): RecordedEvent[] {
  const events = Array.from({ length: count }, (_, index) => ({
    id: randomUUID(),
    type: 'DeadlineMissed',
    schemaVersion: 1,
    data: { department: 'housing', step: index },
  }));
  return chainEvents(streamId, events, 0, GENESIS_HASH).map((event, index) => ({
    ...event,
    streamId,
    globalPosition: BigInt(index + 1),
    recordedAt: new Date(0),
  }));
}

describe('hash chain', () => {
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
