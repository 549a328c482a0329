import { IssueDetails, IssueViewRepository } from '@app/read-models';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IssueDetailsQuery } from './issue-details.query';

@QueryHandler(IssueDetailsQuery)
export class IssueDetailsHandler implements IQueryHandler<IssueDetailsQuery> {
  constructor(private readonly issues: IssueViewRepository) {}

  execute(query: IssueDetailsQuery): Promise<IssueDetails | null> {
    return this.issues.issue(query.issueId);
  }
}
