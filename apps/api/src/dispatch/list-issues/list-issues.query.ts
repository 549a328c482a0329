import { IssueStatus, Level } from '@app/domain';
import { Query } from '@nestjs/cqrs';
import { IssueSummary, Page } from '../../views/issue-views';

export class ListIssuesQuery extends Query<Page<IssueSummary>> {
  constructor(
    readonly page: number,
    readonly pageSize: number,
    readonly level?: Level,
    readonly status?: IssueStatus,
  ) {
    super();
  }
}
