import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InboxTask, IssueViews, Page } from '../../views/issue-views';
import { DepartmentInboxQuery } from './department-inbox.query';

@QueryHandler(DepartmentInboxQuery)
export class DepartmentInboxHandler implements IQueryHandler<DepartmentInboxQuery> {
  constructor(private readonly views: IssueViews) {}

  execute(query: DepartmentInboxQuery): Promise<Page<InboxTask>> {
    return this.views.inbox(query.departmentId, query.filter);
  }
}
