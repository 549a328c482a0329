import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { Roles } from '../../auth/roles.decorator';
import { requireOwnUnit } from '../../auth/scope';
import { CommandContext, CommandRequest } from '../../engine/command-request';
import { IdempotencyKeyHeader } from '../../idempotency/idempotency-key.header';
import { IssueCommandResultDto, StationParams } from '../../issues/issue-dto';
import { ApiProblems } from '../../problems/api-problems.decorator';
import { RaiseIssueCommand } from './raise-issue.command';
import { RaiseIssueDto } from './raise-issue.dto';

@ApiTags('stations')
@Controller({ path: 'stations/:stationId/issues', version: '1' })
export class RaiseIssueController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles('station')
  @IdempotencyKeyHeader()
  @ApiHeader({ name: 'Location', required: false })
  @ApiCreatedResponse({ type: IssueCommandResultDto, description: 'Raised; the issue id is in the body and Location' })
  @ApiProblems(409, 422)
  async raise(
    @Param() params: StationParams,
    @Body() body: RaiseIssueDto,
    @CurrentActor() actor: Actor,
    @CommandContext() request: CommandRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<IssueCommandResultDto> {
    requireOwnUnit(actor, params.stationId);
    const result = await this.commandBus.execute(new RaiseIssueCommand(params.stationId, body.title, body.fourLists, actor, request));
    response.setHeader('Location', `/api/v1/stations/${params.stationId}/issues/${result.issueId}`);
    return result;
  }
}
