import { readdirSync } from 'node:fs';
import { createFreshDatabase, type FreshDatabase } from '@app/testing';
import { Client } from 'pg';
import { EVENT_STORE_MIGRATIONS_DIR, EVENT_STORE_MIGRATIONS_TABLE, migrateEventStore } from './migrate-event-store';

describe('migrateEventStore: several processes starting at once', () => {
  let database: FreshDatabase;
  let holder: Client;

  beforeAll(async () => {
    database = await createFreshDatabase('event_store_migrate');
    holder = new Client({ connectionString: database.url });
    await holder.connect();
  });

  afterAll(async () => {
    await holder?.end();
    await database?.drop();
  });

  it('waits while another migration holds the lock, instead of failing, then applies every file once', async () => {
    // node-pg-migrate's lock, held as a migrating process holds it.
    await holder.query('select pg_advisory_lock(7241865325823964)');
    const starts = [migrateEventStore(database.url), migrateEventStore(database.url), migrateEventStore(database.url)];
    const settled = starts.map((start) => start.then(() => 'done', (error: Error) => `failed: ${error.message}`));
    const early = await Promise.race([Promise.race(settled), new Promise((resolve) => setTimeout(() => resolve('waiting'), 500))]);
    expect(early).toBe('waiting');

    await holder.query('select pg_advisory_unlock(7241865325823964)');
    expect(await Promise.all(settled)).toEqual(['done', 'done', 'done']);
    const applied = await holder.query(`select name from ${EVENT_STORE_MIGRATIONS_TABLE} order by id`);
    expect(applied.rows.map((row: { name: string }) => row.name)).toEqual(
      readdirSync(EVENT_STORE_MIGRATIONS_DIR)
        .map((file) => file.replace(/\.sql$/, ''))
        .sort(),
    );
  });
});
