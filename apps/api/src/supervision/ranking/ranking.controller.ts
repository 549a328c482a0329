import { Controller, Get, NotFoundException, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator';
import { ApiProblems } from '../../problems/api-problems.decorator';
import { YearParams } from '../supervision-dto';
import { RankingDto, RankingQueryParams } from './ranking.dto';
import { RankingQuery } from './ranking.query';

@ApiTags('supervision')
@Controller({ path: 'supervision/rankings', version: '1' })
export class RankingController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':year')
  @Roles('supervisor')
  @ApiOperation({ summary: 'The ranking of district departments by points (provisional, or final once published)' })
  @ApiOkResponse({ type: RankingDto })
  @ApiProblems(404)
  async ranking(@Param() params: YearParams, @QueryParams() query: RankingQueryParams): Promise<RankingDto> {
    const ranking = await this.queryBus.execute(new RankingQuery(params.year, query.kind ?? 'provisional'));
    if (ranking === undefined) throw new NotFoundException(`no final ranking has been published for ${params.year}`);
    return ranking;
  }
}
