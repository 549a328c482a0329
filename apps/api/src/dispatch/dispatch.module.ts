import { Module } from '@nestjs/common';
import { AddDepartmentController } from './add-department/add-department.controller';
import { AddDepartmentHandler } from './add-department/add-department.handler';
import { BlowWhistleController } from './blow-whistle/blow-whistle.controller';
import { BlowWhistleHandler } from './blow-whistle/blow-whistle.handler';
import { ListIssuesController } from './list-issues/list-issues.controller';
import { ListIssuesHandler } from './list-issues/list-issues.handler';

@Module({
  controllers: [AddDepartmentController, BlowWhistleController, ListIssuesController],
  providers: [AddDepartmentHandler, BlowWhistleHandler, ListIssuesHandler],
})
export class DispatchModule {}
