import { Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Roles } from '../../auth/roles.decorator';
import { CommandContext, CommandRequest } from '../../engine/command-request';
import { IdempotencyKeyHeader } from '../../idempotency/idempotency-key.header';
import { ApiProblems } from '../../problems/api-problems.decorator';
import { YearParams } from '../dto/year-params.dto';
import { StartProvisionalReconciliationCommand } from './start-provisional-reconciliation.command';
import { ProvisionalReconciliationStartedDto } from './start-provisional-reconciliation.dto';

@ApiTags('supervision')
@Controller({ path: 'supervision/reconciliations', version: '1' })
export class StartProvisionalReconciliationController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':year/provisional')
  @HttpCode(202)
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: 'Start a provisional year end (临时核算): reconciliation report and ranking from the events, no bonuses or interviews',
    description:
      'For the current year, or the year before until its final year end is published (else 422 naming year, or 409). ' +
      'Answers once the yearEndWorkflow run is started; its report appears in GET /supervision/reconciliations/{year} ' +
      '(final: false) when it is done. A request while a run for the year is still working answers with that run. ' +
      'If-Match is the revision of yearend-<year> (basedOnRevision of an earlier answer).',
  })
  @IdempotencyKeyHeader()
  @ApiAcceptedResponse({
    type: ProvisionalReconciliationStartedDto,
    headers: {
      Location: { description: 'Where the report appears: /api/v1/supervision/reconciliations/{year}', schema: { type: 'string' } },
    },
  })
  @ApiProblems(409, 422, 503)
  async start(
    @Param() params: YearParams,
    @CommandContext() request: CommandRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ProvisionalReconciliationStartedDto> {
    const started = await this.commandBus.execute(new StartProvisionalReconciliationCommand(params.year, request));
    response.setHeader('Location', started.reports);
    return started;
  }
}
