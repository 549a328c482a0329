import { InboxFilter, InboxTask, Page } from '@app/read-models';
import { Query } from '@nestjs/cqrs';

export class DepartmentInboxQuery extends Query<Page<InboxTask>> {
  constructor(
    readonly departmentId: string,
    readonly filter: InboxFilter,
  ) {
    super();
  }
}
