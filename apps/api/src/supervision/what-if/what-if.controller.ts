import { checkPolicy, DomainError, SHANGHAI, whatIfStreamOf } from '@app/domain';
import { derivedEventId, ReferenceData } from '@app/issues';
import { WhatIfReader } from '@app/read-models';
import { WHAT_IF_WORKFLOW_TYPE, WhatIfWorkflowInput, whatIfWorkflowIdOf } from '@app/temporal';
import { Body, Controller, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiExtraModels, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import { Response } from 'express';
import { Roles } from '../../auth/roles.decorator';
import { CommandContext, CommandRequest } from '../../engine/command-request';
import { IdempotencyKeyHeader } from '../../idempotency/idempotency-key.header';
import { ApiProblems } from '../../problems/api-problems.decorator';
import { ProblemException } from '../../problems/problem.exception';
import { DOMAIN_ERROR_STATUS } from '../../problems/to-problem';
import { ReadRoute } from '../../reads/read-route.decorator';
import { requireRevision, startOnDemand } from '../../temporal/start-on-demand';
import { TEMPORAL_RUN_SETTINGS, TemporalRunSettings } from '../../temporal/temporal-client.module';
import { YearParams } from '../dto/year-params.dto';
import { DepartmentLedgerDto, WhatIfDto, WhatIfParams, WhatIfStartedDto } from './what-if.dto';

/**
 * 规则推演: a year the district lived, replayed under other policy values beside the recorded ones (whatIfWorkflow in
 * the worker, the replay and comparison of `simulate --from-store --compare`). A simulation: it changes nothing but
 * the stream that keeps its result, `whatif-<year>`.
 */
@ApiTags('supervision')
@ApiExtraModels(DepartmentLedgerDto)
@Controller({ path: 'supervision/what-if', version: '1' })
export class WhatIfController {
  constructor(
    private readonly reader: WhatIfReader,
    private readonly reference: ReferenceData,
    private readonly temporal: Client,
    @Inject(TEMPORAL_RUN_SETTINGS) private readonly settings: TemporalRunSettings,
  ) {}

  @Post(':year')
  @HttpCode(202)
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Replay a recorded year under other policy values, side by side with the recorded rules (规则推演)',
    description:
      'The body is the policy overrides, as a scenario\'s policy or `simulate --policy` file (e.g. {"feedback": {"count": 5}}; ' +
      '{} compares the recorded rules with themselves). Overrides that are not policy values are a 422 POLICY.INVALID naming ' +
      'each field, and nothing is started. Answers once whatIfWorkflow is started; GET the Location for the result (404 ' +
      'until it is done). The same Idempotency-Key answers the same what-if. If-Match: the revision of whatif-<year> the ' +
      'client saw (409 with currentRevision otherwise).',
  })
  @IdempotencyKeyHeader()
  @ApiBody({
    schema: { type: 'object', additionalProperties: true, example: { feedback: { count: 5 }, deductionPer: 'issue' } },
  })
  @ApiAcceptedResponse({
    type: WhatIfStartedDto,
    headers: {
      Location: { description: 'Where the result appears: /api/v1/supervision/what-if/{year}/{whatIfId}', schema: { type: 'string' } },
    },
  })
  @ApiProblems(409, 422, 503)
  async start(
    @Param() params: YearParams,
    @Body() overrides: Record<string, unknown>,
    @CommandContext() request: CommandRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WhatIfStartedDto> {
    const { year } = params;
    requireRevision(
      whatIfStreamOf(year),
      request.expectedRevision,
      await this.reader.revision(year),
      'The what-ifs changed since you read them',
    );
    const policy = (await this.reference.policy()).at(SHANGHAI.startOfDay(`${year}-01-01`));
    const { problems } = checkPolicy(overrides, policy);
    if (problems.length > 0) {
      // The body is the policy: a field is named within it (feedback.count), as the admin's policy route names it.
      const errors = problems.map((p) => ({ field: p.field.replace(/^policy\.?/, '') || 'body', reason: p.reason }));
      throw new ProblemException(
        DOMAIN_ERROR_STATUS['refused-input'],
        'POLICY.INVALID',
        'The request cannot be processed',
        errors.map((e) => `${e.field}: ${e.reason}`).join('; '),
        errors,
      );
    }
    const whatIfId = derivedEventId(`whatif/${request.causationId}`);
    const workflowId = whatIfWorkflowIdOf(year, whatIfId);
    const input: WhatIfWorkflowInput = { whatIfId, year, overrides, clockOffsetMs: this.settings.clockOffsetMs };
    await startOnDemand(this.temporal, this.settings, { type: WHAT_IF_WORKFLOW_TYPE, workflowId, input, what: 'the what-if' });
    const location = `/api/v1/supervision/what-if/${year}/${whatIfId}`;
    response.setHeader('Location', location);
    return { year, whatIfId, workflowId, whatIf: location };
  }

  @ReadRoute(':year/:whatIfId', {
    roles: ['supervisor'],
    summary: 'A what-if (规则推演) once done: both runs, per department what changes, or why it could not be compared',
    description: '404 WHATIF.NOT_FOUND until its workflow has kept the result.',
    type: WhatIfDto,
    problems: [404],
  })
  async whatIf(@Param() params: WhatIfParams): Promise<WhatIfDto> {
    const kept = await this.reader.whatIf(params.year, params.whatIfId);
    if (kept === undefined) {
      throw new DomainError('WHATIF.NOT_FOUND', `no what-if ${params.whatIfId} has been done for ${params.year} (yet)`, 'whatIfId');
    }
    return kept as WhatIfDto;
  }
}
