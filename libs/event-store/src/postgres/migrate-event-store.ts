import { join } from 'node:path';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { runner } from 'node-pg-migrate';

/** Own bookkeeping table, so the event-store migrations never mix with the read models' migrations. */
export const EVENT_STORE_MIGRATIONS_TABLE = 'event_store_migrations';

/** The plain SQL migration files; a build must copy this folder next to the compiled code. */
export const EVENT_STORE_MIGRATIONS_DIR = join(__dirname, 'migrations');

/**
 * Applies pending event-store migrations (events, checkpoints). node-pg-migrate holds an advisory lock and
 * runs each file in a transaction, so concurrent starts of several processes are safe.
 */
export async function migrateEventStore(connectionString: string, ssl?: TlsOptions): Promise<void> {
  await runner({
    databaseUrl: ssl === undefined ? connectionString : { connectionString, ssl },
    dir: EVENT_STORE_MIGRATIONS_DIR,
    migrationsTable: EVENT_STORE_MIGRATIONS_TABLE,
    direction: 'up',
    count: Infinity,
    checkOrder: true,
    log: () => undefined,
  });
}
