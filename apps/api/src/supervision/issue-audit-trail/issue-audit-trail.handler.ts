import { issueStreamOf } from '@app/domain';
import { EventStore } from '@app/event-store';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AuditTrailDto } from './issue-audit-trail.dto';
import { IssueAuditTrailQuery } from './issue-audit-trail.query';

/** Straight from the event store, never a read model: the audit trail is what was stored, with its hash chain checked. */
@QueryHandler(IssueAuditTrailQuery)
export class IssueAuditTrailHandler implements IQueryHandler<IssueAuditTrailQuery> {
  constructor(private readonly store: EventStore) {}

  async execute(query: IssueAuditTrailQuery): Promise<AuditTrailDto | undefined> {
    const streamId = issueStreamOf(query.issueId);
    const events = await this.store.readStream(streamId);
    if (events.length === 0) return undefined;
    const verification = await this.store.verifyStream(streamId);
    return {
      issueId: query.issueId,
      streamId,
      events: events.map((e) => ({
        id: e.id,
        revision: e.revision,
        globalPosition: e.globalPosition.toString(),
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: e.data,
        metadata: e.metadata,
        recordedAt: e.recordedAt.toISOString(),
        previousHash: e.previousHash,
        hash: e.hash,
      })),
      verification: verification.ok
        ? { ok: true, checked: verification.checked }
        : { ok: false, revision: verification.revision, reason: verification.reason },
    };
  }
}
