import { join } from 'node:path';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { runner, type RunnerOption } from 'node-pg-migrate';
import { Client, type ClientBase } from 'pg';

/** Own bookkeeping table, so the event-store migrations never mix with the read models' migrations. */
export const EVENT_STORE_MIGRATIONS_TABLE = 'event_store_migrations';

/** The plain SQL migration files; a build must copy this folder next to the compiled code. */
export const EVENT_STORE_MIGRATIONS_DIR = join(__dirname, 'migrations');

/** node-pg-migrate's own advisory lock: waiting on the same key keeps every migration of the database apart. */
const MIGRATION_LOCK_KEY = '7241865325823964';

/**
 * Applies pending event-store migrations (events, checkpoints), each file in a transaction, waiting while another
 * process migrates (migrateWaitingForLock), so several processes may start at once.
 */
export async function migrateEventStore(connectionString: string, ssl?: TlsOptions): Promise<void> {
  const client = new Client(ssl === undefined ? { connectionString } : { connectionString, ssl });
  await client.connect();
  try {
    await migrateWaitingForLock(client, { dir: EVENT_STORE_MIGRATIONS_DIR, migrationsTable: EVENT_STORE_MIGRATIONS_TABLE });
  } finally {
    await client.end();
  }
}

/**
 * Runs node-pg-migrate up on `client` under its advisory lock, waiting for the lock: node-pg-migrate only tries it
 * and fails a process that starts while another migrates ("Another migration is already running"). The one that
 * waited then finds nothing left to apply.
 */
export async function migrateWaitingForLock(client: ClientBase, options: Pick<RunnerOption, 'dir' | 'migrationsTable'>): Promise<void> {
  await client.query('select pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
  try {
    await runner({ ...options, dbClient: client, noLock: true, direction: 'up', count: Infinity, checkOrder: true, log: () => undefined });
  } finally {
    await client.query('select pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
  }
}
