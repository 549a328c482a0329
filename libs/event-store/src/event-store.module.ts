import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { createPostgresPool } from './postgres/postgres-pool';
import { CheckpointStore } from './checkpoint-store.port';
import { EventStore } from './event-store.port';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
import { migrateEventStore } from './postgres/migrate-event-store';
import { PostgresCheckpointStore } from './postgres/postgres-checkpoint-store';
import { PostgresEventStore } from './postgres/postgres-event-store';

export type EventStoreEnvironment = {
  DATABASE_URL?: string;
  EVENT_STORE?: string;
  KURRENTDB_CONNECTION_STRING?: string;
};

export type EventStoreModuleOptions = {
  /** Defaults to process.env. */
  env?: EventStoreEnvironment;
  /** Apply the event-store migrations on start (default true). */
  migrate?: boolean;
  /** TLS to PostgreSQL (postgresSsl of @app/config); plain when absent. */
  ssl?: TlsOptions;
};

const CHECKPOINT_POOL = Symbol('CHECKPOINT_POOL');

function requireSetting(env: EventStoreEnvironment, name: keyof EventStoreEnvironment): string {
  const value = env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
}

/** PostgreSQL (DATABASE_URL) by default; KurrentDB (KURRENTDB_CONNECTION_STRING) when EVENT_STORE=kurrentdb. */
export async function createEventStoreFromEnv(
  env: EventStoreEnvironment = process.env,
  migrate = true,
  ssl?: TlsOptions,
): Promise<EventStore> {
  if (env.EVENT_STORE === 'kurrentdb') {
    return new KurrentDbEventStore(requireSetting(env, 'KURRENTDB_CONNECTION_STRING'));
  }
  const connectionString = requireSetting(env, 'DATABASE_URL');
  if (migrate) await migrateEventStore(connectionString, ssl);
  return new PostgresEventStore({ connectionString, ssl });
}

@Injectable()
class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EventStore) private readonly eventStore: EventStore,
    @Inject(CHECKPOINT_POOL) private readonly checkpointPool: Pool,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.eventStore.close();
    await this.checkpointPool.end();
  }
}

/**
 * Provides EventStore and CheckpointStore. Checkpoints always live in PostgreSQL (DATABASE_URL), next to the
 * read models they guard, whichever store holds the events.
 */
@Module({})
export class EventStoreModule {
  static forRoot(options: EventStoreModuleOptions = {}): DynamicModule {
    const env = options.env ?? process.env;
    const migrate = options.migrate ?? true;
    const ssl = options.ssl;
    return {
      module: EventStoreModule,
      global: true,
      providers: [
        {
          provide: CHECKPOINT_POOL,
          useFactory: async () => {
            const connectionString = requireSetting(env, 'DATABASE_URL');
            if (migrate) await migrateEventStore(connectionString, ssl);
            return createPostgresPool({ connectionString, ssl }, 'checkpoints');
          },
        },
        {
          provide: EventStore,
          // Depends on the checkpoint pool only so that it is created after the migrations have run.
          useFactory: () => createEventStoreFromEnv(env, false, ssl),
          inject: [CHECKPOINT_POOL],
        },
        {
          provide: CheckpointStore,
          useFactory: (pool: Pool) => new PostgresCheckpointStore(pool),
          inject: [CHECKPOINT_POOL],
        },
        EventStoreLifecycle,
      ],
      exports: [EventStore, CheckpointStore],
    };
  }
}
