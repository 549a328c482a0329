import type { RecordedEvent } from '@app/event-store';
import type { EntityManager } from 'typeorm';
import { AuditEventEntity } from '../entities/audit-event.entity';
import { issueIdOf, type Projection } from '../projection';

export const AUDIT_INDEX_PROJECTION = 'read-models.audit-index';

function stringField(source: Record<string, unknown>, key: string): string | null {
  const value = source[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The pure part: the audit row of one stored event. */
export function auditRowOf(event: RecordedEvent): AuditEventEntity {
  const at = stringField(event.data, 'at');
  return Object.assign(new AuditEventEntity(), {
    globalPosition: event.globalPosition.toString(),
    eventId: event.id,
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    schemaVersion: event.schemaVersion,
    at: at === null ? event.recordedAt : new Date(at),
    recordedAt: event.recordedAt,
    actor: stringField(event.metadata, 'actor'),
    causationId: stringField(event.metadata, 'causationId'),
    issueId: issueIdOf(event) ?? stringField(event.data, 'issueId'),
    departmentId: stringField(event.data, 'departmentId'),
    hash: event.hash,
  });
}

/** Every event of every stream, for fast audit-trail lookups by issue or department. */
export const auditIndexProjection: Projection = {
  name: AUDIT_INDEX_PROJECTION,
  entities: [AuditEventEntity],
  async apply(recorded: RecordedEvent, tx: EntityManager): Promise<void> {
    await tx.createQueryBuilder().insert().into(AuditEventEntity).values(auditRowOf(recorded)).orIgnore().execute();
  },
};
