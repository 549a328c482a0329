import { Query } from '@nestjs/cqrs';
import { TaskDetailDto } from './department-task.dto';

export class DepartmentTaskQuery extends Query<TaskDetailDto | undefined> {
  constructor(
    readonly departmentId: string,
    readonly issueId: string,
  ) {
    super();
  }
}
