import { randomUUID } from 'node:crypto';
import { createFreshDatabase, type FreshDatabase } from '@app/testing';
import { Client, Pool } from 'pg';
import { chainEvents, type ChainedEvent } from '../append-rules';
import { describeEventStoreContract } from '../../test/event-store.contract';
import type { NewEvent, RecordedEvent } from '../event-store.port';
import { GENESIS_HASH } from '../hash-chain';
import { migrateEventStore } from './migrate-event-store';
import { GroupCommitAppender, type GroupCommitLimits } from './group-commit-appender';
import { APPEND_LOCK_KEY, PostgresEventStore } from './postgres-event-store';

/**
 * The two ways a group of appends is written: one event_store_append statement (small groups, and any batch sent
 * alone) and COPY (groups of copyMinEvents or more). Every test below runs on both.
 */
const WRITE_PATHS: [string, Partial<GroupCommitLimits>][] = [
  ['groups written by event_store_append', { copyMinEvents: Number.POSITIVE_INFINITY }],
  ['groups written by COPY', { copyMinEvents: 1 }],
];

async function createMigratedStore(prefix: string, groupCommit: Partial<GroupCommitLimits>) {
  const database = await createFreshDatabase(prefix);
  await migrateEventStore(database.url);
  // Short poll interval so a lost notification would still be noticed, never relied upon for correctness.
  const store = new PostgresEventStore({
    connectionString: database.url,
    pollIntervalMs: 200,
    groupCommit,
  });
  return { database, store };
}

for (const [writePath, groupCommit] of WRITE_PATHS) {
  describeEventStoreContract(`PostgreSQL, ${writePath}`, async () => {
    const { database, store } = await createMigratedStore('event_store_contract', groupCommit);
    return {
      store,
      detectsIdReuseAcrossStreams: true,
      teardown: async () => {
        await store.close();
        await database.drop();
      },
    };
  });
}

/** An event row written by hand, past the store, as a writer that never heard of its rules would write it. */
function insertEventRow(
  executor: Pick<Client, 'query'>,
  streamId: string,
  row: Pick<ChainedEvent, 'revision' | 'id' | 'type' | 'data' | 'previousHash' | 'hash'>,
) {
  return executor.query(
    `INSERT INTO events (stream_id, revision, id, type, schema_version, data, previous_hash, hash)
     VALUES ($1, $2, $3, $4, 1, $5, $6, $7)`,
    [streamId, row.revision, row.id, row.type, row.data, row.previousHash, row.hash],
  );
}

function ledgerEntry(): NewEvent {
  return {
    id: randomUUID(),
    type: 'LedgerEntryRecorded',
    schemaVersion: 1,
    data: {
      department: 'housing',
      points: -2,
      reason: 'feedbackDeadline missed',
    },
  };
}

