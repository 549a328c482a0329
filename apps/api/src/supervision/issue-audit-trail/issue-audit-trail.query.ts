import { Query } from '@nestjs/cqrs';
import { AuditTrailDto } from './issue-audit-trail.dto';

export class IssueAuditTrailQuery extends Query<AuditTrailDto | undefined> {
  constructor(readonly issueId: string) {
    super();
  }
}
