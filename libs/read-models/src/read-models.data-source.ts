import 'reflect-metadata';
import type { TlsOptions } from 'node:tls';
import { DataSource } from 'typeorm';
import { AuditEventEntity } from './entities/audit-event.entity';
import { DepartmentInboxIssueEntity, DepartmentInboxTaskEntity } from './entities/department-inbox.entity';
import { IssueDeadlineEntity, IssueLevelChangeEntity, IssueViewEntity } from './entities/issue-view.entity';
import { LedgerEntryEntity } from './entities/ledger-entry.entity';
import { AssessmentBonusEntity, InterviewEntity, RankingPlaceEntity, ReconciliationReportEntity } from './entities/year-end.entity';
import { READ_MODELS_SCHEMA } from './read-models.schema';

export const READ_MODEL_ENTITIES = [
  DepartmentInboxTaskEntity,
  DepartmentInboxIssueEntity,
  IssueViewEntity,
  IssueLevelChangeEntity,
  IssueDeadlineEntity,
  LedgerEntryEntity,
  AuditEventEntity,
  InterviewEntity,
  RankingPlaceEntity,
  ReconciliationReportEntity,
  AssessmentBonusEntity,
];

/** Serialises schema changes between processes (projector, rebuild, tests) starting at the same time. */
const SCHEMA_LOCK_KEY = 7_264_913_101;

export function createReadModelsDataSource(databaseUrl: string, poolSize = 10, ssl?: TlsOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: databaseUrl,
    ...(ssl !== undefined ? { ssl } : {}),
    entities: READ_MODEL_ENTITIES,
    synchronize: false,
    extra: { max: poolSize },
  });
}

/**
 * Creates the read_models schema and its tables. The tables are derived data that a rebuild recreates from the
 * event store, so TypeORM's schema synchronisation is enough here; the event store keeps real migrations.
 */
export async function ensureReadModelsSchema(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK_KEY]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS ${READ_MODELS_SCHEMA}`);
    await dataSource.synchronize();
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

/** Drops every read-model table (the schema, cascading); the checkpoints are reset by the caller. */
export async function dropReadModelsSchema(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK_KEY]);
    await runner.query(`DROP SCHEMA IF EXISTS ${READ_MODELS_SCHEMA} CASCADE`);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
