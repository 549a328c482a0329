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
import { ConfirmClosingCommand } from './confirm-closing.command';

@ApiTags('stations')
@Controller({ path: 'stations/:stationId/issues', version: '1' })
export class ConfirmClosingController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':issueId/closing-confirmations')
  @HttpCode(200)
  @Roles('station')
  @ApiOperation({ summary: 'Confirm the reported resolution and close the issue (销号)' })
  @IdempotencyKeyHeader()
  @ApiOkResponse({ type: IssueCommandResultDto })
  @ApiProblems(404, 409, 422)
  async handle(
    @Param() params: StationIssueParams,
    @CurrentActor() actor: Actor,
    @CommandContext() request: CommandRequest,
  ): Promise<IssueCommandResultDto> {
    requireOwnUnit(actor, params.stationId);
    return this.commandBus.execute(new ConfirmClosingCommand(params.stationId, params.issueId, actor, request));
  }
}
