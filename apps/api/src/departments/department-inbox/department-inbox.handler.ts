import { DepartmentInboxRepository, InboxTask, Page } from '@app/read-models';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DepartmentInboxQuery } from './department-inbox.query';

@QueryHandler(DepartmentInboxQuery)
export class DepartmentInboxHandler implements IQueryHandler<DepartmentInboxQuery> {
  constructor(private readonly inbox: DepartmentInboxRepository) {}

  execute(query: DepartmentInboxQuery): Promise<Page<InboxTask>> {
    return this.inbox.inbox(query.departmentId, query.filter);
  }
}
