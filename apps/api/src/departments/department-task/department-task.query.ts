import { Query } from '@nestjs/cqrs';
import { TaskDetail } from '../../views/issue-views';

export class DepartmentTaskQuery extends Query<TaskDetail | undefined> {
  constructor(
    readonly departmentId: string,
    readonly issueId: string,
  ) {
    super();
  }
}
