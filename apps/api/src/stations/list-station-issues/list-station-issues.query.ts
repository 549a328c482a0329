import { IssueSummary, Page } from '@app/read-models';
import { Query } from '@nestjs/cqrs';

export class ListStationIssuesQuery extends Query<Page<IssueSummary>> {
  constructor(
    readonly stationId: string,
    readonly page: number,
    readonly pageSize: number,
    readonly status?: string,
  ) {
    super();
  }
}
