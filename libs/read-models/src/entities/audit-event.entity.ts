import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { READ_MODELS_SCHEMA } from '../read-models.schema';

/** Every stored event, indexed by what an auditor looks up: the issue and the department it concerns. */
@Entity({ schema: READ_MODELS_SCHEMA, name: 'audit_event' })
@Index('audit_event_issue_idx', ['issueId', 'globalPosition'])
@Index('audit_event_department_idx', ['departmentId', 'globalPosition'])
export class AuditEventEntity {
  /** bigint: TypeORM hands it over as a string so no precision is lost. */
  @PrimaryColumn({ name: 'global_position', type: 'bigint' })
  globalPosition!: string;

  @Index('audit_event_event_id_key', { unique: true })
  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'stream_id', type: 'text' })
  streamId!: string;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'schema_version', type: 'integer' })
  schemaVersion!: number;

  /** The business instant (data.at) when the event has one, else when it was recorded. */
  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ type: 'text', nullable: true })
  actor!: string | null;

  @Column({ name: 'causation_id', type: 'text', nullable: true })
  causationId!: string | null;

  @Column({ name: 'issue_id', type: 'text', nullable: true })
  issueId!: string | null;

  @Column({ name: 'department_id', type: 'text', nullable: true })
  departmentId!: string | null;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
