import { DecisionContext } from '@app/domain';
import { EventStore, EventStoreModule, createPostgresPool } from '@app/event-store';
import { AccountabilityCommands, IssueCommandService, ReferenceData } from '@app/issues';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { Clock, SystemClock } from '../clock/clock';
import { API_POOL } from './api-pool';
import { ReferenceWriter } from './reference-writer';

export interface EngineModuleOptions {
  databaseUrl: string;
  /** A clock to use instead of the system clock (tests). */
  clock?: Clock;
  /** TLS to PostgreSQL; plain when absent. */
  ssl?: TlsOptions;
}

class PoolLifecycle implements OnApplicationShutdown {
  constructor(@Inject(API_POOL) private readonly pool: Pool) {}

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

/** The write side the API stands on: the event store, the reference data, the issue and accountability commands, the clock. */
@Global()
@Module({})
export class EngineModule {
  static forRoot(options: EngineModuleOptions): DynamicModule {
    const clock = options.clock ?? new SystemClock();
    return {
      module: EngineModule,
      imports: [
        EventStoreModule.forRoot({
          env: {
            DATABASE_URL: options.databaseUrl,
            EVENT_STORE: process.env.EVENT_STORE,
            KURRENTDB_CONNECTION_STRING: process.env.KURRENTDB_CONNECTION_STRING,
          },
          ssl: options.ssl,
        }),
      ],
      providers: [
        { provide: Clock, useValue: clock },
        { provide: API_POOL, useFactory: () => createPostgresPool({ connectionString: options.databaseUrl, ssl: options.ssl, max: 10 }, 'api') },
        PoolLifecycle,
        { provide: ReferenceData, useFactory: (store: EventStore) => new ReferenceData(store), inject: [EventStore] },
        {
          provide: IssueCommandService,
          useFactory: (store: EventStore, reference: ReferenceData) =>
            new IssueCommandService(store, (): Promise<DecisionContext> => reference.decisionContext()),
          inject: [EventStore, ReferenceData],
        },
        ReferenceWriter,
        {
          provide: AccountabilityCommands,
          useFactory: (store: EventStore, reference: ReferenceData) => new AccountabilityCommands(store, reference),
          inject: [EventStore, ReferenceData],
        },
      ],
      exports: [Clock, API_POOL, ReferenceData, IssueCommandService, ReferenceWriter, AccountabilityCommands],
    };
  }
}
