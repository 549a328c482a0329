import type { Pool } from 'pg';
import { chainEvents, type ChainedEvent } from '../append-rules';
import { GENESIS_HASH } from '../hash-chain';
import { GroupCommitAppender, type BatchOutcome } from './group-commit-appender';

/** A group as the statement's JSON argument carries it: the payloads are JSON, not strings. */
type SentGroup = { streamId: string; events: (Omit<ChainedEvent, 'data' | 'metadata'> & { data: unknown; metadata: unknown })[] }[];

/** A pool that records each statement's group and answers through `respond`; COPY cannot connect through it. */
function fakePool(respond: (group: SentGroup) => BatchOutcome[]) {
  const statements: SentGroup[] = [];
  const copyAttempts: number[] = [];
  const pool = {
    query: async (_text: string, values: unknown[]) => {
      const group = JSON.parse(values[0] as string) as SentGroup;
      statements.push(group);
      return { rows: [{ outcomes: respond(group) }] };
    },
    connect: async () => {
      copyAttempts.push(Date.now());
      throw new Error('connection refused');
    },
  } as unknown as Pick<Pool, 'query' | 'connect'>;
  return { pool, statements, copyAttempts };
}

/** A pool whose first statement stays in flight until release() is called; it records each statement's group. */
function poolHoldingFirstCommit() {
  let release!: () => void;
  const firstCommit = new Promise<void>((resolve) => (release = resolve));
  const statements: SentGroup[] = [];
  const pool = {
    query: async (_text: string, values: unknown[]) => {
      const group = JSON.parse(values[0] as string) as SentGroup;
      statements.push(group);
      if (statements.length === 1) await firstCommit;
      return { rows: [{ outcomes: group.map(() => appendedAt(1)) }] };
    },
  } as unknown as Pick<Pool, 'query' | 'connect'>;
  return { pool, statements, release };
}

function ledgerEntryBatch(streamId: string, size = 1): ChainedEvent[] {
  const events = Array.from({ length: size }, (_, index) => ({
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    type: 'LedgerEntryRecorded',
    schemaVersion: 1,
    data: { department: 'housing', points: -2 },
  }));
  return chainEvents(streamId, events, 0, GENESIS_HASH);
}

const appendedAt = (position: number): BatchOutcome => ({ appended: true, lastGlobalPosition: String(position) });

