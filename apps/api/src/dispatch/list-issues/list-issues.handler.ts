import { IssueSummary, IssueViewRepository, Page } from '@app/read-models';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ListIssuesQuery } from './list-issues.query';

@QueryHandler(ListIssuesQuery)
export class ListIssuesHandler implements IQueryHandler<ListIssuesQuery> {
  constructor(private readonly issues: IssueViewRepository) {}

  execute(query: ListIssuesQuery): Promise<Page<IssueSummary>> {
    return this.issues.search({ level: query.level, status: query.status, page: query.page, pageSize: query.pageSize });
  }
}
