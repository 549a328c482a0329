import type { DataSource } from 'typeorm';
import { LedgerEntryEntity } from '../entities/ledger-entry.entity';
import { iso } from './page';

export type LedgerLine = {
  entryId: string;
  eventId: string;
  departmentId: string;
  year: number;
  at: string;
  points: number;
  reason: string;
  issueId: string | null;
  deadlineId: string | null;
  causedBy: string | null;
};

export type DepartmentLedger = { departmentId: string; year: number; total: number; entries: LedgerLine[] };

export type LedgerTotal = { departmentId: string; year: number; total: number; entryCount: number };

export abstract class LedgerRepository {
  /** The department's entries of the year in booking order, and their sum. */
  abstract ledger(departmentId: string, year: number): Promise<DepartmentLedger>;
  /** Every department's total of the year, highest first. */
  abstract totals(year: number): Promise<LedgerTotal[]>;
}

export class TypeOrmLedgerRepository extends LedgerRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  override async ledger(departmentId: string, year: number): Promise<DepartmentLedger> {
    const rows = await this.dataSource
      .getRepository(LedgerEntryEntity)
      .find({ where: { departmentId, year }, order: { at: 'ASC', entryId: 'ASC' } });
    const entries = rows.map((row) => ({ ...row, at: iso(row.at)! }));
    // Half points are common (joint closure 0.5): summing in tenths keeps the total exact.
    const total = entries.reduce((sum, entry) => sum + Math.round(entry.points * 10), 0) / 10;
    return { departmentId, year, total, entries };
  }

  override async totals(year: number): Promise<LedgerTotal[]> {
    const rows: { department_id: string; total: number; entry_count: string }[] = await this.dataSource.query(
      `SELECT department_id, sum(round((points * 10)::numeric)) / 10 AS total, count(*) AS entry_count
       FROM read_models.ledger_entry WHERE year = $1
       GROUP BY department_id ORDER BY total DESC, department_id`,
      [year],
    );
    return rows.map((row) => ({ departmentId: row.department_id, year, total: Number(row.total), entryCount: Number(row.entry_count) }));
  }
}
