import { IssueSummary, IssueViewRepository, Page } from '@app/read-models';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ListStationIssuesQuery } from './list-station-issues.query';

@QueryHandler(ListStationIssuesQuery)
export class ListStationIssuesHandler implements IQueryHandler<ListStationIssuesQuery> {
  constructor(private readonly issues: IssueViewRepository) {}

  execute(query: ListStationIssuesQuery): Promise<Page<IssueSummary>> {
    return this.issues.search({ stationId: query.stationId, status: query.status, page: query.page, pageSize: query.pageSize });
  }
}
