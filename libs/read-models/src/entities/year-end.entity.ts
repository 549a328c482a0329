import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { READ_MODELS_SCHEMA } from '../read-models.schema';
import { InterviewDifference, LedgerDifference } from '@app/domain';

@Entity({ schema: READ_MODELS_SCHEMA, name: 'interview' })
@Index('interview_year_idx', ['year', 'at'])
export class InterviewEntity {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'department_id', type: 'text' })
  departmentId!: string;

  @Column({ type: 'integer' })
  year!: number;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'deadline_ids', type: 'jsonb', default: () => "'[]'::jsonb" })
  deadlineIds!: string[];

  /** The appeal whose overturn ordered it (a recount at the decision), if one did. */
  @Column({ name: 'appeal_id', type: 'text', nullable: true })
  appealId!: string | null;

  /** When an overturned appeal withdrew it; null while it stands. */
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;
}

/** The latest ranking published for a year (a final one replaces the provisional ones). */
@Entity({ schema: READ_MODELS_SCHEMA, name: 'ranking_place' })
export class RankingPlaceEntity {
  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @PrimaryColumn({ name: 'department_id', type: 'text' })
  departmentId!: string;

  @Column({ type: 'double precision' })
  total!: number;

  @Column({ type: 'integer' })
  rank!: number;

  @Column({ type: 'boolean' })
  final!: boolean;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt!: Date;
}

@Entity({ schema: READ_MODELS_SCHEMA, name: 'reconciliation_report' })
@Index('reconciliation_report_year_idx', ['year', 'at'])
export class ReconciliationReportEntity {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ type: 'integer' })
  year!: number;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'boolean' })
  final!: boolean;

  @Column({ type: 'jsonb' })
  differences!: LedgerDifference[];

  @Column({ name: 'interview_differences', type: 'jsonb', default: () => "'[]'::jsonb" })
  interviewDifferences!: InterviewDifference[];
}

@Entity({ schema: READ_MODELS_SCHEMA, name: 'assessment_bonus' })
export class AssessmentBonusEntity {
  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @PrimaryColumn({ name: 'department_id', type: 'text' })
  departmentId!: string;

  @Column({ type: 'integer' })
  rank!: number;

  @Column({ name: 'party_building', type: 'double precision' })
  partyBuilding!: number;

  @Column({ type: 'double precision' })
  stationing!: number;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
