import { Column, Entity, PrimaryColumn } from 'typeorm';
import { READ_MODELS_SCHEMA } from '../read-models.schema';

/** One LedgerEntryRecorded, keyed like the ledger stream it comes from (department, year). */
@Entity({ schema: READ_MODELS_SCHEMA, name: 'ledger_entry' })
export class LedgerEntryEntity {
  @PrimaryColumn({ name: 'department_id', type: 'text' })
  departmentId!: string;

  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @PrimaryColumn({ name: 'entry_id', type: 'text' })
  entryId!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'double precision' })
  points!: number;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'issue_id', type: 'text', nullable: true })
  issueId!: string | null;

  @Column({ name: 'deadline_id', type: 'text', nullable: true })
  deadlineId!: string | null;

  @Column({ name: 'caused_by', type: 'text', nullable: true })
  causedBy!: string | null;
}
