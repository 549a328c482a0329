import type { TlsOptions } from 'node:tls';
import { EventStore } from '@app/event-store';
import { ReferenceData } from '@app/issues';
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrailRepository, TypeOrmAuditTrailRepository } from './queries/audit-trail.repository';
import { DepartmentInboxRepository, TypeOrmDepartmentInboxRepository } from './queries/department-inbox.repository';
import { DepartmentRatesRepository, TypeOrmDepartmentRatesRepository } from './queries/department-rates.repository';
import { IssueViewRepository, TypeOrmIssueViewRepository } from './queries/issue-view.repository';
import { LedgerRepository, TypeOrmLedgerRepository } from './queries/ledger.repository';
import { OverviewRepository, TypeOrmOverviewRepository } from './queries/overview.repository';
import { TypeOrmYearEndRepository, YearEndRepository } from './queries/year-end.repository';
import { createReadModelsDataSource, ensureReadModelsSchema } from './read-models.data-source';
import { CircularStreamReader } from './streams/circular-stream.reader';
import { AccountabilityStreamReader } from './streams/accountability-stream.reader';
import { IssueStreamReader } from './streams/issue-stream.reader';
import { ReferenceReader } from './streams/reference.reader';
import { ScoringStreamReader } from './streams/scoring-stream.reader';
import { WhatIfReader } from './streams/what-if.reader';

export const READ_MODELS_DATA_SOURCE = Symbol('READ_MODELS_DATA_SOURCE');

export type ReadModelsModuleOptions = {
  /** Defaults to DATABASE_URL. */
  databaseUrl?: string;
  /** Create the tables if the projector has not yet (default true), so queries answer empty rather than fail. */
  ensureSchema?: boolean;
  /** TLS to PostgreSQL (postgresSsl of @app/config); plain when absent. */
  ssl?: TlsOptions;
};

class ReadModelsLifecycle implements OnApplicationShutdown {
  constructor(@Inject(READ_MODELS_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

const repository = <T>(token: abstract new (...args: never[]) => T, create: (dataSource: DataSource) => T) => ({
  provide: token,
  useFactory: create,
  inject: [READ_MODELS_DATA_SOURCE],
});

/**
 * The query side, every reader the API answers from: one repository per read model (each an abstract class used
 * as its DI token), and the readers of streams that are answered from the event store itself. The event store and
 * the reference data come from the application (EventStoreModule, ReferenceData).
 */
@Module({})
export class ReadModelsModule {
  static forRoot(options: ReadModelsModuleOptions = {}): DynamicModule {
    const tokens = [
      DepartmentInboxRepository,
      IssueViewRepository,
      LedgerRepository,
      AuditTrailRepository,
      YearEndRepository,
      DepartmentRatesRepository,
      OverviewRepository,
      IssueStreamReader,
      ScoringStreamReader,
      ReferenceReader,
      CircularStreamReader,
      AccountabilityStreamReader,
      WhatIfReader,
    ];
    return {
      module: ReadModelsModule,
      global: true,
      providers: [
        {
          provide: READ_MODELS_DATA_SOURCE,
          useFactory: async () => {
            const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
            if (databaseUrl === undefined || databaseUrl === '') throw new Error('DATABASE_URL is not set');
            const dataSource = await createReadModelsDataSource(databaseUrl, 10, options.ssl).initialize();
            if (options.ensureSchema ?? true) await ensureReadModelsSchema(dataSource);
            return dataSource;
          },
        },
        repository(DepartmentInboxRepository, (dataSource) => new TypeOrmDepartmentInboxRepository(dataSource)),
        repository(IssueViewRepository, (dataSource) => new TypeOrmIssueViewRepository(dataSource)),
        repository(LedgerRepository, (dataSource) => new TypeOrmLedgerRepository(dataSource)),
        repository(AuditTrailRepository, (dataSource) => new TypeOrmAuditTrailRepository(dataSource)),
        repository(YearEndRepository, (dataSource) => new TypeOrmYearEndRepository(dataSource)),
        repository(DepartmentRatesRepository, (dataSource) => new TypeOrmDepartmentRatesRepository(dataSource)),
        repository(OverviewRepository, (dataSource) => new TypeOrmOverviewRepository(dataSource)),
        { provide: IssueStreamReader, useFactory: (store: EventStore) => new IssueStreamReader(store), inject: [EventStore] },
        {
          provide: ScoringStreamReader,
          useFactory: (store: EventStore, reference: ReferenceData, ledgers: LedgerRepository) =>
            new ScoringStreamReader(store, reference, ledgers),
          inject: [EventStore, ReferenceData, LedgerRepository],
        },
        { provide: ReferenceReader, useFactory: (reference: ReferenceData) => new ReferenceReader(reference), inject: [ReferenceData] },
        {
          provide: CircularStreamReader,
          useFactory: (store: EventStore, reference: ReferenceData) => new CircularStreamReader(store, reference),
          inject: [EventStore, ReferenceData],
        },
        {
          provide: AccountabilityStreamReader,
          useFactory: (store: EventStore) => new AccountabilityStreamReader(store),
          inject: [EventStore],
        },
        { provide: WhatIfReader, useFactory: (store: EventStore) => new WhatIfReader(store), inject: [EventStore] },
        ReadModelsLifecycle,
      ],
      exports: [...tokens, READ_MODELS_DATA_SOURCE],
    };
  }
}
