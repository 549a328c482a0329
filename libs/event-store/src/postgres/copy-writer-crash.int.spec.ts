import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createFreshDatabase, type FreshDatabase } from '@app/testing';
import { Pool } from 'pg';
import { chainEvents } from '../append-rules';
import { GENESIS_HASH } from '../hash-chain';
import { migrateEventStore } from './migrate-event-store';
import { PostgresEventStore } from './postgres-event-store';

const ROOT = join(__dirname, '../../../..');

/**
 * A writer that starts a COPY into events, sends part of its rows and then freezes: the COPY holds the append lock
 * (the table's BEFORE trigger took it) with rows half sent, the worst moment to die.
 */
const FROZEN_COPY_WRITER = `
const { Client } = require('pg');
const { from } = require('pg-copy-streams');
(async () => {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const copy = client.query(from('COPY events (stream_id, revision, id, type, schema_version, data, metadata, previous_hash, hash) FROM STDIN'));
  copy.write(process.env.ROWS);
  process.stdout.write('copying\\n');
})();
`;

describe('a writer killed in the middle of a COPY', () => {
  let database: FreshDatabase;
  let admin: Pool;
  let store: PostgresEventStore;
  let writer: ChildProcess | undefined;

  beforeAll(async () => {
    database = await createFreshDatabase('event_store_copy_crash');
    await migrateEventStore(database.url);
    admin = new Pool({ connectionString: database.url });
    store = new PostgresEventStore({ connectionString: database.url });
  });

  afterAll(async () => {
    writer?.kill('SIGKILL');
    await store?.close();
    await admin?.end();
    await database?.drop();
  });

  async function until(sql: string): Promise<void> {
    // Polls PostgreSQL's own views (not the clock) until the condition holds.
    while (!(await admin.query<{ holds: boolean }>(sql, [database.name])).rows[0].holds) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  it('holds appends only until it dies, and leaves nothing of its rows behind', async () => {
    const frozenStream = `ledger-${randomUUID()}`;
    const rows = chainEvents(
      frozenStream,
      Array.from({ length: 50 }, (_, index) => ({ id: randomUUID(), type: 'LedgerEntryRecorded', schemaVersion: 1, data: { index } })),
      0,
      GENESIS_HASH,
    )
      .slice(0, 30)
      .map((event) => [frozenStream, event.revision, event.id, event.type, 1, event.data, event.metadata, event.previousHash, event.hash].join('\t'))
      .join('\n');
    writer = spawn(process.execPath, ['-e', FROZEN_COPY_WRITER], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: database.url, ROWS: `${rows}\n` },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => writer!.once('exit', (_code, signal) => resolve(signal)));
    await until(
      `SELECT count(*) > 0 AS holds FROM pg_locks JOIN pg_stat_activity USING (pid)
       WHERE locktype = 'advisory' AND granted AND datname = $1 AND query LIKE 'COPY events%'`,
    );

    let appended = false;
    const otherStream = `ledger-${randomUUID()}`;
    const append = store
      .appendToStream(otherStream, [{ id: randomUUID(), type: 'LedgerEntryRecorded', schemaVersion: 1, data: {} }], {
        expectedRevision: 'no_stream',
      })
      .then((result) => ((appended = true), result));
    await until(
      `SELECT count(*) > 0 AS holds FROM pg_locks JOIN pg_stat_activity USING (pid)
       WHERE locktype = 'advisory' AND NOT granted AND datname = $1`,
    );
    expect(appended).toBe(false);

    writer.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const result = await append;

    expect(await store.readStream(frozenStream)).toEqual([]);
    expect((await store.readAll()).map((event) => [event.streamId, event.globalPosition])).toEqual([
      [otherStream, result.lastGlobalPosition],
    ]);
    expect(await store.verifyAll()).toEqual({ ok: true, checked: 1 });
  });
});
