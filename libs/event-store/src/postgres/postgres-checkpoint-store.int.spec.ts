import { createFreshDatabase, type FreshDatabase } from '@app/testing';
import { Pool } from 'pg';
import { migrateEventStore } from './migrate-event-store';
import { PostgresCheckpointStore } from './postgres-checkpoint-store';

describe(PostgresCheckpointStore.name, () => {
  let database: FreshDatabase;
  let pool: Pool;
  let sut: PostgresCheckpointStore;

  beforeAll(async () => {
    database = await createFreshDatabase('event_store_checkpoints');
    await migrateEventStore(database.url);
    pool = new Pool({ connectionString: database.url });
    sut = new PostgresCheckpointStore(pool);
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('has no checkpoint for a consumer that never saved one', async () => {
    expect(await sut.load('department-inbox.projection')).toBeUndefined();
  });

  it('loads the last saved position, beyond the range of a JavaScript number', async () => {
    const position = 2n ** 60n + 7n;
    await sut.save('ledger.projection', 41n);
    await sut.save('ledger.projection', position);

    expect(await sut.load('ledger.projection')).toBe(position);
  });

  it('keeps each consumer apart and forgets one on reset', async () => {
    await sut.save('kafka.publisher', 10n);
    await sut.save('temporal.delivery', 20n);

    await sut.reset('kafka.publisher');

    expect(await sut.load('kafka.publisher')).toBeUndefined();
    expect(await sut.load('temporal.delivery')).toBe(20n);
  });

  it('moves with the transaction it is saved in: a rollback keeps the old checkpoint', async () => {
    await sut.save('audit-index.projection', 5n);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await sut.save('audit-index.projection', 9n, client);
      expect(await sut.load('audit-index.projection', client)).toBe(9n);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }

    expect(await sut.load('audit-index.projection')).toBe(5n);
  });
});
