import { Module } from '@nestjs/common';
import { issueCommandController } from '../issues/issue-command-route';
import { STATION_COMMANDS } from './station-commands';
import { StationIssuesController } from './station-issues.controller';

@Module({ controllers: [...STATION_COMMANDS.map(issueCommandController), StationIssuesController] })
export class StationsModule {}
