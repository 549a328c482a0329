import { Module } from '@nestjs/common';
import { issueCommandController } from '../issues/issue-command-route';
import { DepartmentInboxController } from './department-inbox/department-inbox.controller';
import { DepartmentInboxHandler } from './department-inbox/department-inbox.handler';
import { DepartmentTaskController } from './department-task/department-task.controller';
import { DepartmentTaskHandler } from './department-task/department-task.handler';
import { DEPARTMENT_TASK_COMMANDS } from './department-task-commands';

@Module({
  controllers: [DepartmentInboxController, DepartmentTaskController, ...DEPARTMENT_TASK_COMMANDS.map(issueCommandController)],
  providers: [DepartmentInboxHandler, DepartmentTaskHandler],
})
export class DepartmentsModule {}
