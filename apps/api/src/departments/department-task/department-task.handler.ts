import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IssueViews, TaskDetail } from '../../views/issue-views';
import { DepartmentTaskQuery } from './department-task.query';

@QueryHandler(DepartmentTaskQuery)
export class DepartmentTaskHandler implements IQueryHandler<DepartmentTaskQuery> {
  constructor(private readonly views: IssueViews) {}

  execute(query: DepartmentTaskQuery): Promise<TaskDetail | undefined> {
    return this.views.task(query.departmentId, query.issueId);
  }
}
