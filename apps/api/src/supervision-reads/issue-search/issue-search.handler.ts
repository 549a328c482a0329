import { IssueSummary, IssueViewRepository, Page } from '@app/read-models';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IssueSearchQuery } from './issue-search.query';

@QueryHandler(IssueSearchQuery)
export class IssueSearchHandler implements IQueryHandler<IssueSearchQuery> {
  constructor(private readonly issues: IssueViewRepository) {}

  execute(query: IssueSearchQuery): Promise<Page<IssueSummary>> {
    return this.issues.search(query.criteria);
  }
}
