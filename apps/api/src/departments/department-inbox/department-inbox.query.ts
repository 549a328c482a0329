import { Query } from '@nestjs/cqrs';
import { InboxFilter, InboxTask, Page } from '../../views/issue-views';

export class DepartmentInboxQuery extends Query<Page<InboxTask>> {
  constructor(
    readonly departmentId: string,
    readonly filter: InboxFilter,
  ) {
    super();
  }
}
