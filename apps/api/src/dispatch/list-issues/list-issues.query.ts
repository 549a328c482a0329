import { IssueSummary, Page } from '@app/read-models';
import { Query } from '@nestjs/cqrs';

export class ListIssuesQuery extends Query<Page<IssueSummary>> {
  constructor(
    readonly page: number,
    readonly pageSize: number,
    readonly level?: string,
    readonly status?: string,
  ) {
    super();
  }
}
