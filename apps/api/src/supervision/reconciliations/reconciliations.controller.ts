import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator';
import { ApiProblems } from '../../problems/api-problems.decorator';
import { YearParams } from '../supervision-dto';
import { ReconciliationListDto } from './reconciliations.dto';
import { ReconciliationsQuery } from './reconciliations.query';

@ApiTags('supervision')
@Controller({ path: 'supervision/reconciliations', version: '1' })
export class ReconciliationsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':year')
  @Roles('supervisor')
  @ApiOperation({ summary: "The year's reconciliation reports: ledger against recomputation from the events" })
  @ApiOkResponse({ type: ReconciliationListDto })
  @ApiProblems()
  list(@Param() params: YearParams): Promise<ReconciliationListDto> {
    return this.queryBus.execute(new ReconciliationsQuery(params.year));
  }
}
