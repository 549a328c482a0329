import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator';
import { ApiProblems } from '../../problems/api-problems.decorator';
import { InterviewListDto, InterviewQueryParams } from './interviews.dto';
import { InterviewsQuery } from './interviews.query';

@ApiTags('supervision')
@Controller({ path: 'supervision/interviews', version: '1' })
export class InterviewsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('supervisor')
  @ApiOperation({ summary: 'Interviews (约谈) ordered: two consecutive missed deadlines, or last place at year end' })
  @ApiOkResponse({ type: InterviewListDto })
  @ApiProblems()
  list(@QueryParams() query: InterviewQueryParams): Promise<InterviewListDto> {
    return this.queryBus.execute(new InterviewsQuery(query.year, query.departmentId));
  }
}
