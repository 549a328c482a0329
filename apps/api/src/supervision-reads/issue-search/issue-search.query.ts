import { IssueSearch, IssueSummary, Page } from '@app/read-models';
import { Query } from '@nestjs/cqrs';

export class IssueSearchQuery extends Query<Page<IssueSummary>> {
  constructor(readonly criteria: IssueSearch) {
    super();
  }
}