describe(GroupCommitAppender.name, () => {
  it('sends batches submitted while a statement is in flight together in the next one, in order', async () => {
    const { pool, statements } = fakePool((group) => group.map((_, index) => appendedAt(index + 1)));
    const sut = new GroupCommitAppender(pool, { maxInFlight: 1 });

    const outcomes = await Promise.all(
      ['ledger-a', 'ledger-b', 'ledger-c'].map((streamId) => sut.submit(streamId, ledgerEntryBatch(streamId))),
    );

    expect(statements.map((group) => group.map((batch) => batch.streamId))).toEqual([['ledger-a'], ['ledger-b', 'ledger-c']]);
    expect(outcomes).toEqual([appendedAt(1), appendedAt(1), appendedAt(2)]);
  });

  it('keeps a group within maxBatches', async () => {
    const { pool, statements } = fakePool((group) => group.map(() => appendedAt(1)));
    const sut = new GroupCommitAppender(pool, { maxInFlight: 1, maxBatches: 2 });

    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((name) => sut.submit(`ledger-${name}`, ledgerEntryBatch(name))));

    expect(statements.map((group) => group.length)).toEqual([1, 2, 2]);
  });

  it('retries a failed group batch by batch, so only the batch PostgreSQL refuses fails', async () => {
    const refused = new Error('unsupported Unicode escape sequence');
    const { pool, statements } = fakePool((group) => {
      if (group.some((batch) => batch.streamId === 'ledger-bad')) throw refused;
      return group.map(() => appendedAt(7));
    });
    const sut = new GroupCommitAppender(pool, { maxInFlight: 1 });

    const outcomes = await Promise.allSettled(
      ['ledger-first', 'ledger-good', 'ledger-bad', 'ledger-other'].map((streamId) => sut.submit(streamId, ledgerEntryBatch(streamId))),
    );

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toBe(refused);
    expect(statements.map((group) => group.map((batch) => batch.streamId))).toEqual([
      ['ledger-first'],
      ['ledger-good', 'ledger-bad', 'ledger-other'],
      ['ledger-good'],
      ['ledger-bad'],
      ['ledger-other'],
    ]);
  });

  it('starts a second statement while one is in flight only once enough events wait', async () => {
    const { pool, statements: groups, release } = poolHoldingFirstCommit();
    const eventsPerStatement = () => groups.map((group) => group.reduce((count, batch) => count + batch.events.length, 0));
    const sut = new GroupCommitAppender(pool, { maxInFlight: 2, overlapMinEvents: 10 });

    const first = sut.submit('ledger-a', ledgerEntryBatch('ledger-a'));
    const small = sut.submit('ledger-b', ledgerEntryBatch('ledger-b', 3));
    await new Promise((resolve) => setImmediate(resolve));
    expect(eventsPerStatement()).toEqual([1]);
    const large = sut.submit('ledger-c', ledgerEntryBatch('ledger-c', 10));
    await new Promise((resolve) => setImmediate(resolve));
    expect(eventsPerStatement()).toEqual([1, 13]);

    release();
    await Promise.all([first, small, large]);
  });

  it('starts a second statement while one is in flight once overlapMinBatches callers wait, however few their events', async () => {
    const { pool, statements: groups, release } = poolHoldingFirstCommit();
    const batchesPerStatement = () => groups.map((group) => group.length);
    const sut = new GroupCommitAppender(pool, { maxInFlight: 2, overlapMinEvents: 1000, overlapMinBatches: 3 });

    const first = sut.submit('ledger-a', ledgerEntryBatch('ledger-a'));
    const waiting = [sut.submit('ledger-b', ledgerEntryBatch('ledger-b')), sut.submit('ledger-c', ledgerEntryBatch('ledger-c'))];
    await new Promise((resolve) => setImmediate(resolve));
    expect(batchesPerStatement()).toEqual([1]);
    waiting.push(sut.submit('ledger-d', ledgerEntryBatch('ledger-d')));
    await new Promise((resolve) => setImmediate(resolve));
    expect(batchesPerStatement()).toEqual([1, 3]);

    release();
    await Promise.all([first, ...waiting]);
  });

  it('writes a group of copyMinEvents or more with COPY, and sends each batch alone through the function when COPY fails', async () => {
    const { pool, statements, copyAttempts } = fakePool((group) => group.map(() => appendedAt(9)));
    const sut = new GroupCommitAppender(pool, { maxInFlight: 1, copyMinEvents: 4 });

    const outcomes = await Promise.all([
      sut.submit('ledger-a', ledgerEntryBatch('ledger-a', 3)),
      sut.submit('ledger-b', ledgerEntryBatch('ledger-b', 2)),
      sut.submit('ledger-c', ledgerEntryBatch('ledger-c', 2)),
    ]);

    expect(copyAttempts).toHaveLength(1);
    expect(statements.map((group) => group.map((batch) => batch.streamId))).toEqual([['ledger-a'], ['ledger-b'], ['ledger-c']]);
    expect(outcomes).toEqual([appendedAt(9), appendedAt(9), appendedAt(9)]);
  });

  it('sends the canonical payload text as JSON, not as an escaped string', async () => {
    const { pool, statements } = fakePool((group) => group.map(() => appendedAt(1)));
    const sut = new GroupCommitAppender(pool);

    await sut.submit('ledger-a', ledgerEntryBatch('ledger-a'));

    expect(statements[0][0].events[0]).toMatchObject({ data: { department: 'housing', points: -2 }, metadata: {}, revision: 0 });
  });
});
