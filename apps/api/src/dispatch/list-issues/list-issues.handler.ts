import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IssueSummary, IssueViews, Page } from '../../views/issue-views';
import { ListIssuesQuery } from './list-issues.query';

@QueryHandler(ListIssuesQuery)
export class ListIssuesHandler implements IQueryHandler<ListIssuesQuery> {
  constructor(private readonly views: IssueViews) {}

  execute(query: ListIssuesQuery): Promise<Page<IssueSummary>> {
    return this.views.issues({ page: query.page, pageSize: query.pageSize, level: query.level, status: query.status });
  }
}
