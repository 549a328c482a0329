import type { DataSource } from 'typeorm';
import type { InterviewDifference, LedgerDifference } from '@app/domain';
import { AssessmentBonusEntity, InterviewEntity, RankingPlaceEntity, ReconciliationReportEntity } from '../entities/year-end.entity';

export type InterviewView = {
  eventId: string;
  departmentId: string;
  year: number;
  at: string;
  reason: string;
  deadlineIds: string[];
  appealId: string | null;
  withdrawnAt: string | null;
};
export type RankingView = {
  year: number;
  final: boolean;
  publishedAt: string;
  places: { departmentId: string; total: number; rank: number }[];
};
export type ReconciliationView = {
  eventId: string;
  year: number;
  at: string;
  final: boolean;
  differences: LedgerDifference[];
  interviewDifferences: InterviewDifference[];
};
export type BonusView = { departmentId: string; year: number; rank: number; partyBuilding: number; stationing: number; at: string };

export abstract class YearEndRepository {
  abstract interviews(year: number): Promise<InterviewView[]>;
  /** The latest ranking published for the year; null when none yet. */
  abstract ranking(year: number): Promise<RankingView | null>;
  /** Every reconciliation report of the year, oldest first (the last one is the current answer). */
  abstract reconciliation(year: number): Promise<ReconciliationView[]>;
  abstract bonuses(year: number): Promise<BonusView[]>;
}

export class TypeOrmYearEndRepository extends YearEndRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  override async interviews(year: number): Promise<InterviewView[]> {
    const rows = await this.dataSource.getRepository(InterviewEntity).find({ where: { year }, order: { at: 'ASC', eventId: 'ASC' } });
    return rows.map((row) => ({ ...row, at: row.at.toISOString(), withdrawnAt: row.withdrawnAt?.toISOString() ?? null }));
  }

  override async ranking(year: number): Promise<RankingView | null> {
    const rows = await this.dataSource.getRepository(RankingPlaceEntity).find({ where: { year }, order: { rank: 'ASC', departmentId: 'ASC' } });
    if (rows.length === 0) return null;
    return {
      year,
      final: rows[0].final,
      publishedAt: rows[0].publishedAt.toISOString(),
      places: rows.map((row) => ({ departmentId: row.departmentId, total: row.total, rank: row.rank })),
    };
  }

  override async reconciliation(year: number): Promise<ReconciliationView[]> {
    const rows = await this.dataSource.getRepository(ReconciliationReportEntity).find({ where: { year }, order: { at: 'ASC', eventId: 'ASC' } });
    return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
  }

  override async bonuses(year: number): Promise<BonusView[]> {
    const rows = await this.dataSource.getRepository(AssessmentBonusEntity).find({ where: { year }, order: { rank: 'ASC', departmentId: 'ASC' } });
    return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
  }
}
