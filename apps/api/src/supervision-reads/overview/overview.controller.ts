import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator';
import { ApiProblems } from '../../problems/api-problems.decorator';
import { OverviewDto } from './overview.dto';
import { OverviewQuery } from './overview.query';

@ApiTags('supervision')
@Controller({ path: 'supervision/overview', version: '1' })
export class OverviewController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('supervisor')
  @ApiOperation({ summary: 'Issues by level and status; feedback deadlines due today and this week, missed this month; interviews pending' })
  @ApiOkResponse({ type: OverviewDto })
  @ApiProblems()
  overview(): Promise<OverviewDto> {
    return this.queryBus.execute(new OverviewQuery());
  }
}
