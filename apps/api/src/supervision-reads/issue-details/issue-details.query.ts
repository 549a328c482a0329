import { IssueDetails } from '@app/read-models';
import { Query } from '@nestjs/cqrs';

export class IssueDetailsQuery extends Query<IssueDetails | null> {
  constructor(readonly issueId: string) {
    super();
  }
}
