import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { READ_MODELS_SCHEMA } from '../read-models.schema';

export type InboxTaskStatus = 'open' | 'feedback-given' | 'resolved' | 'closed';

/** One feedback deadline of the department on the issue, as the inbox shows it. */
export interface InboxDeadline {
  deadlineId: string;
  cause: string;
  /** ISO-8601 UTC. */
  due: string;
  lastDay: string;
  provisional: boolean;
  outcome: 'pending' | 'met' | 'missed' | 'cancelled';
  /** 督办提醒: when the department is reminded if it still owes feedback (ISO-8601 UTC); null: never. */
  remindAt: string | null;
  /** When the reminder was recorded; null: not (yet). */
  remindedAt: string | null;
}

/** 跟踪督办: the station urged the departments on the issue. */
export interface InboxUrging {
  /** ISO-8601 UTC. */
  at: string;
  note: string;
}

/** What the inbox keeps of an issue itself, routed or not: title, place, level, mode. */
abstract class InboxIssueColumns {
  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'station_id', type: 'text' })
  stationId!: string;

  @Column({ name: 'street_id', type: 'text' })
  streetId!: string;

  @Column({ type: 'text' })
  level!: string;

  @Column({ type: 'text', nullable: true })
  mode!: string | null;
}

/** One routed task: an issue as one department sees it. */
@Entity({ schema: READ_MODELS_SCHEMA, name: 'department_inbox' })
@Index('department_inbox_department_next_due_idx', ['departmentId', 'nextDueAt'])
export class DepartmentInboxTaskEntity extends InboxIssueColumns {
  @PrimaryColumn({ name: 'issue_id', type: 'text' })
  issueId!: string;

  @PrimaryColumn({ name: 'department_id', type: 'text' })
  departmentId!: string;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  deadlines!: InboxDeadline[];

  /** Earliest due instant of a pending deadline; null when nothing is pending. */
  @Column({ name: 'next_due_at', type: 'timestamptz', nullable: true })
  nextDueAt!: Date | null;

  @Column({ type: 'text' })
  status!: InboxTaskStatus;

  @Column({ name: 'whistled_at', type: 'timestamptz' })
  whistledAt!: Date;

  @Column({ name: 'last_feedback_at', type: 'timestamptz', nullable: true })
  lastFeedbackAt!: Date | null;

  /** The station's urgings since the task was routed, oldest first. */
  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  urgings!: InboxUrging[];
}

/** What the inbox projection remembers of an issue before it is routed (title, place, level, mode). */
@Entity({ schema: READ_MODELS_SCHEMA, name: 'department_inbox_issue' })
export class DepartmentInboxIssueEntity extends InboxIssueColumns {
  @PrimaryColumn({ name: 'issue_id', type: 'text' })
  issueId!: string;
}
