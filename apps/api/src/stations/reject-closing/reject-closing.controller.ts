import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
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
import { RejectClosingCommand } from './reject-closing.command';
import { RejectClosingDto } from './reject-closing.dto';

@ApiTags('stations')
@Controller({ path: 'stations/:stationId/issues', version: '1' })
export class RejectClosingController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':issueId/closing-rejections')
  @HttpCode(200)
  @Roles('station')
  @ApiOperation({ summary: 'Reject the reported resolution: the issue is open again at its level' })
  @IdempotencyKeyHeader()
  @ApiOkResponse({ type: IssueCommandResultDto })
  @ApiProblems(404, 409, 422)
  async handle(
    @Param() params: StationIssueParams,
    @Body() body: RejectClosingDto,
    @CurrentActor() actor: Actor,
    @CommandContext() request: CommandRequest,
  ): Promise<IssueCommandResultDto> {
    requireOwnUnit(actor, params.stationId);
    return this.commandBus.execute(new RejectClosingCommand(params.stationId, params.issueId, body.reason, actor, request));
  }
}
