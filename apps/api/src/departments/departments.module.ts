import { Module } from '@nestjs/common';
import { issueCommandController } from '../issues/issue-command-route';
import { DEPARTMENT_TASK_COMMANDS } from './department-task-commands';
import { DepartmentsController } from './departments.controller';

@Module({ controllers: [DepartmentsController, ...DEPARTMENT_TASK_COMMANDS.map(issueCommandController)] })
export class DepartmentsModule {}
