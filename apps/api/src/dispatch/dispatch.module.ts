import { Module } from '@nestjs/common';
import { issueCommandController } from '../issues/issue-command-route';
import { DISPATCH_COMMANDS } from './dispatch-commands';
import { ListIssuesController } from './list-issues/list-issues.controller';
import { ListIssuesHandler } from './list-issues/list-issues.handler';

@Module({
  controllers: [...DISPATCH_COMMANDS.map(issueCommandController), ListIssuesController],
  providers: [ListIssuesHandler],
})
export class DispatchModule {}