describe.each(WRITE_PATHS)(`${PostgresEventStore.name}, %s`, (_writePath, groupCommit) => {
  let database: FreshDatabase;
  let sut: PostgresEventStore;
  let admin: Pool;

  beforeAll(async () => {
    ({ database, store: sut } = await createMigratedStore('event_store_pg', groupCommit));
    admin = new Pool({ connectionString: database.url });
  });

  afterAll(async () => {
    await sut?.close();
    await admin?.end();
    await database?.drop();
  });

  async function waitUntilAnAppendWaitsForTheLock(): Promise<void> {
    // Polls PostgreSQL's lock table (not the clock) until the store's append is queued behind the slow writer.
    for (;;) {
      const waiting = await admin.query(
        `SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`,
      );
      if (waiting.rows[0].waiting > 0) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  it('applies its migrations once: a second run changes nothing', async () => {
    await migrateEventStore(database.url);

    const applied = await admin.query('SELECT name FROM event_store_migrations ORDER BY name');
    expect(applied.rows.map((row) => row.name)).toEqual([
      '0001_events',
      '0002_checkpoints',
      '0003_append_function',
      '0004_append_checks_before_lock',
      '0005_insert_triggers_for_copy',
    ]);
  });

  it('forbids UPDATE and DELETE of stored events', async () => {
    const streamId = `ledger-${randomUUID()}`;
    await sut.appendToStream(streamId, [ledgerEntry()], {
      expectedRevision: 'no_stream',
    });

    await expect(admin.query(`UPDATE events SET data = '{}' WHERE stream_id = $1`, [streamId])).rejects.toThrow(
      /append-only/,
    );
    await expect(admin.query('DELETE FROM events WHERE stream_id = $1', [streamId])).rejects.toThrow(/append-only/);
    await expect(admin.query('TRUNCATE events')).rejects.toThrow(/append-only/);
  });

  it('refuses, in the database itself, a row that does not link to the revision before it', async () => {
    const streamId = `ledger-${randomUUID()}`;
    await sut.appendToStream(streamId, [ledgerEntry()], { expectedRevision: 'no_stream' });
    const [head] = await sut.readStream(streamId);
    const insertRevision = (revision: number, previousHash: string) =>
      insertEventRow(admin, streamId, {
        revision,
        id: randomUUID(),
        type: 'LedgerEntryRecorded',
        data: '{}',
        previousHash,
        hash: 'f'.repeat(64),
      });

    await expect(insertRevision(1, 'a'.repeat(64))).rejects.toMatchObject({ code: 'EV001' });
    await expect(insertRevision(2, head.hash)).rejects.toMatchObject({ code: 'EV001' });
    await expect(insertRevision(0, GENESIS_HASH)).rejects.toMatchObject({ code: '23505' });
    expect(await sut.verifyStream(streamId)).toEqual({ ok: true, checked: 1 });
  });

  it('makes every INSERT wait for the append lock, even from a client that never asks for it', async () => {
    const holder = await admin.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK_KEY]);
      const streamId = `ledger-${randomUUID()}`;
      const [event] = chainEvents(streamId, [ledgerEntry()], 0, GENESIS_HASH);
      let inserted = false;
      const bypass = insertEventRow(admin, streamId, event).then(() => (inserted = true));

      await waitUntilAnAppendWaitsForTheLock();
      expect(inserted).toBe(false);
      await holder.query('COMMIT');
      await bypass;
      expect(await sut.verifyStream(streamId)).toEqual({ ok: true, checked: 1 });
    } finally {
      holder.release();
    }
  });

  it('fails only the append whose payload PostgreSQL refuses when concurrent appends share a commit', async () => {
    const category = `group${randomUUID().slice(0, 8)}`;
    // jsonb cannot hold \u0000: this batch makes its whole group statement fail.
    const refused = { ...ledgerEntry(), data: { reason: 'nul \u0000 byte' } };
    const appends = [ledgerEntry(), ledgerEntry(), refused, ledgerEntry()].map((event, index) =>
      sut.appendToStream(`${category}-S${index}`, [event], { expectedRevision: 'no_stream' }),
    );

    const outcomes = await Promise.allSettled(appends);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const stored = await sut.readAll({ category });
    expect(stored.map((event) => event.streamId).sort()).toEqual([`${category}-S0`, `${category}-S1`, `${category}-S3`]);
  });

  describe('tampering found by verify', () => {
    async function tamper(sql: string, parameters: unknown[]): Promise<void> {
      // What a DBA with ownership of the table could do: switch the guard off, edit, switch it back on.
      const client = await admin.connect();
      try {
        await client.query('BEGIN');
        await client.query('ALTER TABLE events DISABLE TRIGGER events_append_only');
        await client.query(sql, parameters);
        await client.query('ALTER TABLE events ENABLE TRIGGER events_append_only');
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    }

    it('names the stream and revision whose data was altered in place', async () => {
      const category = `audit${randomUUID().slice(0, 8)}`;
      const streamId = `${category}-I1`;
      await sut.appendToStream(`${category}-I0`, [ledgerEntry()], {
        expectedRevision: 'no_stream',
      });
      await sut.appendToStream(streamId, [ledgerEntry(), ledgerEntry(), ledgerEntry()], {
        expectedRevision: 'no_stream',
      });
      expect((await sut.verifyStream(streamId)).ok).toBe(true);

      await tamper(`UPDATE events SET data = jsonb_set(data, '{points}', '5') WHERE stream_id = $1 AND revision = 1`, [
        streamId,
      ]);

      const verdict = await sut.verifyStream(streamId);
      expect(verdict).toMatchObject({ ok: false, streamId, revision: 1 });
      expect(verdict.ok === false && verdict.reason).toMatch(/content altered/);
      expect(await sut.verifyAll({ category })).toMatchObject({
        ok: false,
        streamId,
        revision: 1,
      });
      expect(await sut.verifyAll({ from: new Date(Date.now() - 60_000) })).toMatchObject({ ok: false, streamId });
    });

    it('finds a rewritten event whose own hash was recomputed at the next link', async () => {
      const streamId = `audit${randomUUID().slice(0, 8)}-I2`;
      const events = [ledgerEntry(), ledgerEntry(), ledgerEntry()];
      await sut.appendToStream(streamId, events, {
        expectedRevision: 'no_stream',
      });
      const [, original] = await sut.readStream(streamId);
      const [forged] = chainEvents(
        streamId,
        [{ ...events[1], data: { ...events[1].data, points: 5 } }],
        1,
        original.previousHash,
      );

      await tamper('UPDATE events SET data = $2::jsonb, hash = $3 WHERE stream_id = $1 AND revision = 1', [
        streamId,
        forged.data,
        forged.hash,
      ]);

      expect(await sut.verifyStream(streamId)).toMatchObject({
        ok: false,
        streamId,
        revision: 2,
      });
    });

    it('finds a deleted event as a gap in the chain', async () => {
      const streamId = `audit${randomUUID().slice(0, 8)}-I3`;
      await sut.appendToStream(streamId, [ledgerEntry(), ledgerEntry(), ledgerEntry()], {
        expectedRevision: 'no_stream',
      });

      await tamper('DELETE FROM events WHERE stream_id = $1 AND revision = 1', [streamId]);

      expect(await sut.verifyStream(streamId)).toMatchObject({
        ok: false,
        streamId,
        revision: 2,
      });
    });
  });

  describe('gap-free global order', () => {
    it('never lets a later append overtake a slower transaction that has not committed yet', async () => {
      const category = `gap${randomUUID().slice(0, 8)}`;
      const seen: RecordedEvent[] = [];
      let reachedTwo!: () => void;
      const twoSeen = new Promise<void>((resolve) => (reachedTwo = resolve));
      const subscription = sut.subscribeToAll({
        category,
        onEvent: async (event) => {
          seen.push(event);
          if (seen.length === 2) reachedTwo();
        },
      });
      // A slow writer: holds the append lock with its row inserted but not committed, exactly like an append
      // that was delayed between INSERT and COMMIT.
      const slow = new Client({ connectionString: database.url });
      await slow.connect();
      const slowStream = `${category}-slow`;
      const [slowEvent] = chainEvents(slowStream, [ledgerEntry()], 0, GENESIS_HASH);
      await slow.query('BEGIN');
      await slow.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK_KEY]);
      await insertEventRow(slow, slowStream, slowEvent);

      const fast = sut.appendToStream(`${category}-fast`, [ledgerEntry()], {
        expectedRevision: 'no_stream',
      });
      await waitUntilAnAppendWaitsForTheLock();
      expect(await sut.readAll({ category })).toEqual([]);

      await slow.query('COMMIT');
      await slow.end();
      const fastResult = await fast;
      await twoSeen;
      await subscription.stop();

      expect(seen.map((event) => event.streamId)).toEqual([slowStream, `${category}-fast`]);
      expect(seen[1].globalPosition).toBe(fastResult.lastGlobalPosition);
      expect(seen[0].globalPosition < seen[1].globalPosition).toBe(true);
    });

    it('keeps the order gap-free for several processes, each with several statements in flight', async () => {
      // Three stores stand for three processes (api, worker, projector); each lets 4 statements run at once, so
      // commits race each other both within and across "processes" and only the append lock orders positions.
      const stores = Array.from(
        { length: 3 },
        () =>
          new PostgresEventStore({
            connectionString: database.url,
            groupCommit: { ...groupCommit, maxInFlight: 4, overlapMinEvents: 0, maxBatches: 2 },
          }),
      );
      try {
        for (let repetition = 0; repetition < 3; repetition += 1) {
          const category = `procs${randomUUID().slice(0, 8)}`;
          const writers = 24;
          const appendsPerWriter = 5;
          const total = writers * appendsPerWriter;
          const seen: RecordedEvent[] = [];
          // The subscriber is done once it has delivered the newest stored event: whatever it skipped on the
          // way is then lost to it for good, which is what this test must catch.
          const newest: { position?: bigint } = {};
          let caughtUp!: () => void;
          const reachedNewest = new Promise<void>((resolve) => (caughtUp = resolve));
          const subscription = sut.subscribeToAll({
            category,
            onEvent: async (event) => {
              seen.push(event);
              if (newest.position !== undefined && event.globalPosition >= newest.position) caughtUp();
            },
          });

          await Promise.all(
            Array.from({ length: writers }, async (_, writer) => {
              const store = stores[writer % stores.length];
              for (let append = 0; append < appendsPerWriter; append += 1) {
                await store.appendToStream(`${category}-W${writer}`, [ledgerEntry()], {
                  expectedRevision: append === 0 ? 'no_stream' : append - 1,
                });
              }
            }),
          );
          const stored = await sut.readAll({ category, maxCount: total + 1 });
          newest.position = stored[stored.length - 1].globalPosition;
          if (seen.some((event) => event.globalPosition >= newest.position!)) caughtUp();
          await reachedNewest;
          await subscription.stop();

          expect(stored).toHaveLength(total);
          expect(seen.map((event) => event.id)).toEqual(stored.map((event) => event.id));
        }
      } finally {
        await Promise.all(stores.map((store) => store.close()));
      }
    });
  });
});

