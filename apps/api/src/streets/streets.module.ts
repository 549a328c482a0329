import { Module } from '@nestjs/common';
import { issueCommandController } from '../issues/issue-command-route';
import { STREET_COMMANDS } from './street-commands';
import { StreetIssuesController } from './street-issues.controller';

@Module({ controllers: [...STREET_COMMANDS.map(issueCommandController), StreetIssuesController] })
export class StreetsModule {}
