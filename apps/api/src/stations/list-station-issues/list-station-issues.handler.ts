import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IssueSummary, IssueViews, Page } from '../../views/issue-views';
import { ListStationIssuesQuery } from './list-station-issues.query';

@QueryHandler(ListStationIssuesQuery)
export class ListStationIssuesHandler implements IQueryHandler<ListStationIssuesQuery> {
  constructor(private readonly views: IssueViews) {}

  execute(query: ListStationIssuesQuery): Promise<Page<IssueSummary>> {
    return this.views.stationIssues(query.stationId, { page: query.page, pageSize: query.pageSize, status: query.status });
  }
}
