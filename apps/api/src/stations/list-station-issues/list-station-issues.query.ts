import { IssueStatus } from '@app/domain';
import { Query } from '@nestjs/cqrs';
import { IssueSummary, Page } from '../../views/issue-views';

export class ListStationIssuesQuery extends Query<Page<IssueSummary>> {
  constructor(
    readonly stationId: string,
    readonly page: number,
    readonly pageSize: number,
    readonly status?: IssueStatus,
  ) {
    super();
  }
}
