import { migrateEventStore, PostgresCheckpointStore, PostgresEventStore } from '@app/event-store';
import { createFreshDatabase, type FreshDatabase } from '@app/testing';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { createReadModelsDataSource, ensureReadModelsSchema, READ_MODEL_ENTITIES } from '../src/read-models.data-source';
import type { StoryAppend } from './whistle-story.factory';

export type ReadModelsHarness = {
  database: FreshDatabase;
  store: PostgresEventStore;
  pool: Pool;
  checkpoints: PostgresCheckpointStore;
  dataSource: DataSource;
  teardown(): Promise<void>;
};

/** A fresh database with the event store migrated and the read-model tables created. */
export async function createReadModelsHarness(prefix: string): Promise<ReadModelsHarness> {
  const database = await createFreshDatabase(prefix);
  await migrateEventStore(database.url);
  const store = new PostgresEventStore({ connectionString: database.url, pollIntervalMs: 200 });
  const pool = new Pool({ connectionString: database.url });
  const dataSource = await createReadModelsDataSource(database.url).initialize();
  await ensureReadModelsSchema(dataSource);
  return {
    database,
    store,
    pool,
    checkpoints: new PostgresCheckpointStore(pool),
    dataSource,
    teardown: async () => {
      await store.close();
      await pool.end();
      if (dataSource.isInitialized) await dataSource.destroy();
      await database.drop();
    },
  };
}

export async function appendStory(store: PostgresEventStore, appends: readonly StoryAppend[]): Promise<void> {
  for (const { streamId, event } of appends) await store.appendToStream(streamId, [event], { expectedRevision: 'any' });
}

/** Every row of every read-model table, in primary-key order, as comparable JSON. */
export async function dumpReadModels(dataSource: DataSource): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const entity of READ_MODEL_ENTITIES) {
    const metadata = dataSource.getMetadata(entity);
    const order = metadata.primaryColumns.map((column) => `"${column.databaseName}"`).join(', ');
    const rows: unknown[] = await dataSource.query(`SELECT * FROM ${metadata.schema}.${metadata.tableName} ORDER BY ${order}`);
    dump[metadata.tableName] = JSON.parse(JSON.stringify(rows));
  }
  return dump;
}
