import { Module } from '@nestjs/common';
import { issueCommandController } from '../issues/issue-command-route';
import { DISPATCH_COMMANDS } from './dispatch-commands';
import { DispatchIssuesController } from './dispatch-issues.controller';

@Module({ controllers: [...DISPATCH_COMMANDS.map(issueCommandController), DispatchIssuesController] })
export class DispatchModule {}
