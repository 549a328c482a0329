import type { DataSource } from 'typeorm';
import { AuditEventEntity } from '../entities/audit-event.entity';

export type AuditEntry = {
  globalPosition: string;
  eventId: string;
  streamId: string;
  revision: number;
  type: string;
  schemaVersion: number;
  at: string;
  recordedAt: string;
  actor: string | null;
  causationId: string | null;
  issueId: string | null;
  departmentId: string | null;
  hash: string;
};

export abstract class AuditTrailRepository {
  /** Every event about the issue (its own stream and e.g. ledger entries it caused), in global order. */
  abstract audit(issueId: string): Promise<AuditEntry[]>;
  /** Every event naming the department, in global order. */
  abstract departmentAudit(departmentId: string, options?: { limit?: number; afterPosition?: string }): Promise<AuditEntry[]>;
}

function entryOf(row: AuditEventEntity): AuditEntry {
  return { ...row, at: row.at.toISOString(), recordedAt: row.recordedAt.toISOString() };
}

export class TypeOrmAuditTrailRepository extends AuditTrailRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  override async audit(issueId: string): Promise<AuditEntry[]> {
    const rows = await this.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('event')
      .where('event.issueId = :issueId', { issueId })
      .orderBy('event.globalPosition', 'ASC')
      .getMany();
    return rows.map(entryOf);
  }

  override async departmentAudit(departmentId: string, options: { limit?: number; afterPosition?: string } = {}): Promise<AuditEntry[]> {
    const rows = await this.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('event')
      .where('event.departmentId = :departmentId', { departmentId })
      .andWhere('event.globalPosition > :after', { after: options.afterPosition ?? '0' })
      .orderBy('event.globalPosition', 'ASC')
      .limit(Math.min(Math.max(options.limit ?? 500, 1), 5000))
      .getMany();
    return rows.map(entryOf);
  }
}