describe('COPY path', () => {
  let database: FreshDatabase;
  let pool: Pool;

  beforeAll(async () => {
    database = await createFreshDatabase('event_store_copy');
    await migrateEventStore(database.url);
    pool = new Pool({ connectionString: database.url });
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('stores payloads with backslashes, tabs, newlines and control characters exactly as hashed', async () => {
    const { copyOnly, positionLookUps } = copyOnlyPool(pool);
    const appender = new GroupCommitAppender(copyOnly, { copyMinEvents: 1 });
    const streamId = `copy\t${randomUUID().slice(0, 8)}-I1`;
    const tricky = ['C:\\temp\\new', 'line\nbreak\r\n', 'tab\there', '\u0001\u001f control', '"quoted" \\u0041', '占道经营 😀'];
    const events = chainEvents(
      streamId,
      tricky.map((text, index) => ({ id: randomUUID(), type: `Note\\${index}`, schemaVersion: 1, data: { text }, metadata: { by: text } })),
      0,
      GENESIS_HASH,
    );

    const outcome = await appender.submit(streamId, events);

    expect(outcome.appended).toBe(true);
    const store = new PostgresEventStore({ connectionString: database.url, pool });
    const stored = await store.readStream(streamId);
    expect(stored.map((event) => [event.type, event.data.text, event.metadata.by])).toEqual(
      tricky.map((text, index) => [`Note\\${index}`, text, text]),
    );
    expect(await store.verifyStream(streamId)).toEqual({ ok: true, checked: tricky.length });
    expect(outcome.appended && BigInt(outcome.lastGlobalPosition)).toBe(stored[stored.length - 1].globalPosition);
    // The trigger's NOTICE carried the positions: nothing was read back.
    expect(positionLookUps()).toBe(0);
  });

  it('reads the positions back by id on a connection that does not receive notices', async () => {
    const quiet = new Pool({ connectionString: database.url, options: '-c client_min_messages=warning' });
    try {
      const { copyOnly, positionLookUps } = copyOnlyPool(quiet);
      const appender = new GroupCommitAppender(copyOnly, { copyMinEvents: 1, maxInFlight: 1 });
      const streams = [`copyquiet-${randomUUID()}`, `copyquiet-${randomUUID()}`, `copyquiet-${randomUUID()}`];

      const outcomes = await Promise.all(
        streams.map((streamId, index) =>
          appender.submit(streamId, chainEvents(streamId, Array.from({ length: index + 1 }, () => ledgerEntry()), 0, GENESIS_HASH)),
        ),
      );

      const store = new PostgresEventStore({ connectionString: database.url, pool });
      const lastPositions = await Promise.all(streams.map(async (streamId) => (await store.readStream(streamId)).at(-1)!.globalPosition));
      expect(outcomes.map((outcome) => outcome.appended && BigInt(outcome.lastGlobalPosition))).toEqual(lastPositions);
      expect(positionLookUps()).toBeGreaterThan(0);
    } finally {
      await quiet.end();
    }
  });
});

/**
 * A pool for GroupCommitAppender on which the one-statement path fails (a COPY that PostgreSQL refused cannot hide
 * behind it), counting the look-ups of positions that COPY makes when no notice brought them.
 */
function copyOnlyPool(pool: Pool) {
  let lookUps = 0;
  const copyOnly = {
    connect: async () => {
      const client = await pool.connect();
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as { query: unknown }).query = (...args: unknown[]) => {
        if (typeof args[0] === 'string' && args[0].includes('FROM events WHERE id = ANY')) lookUps += 1;
        return query(...args);
      };
      return client;
    },
    query: () => Promise.reject(new Error('event_store_append must not be called')),
  } as unknown as Pick<Pool, 'query' | 'connect'>;
  return { copyOnly, positionLookUps: () => lookUps };
}
