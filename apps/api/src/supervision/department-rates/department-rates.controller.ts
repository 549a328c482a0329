import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator';
import { ApiProblems } from '../../problems/api-problems.decorator';
import { YearParams } from '../supervision-dto';
import { DepartmentRatesListDto } from './department-rates.dto';
import { DepartmentRatesQuery } from './department-rates.query';

@ApiTags('supervision')
@Controller({ path: 'supervision/rates', version: '1' })
export class DepartmentRatesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':year')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Per district department: on-time feedback rate, resolution rate, satisfaction rate' })
  @ApiOkResponse({ type: DepartmentRatesListDto })
  @ApiProblems()
  rates(@Param() params: YearParams): Promise<DepartmentRatesListDto> {
    return this.queryBus.execute(new DepartmentRatesQuery(params.year));
  }
}
