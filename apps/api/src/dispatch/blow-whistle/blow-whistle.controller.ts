import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { Roles } from '../../auth/roles.decorator';
import { CommandContext, CommandRequest } from '../../engine/command-request';
import { IdempotencyKeyHeader } from '../../idempotency/idempotency-key.header';
import { IssueCommandResultDto, IssueParams } from '../../issues/issue-dto';
import { ApiProblems } from '../../problems/api-problems.decorator';
import { BlowWhistleCommand } from './blow-whistle.command';
import { BlowWhistleDto } from './blow-whistle.dto';

@ApiTags('dispatch')
@Controller({ path: 'dispatch/issues', version: '1' })
export class BlowWhistleController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':issueId/whistle')
  @HttpCode(200)
  @Roles('dispatch')
  @ApiOperation({ summary: 'Blow the whistle (吹哨): route a district-level issue to departments' })
  @IdempotencyKeyHeader()
  @ApiOkResponse({ type: IssueCommandResultDto })
  @ApiProblems(404, 409, 422)
  handle(
    @Param() params: IssueParams,
    @Body() body: BlowWhistleDto,
    @CurrentActor() actor: Actor,
    @CommandContext() request: CommandRequest,
  ): Promise<IssueCommandResultDto> {
    return this.commandBus.execute(
      new BlowWhistleCommand(params.issueId, body.mode, body.departments, body.cityDepartment, actor, request),
    );
  }
}
