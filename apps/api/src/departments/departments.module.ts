import { Module } from '@nestjs/common';
import { DepartmentInboxController } from './department-inbox/department-inbox.controller';
import { DepartmentInboxHandler } from './department-inbox/department-inbox.handler';
import { DepartmentTaskController } from './department-task/department-task.controller';
import { DepartmentTaskHandler } from './department-task/department-task.handler';
import { GiveFeedbackController } from './give-feedback/give-feedback.controller';
import { GiveFeedbackHandler } from './give-feedback/give-feedback.handler';
import { ReportResolutionController } from './report-resolution/report-resolution.controller';
import { ReportResolutionHandler } from './report-resolution/report-resolution.handler';

@Module({
  controllers: [DepartmentInboxController, DepartmentTaskController, GiveFeedbackController, ReportResolutionController],
  providers: [DepartmentInboxHandler, DepartmentTaskHandler, GiveFeedbackHandler, ReportResolutionHandler],
})
export class DepartmentsModule {}
