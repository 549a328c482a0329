import { Module } from '@nestjs/common';
import { issueCommandController } from '../issues/issue-command-route';
import { ListStationIssuesController } from './list-station-issues/list-station-issues.controller';
import { ListStationIssuesHandler } from './list-station-issues/list-station-issues.handler';
import { STATION_COMMANDS } from './station-commands';

@Module({
  controllers: [...STATION_COMMANDS.map(issueCommandController), ListStationIssuesController],
  providers: [ListStationIssuesHandler],
})
export class StationsModule {}
