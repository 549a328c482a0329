import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator';
import { ApiProblems } from '../../problems/api-problems.decorator';
import { YearParams } from '../../supervision/supervision-dto';
import { MonthlyRatesListDto, MonthlyRatesQueryParams } from './monthly-rates.dto';
import { MonthlyRatesQuery } from './monthly-rates.query';

@ApiTags('supervision')
@Controller({ path: 'supervision/rates', version: '1' })
export class MonthlyRatesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':year/monthly')
  @Roles('supervisor')
  @ApiOperation({ summary: 'The three rates per department and month of the year (the trend of GET /supervision/rates/{year})' })
  @ApiOkResponse({ type: MonthlyRatesListDto })
  @ApiProblems()
  monthly(@Param() params: YearParams, @QueryParams() query: MonthlyRatesQueryParams): Promise<MonthlyRatesListDto> {
    return this.queryBus.execute(new MonthlyRatesQuery(params.year, query.departmentId));
  }
}
