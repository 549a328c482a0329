import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { Roles } from '../../auth/roles.decorator';
import { requireOwnUnit } from '../../auth/scope';
import { CommandContext, CommandRequest } from '../../engine/command-request';
import { IdempotencyKeyHeader } from '../../idempotency/idempotency-key.header';
import { IssueCommandResultDto, StationIssueParams } from '../../issues/issue-dto';
import { ApiProblems } from '../../problems/api-problems.decorator';
import { EscalateIssueCommand } from './escalate-issue.command';

@ApiTags('stations')
@Controller({ path: 'stations/:stationId/issues', version: '1' })
export class EscalateIssueController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':issueId/escalations')
  @HttpCode(200)
  @Roles('station')
  @ApiOperation({ summary: 'Escalate the issue one level (community → street → district)' })
  @IdempotencyKeyHeader()
  @ApiOkResponse({ type: IssueCommandResultDto })
  @ApiProblems(404, 409, 422)
  async handle(
    @Param() params: StationIssueParams,
    @CurrentActor() actor: Actor,
    @CommandContext() request: CommandRequest,
  ): Promise<IssueCommandResultDto> {
    requireOwnUnit(actor, params.stationId);
    return this.commandBus.execute(new EscalateIssueCommand(params.stationId, params.issueId, actor, request));
  }
}
