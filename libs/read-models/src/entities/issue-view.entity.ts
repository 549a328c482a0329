import type { Satisfaction } from '@app/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { READ_MODELS_SCHEMA } from '../read-models.schema';

@Entity({ schema: READ_MODELS_SCHEMA, name: 'issue_view' })
@Index('issue_view_raised_at_idx', ['raisedAt'])
@Index('issue_view_station_idx', ['stationId'])
@Index('issue_view_street_idx', ['streetId'])
export class IssueViewEntity {
  @PrimaryColumn({ name: 'issue_id', type: 'text' })
  issueId!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text' })
  level!: string;

  @Column({ name: 'station_id', type: 'text' })
  stationId!: string;

  @Column({ name: 'street_id', type: 'text' })
  streetId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  problem!: string;

  @Column({ type: 'text' })
  tasks!: string;

  @Column({ name: 'responsible_party', type: 'text' })
  responsibleParty!: string;

  @Column({ name: 'acceptance_standard', type: 'text' })
  acceptanceStandard!: string;

  @Column({ name: 'whistle_mode', type: 'text', nullable: true })
  whistleMode!: string | null;

  @Column({ name: 'city_department', type: 'text', nullable: true })
  cityDepartment!: string | null;

  @Column({ name: 'whistled_at', type: 'timestamptz', nullable: true })
  whistledAt!: Date | null;

  /** Every department that received the issue, in the order they joined. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  departments!: string[];

  @Column({ name: 'time_limit_due', type: 'timestamptz', nullable: true })
  timeLimitDue!: Date | null;

  @Column({ name: 'time_limit_provisional', type: 'boolean', nullable: true })
  timeLimitProvisional!: boolean | null;

  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt!: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  /** The department that reported the resolution, or below district the station or street. */
  @Column({ name: 'resolved_by', type: 'text', nullable: true })
  resolvedBy!: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** The resident's evaluation at closing (satisfied, basicallySatisfied, dissatisfied); null when not evaluated. */
  @Column({ type: 'text', nullable: true })
  satisfaction!: Satisfaction | null;

  @Column({ name: 'last_feedback_at', type: 'timestamptz', nullable: true })
  lastFeedbackAt!: Date | null;

  /** Revision of the last event of the issue stream applied: what a client can compare with. */
  @Column({ name: 'stream_revision', type: 'integer' })
  streamRevision!: number;
}

@Entity({ schema: READ_MODELS_SCHEMA, name: 'issue_level_history' })
export class IssueLevelChangeEntity {
  @PrimaryColumn({ name: 'issue_id', type: 'text' })
  issueId!: string;

  @PrimaryColumn({ type: 'integer' })
  sequence!: number;

  @Column({ type: 'text' })
  level!: string;

  /** raised, manual, time-limit or transfer. */
  @Column({ type: 'text' })
  cause!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;
}

@Entity({ schema: READ_MODELS_SCHEMA, name: 'issue_deadline' })
@Index('issue_deadline_issue_idx', ['issueId'])
@Index('issue_deadline_department_idx', ['departmentId'])
export class IssueDeadlineEntity {
  @PrimaryColumn({ name: 'deadline_id', type: 'text' })
  deadlineId!: string;

  @Column({ name: 'issue_id', type: 'text' })
  issueId!: string;

  /** Order in which the deadlines of the issue were set. */
  @Column({ type: 'integer' })
  sequence!: number;

  @Column({ name: 'department_id', type: 'text' })
  departmentId!: string;

  @Column({ type: 'text' })
  cause!: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ type: 'timestamptz' })
  due!: Date;

  @Column({ name: 'last_day', type: 'text' })
  lastDay!: string;

  @Column({ type: 'boolean' })
  provisional!: boolean;

  @Column({ type: 'text' })
  outcome!: string;

  @Column({ name: 'settled_at', type: 'timestamptz', nullable: true })
  settledAt!: Date | null;
}
