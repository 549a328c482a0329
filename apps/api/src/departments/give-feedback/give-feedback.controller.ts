import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { Roles } from '../../auth/roles.decorator';
import { requireOwnUnit } from '../../auth/scope';
import { CommandContext, CommandRequest } from '../../engine/command-request';
import { IdempotencyKeyHeader } from '../../idempotency/idempotency-key.header';
import { DepartmentTaskParams, IssueCommandResultDto } from '../../issues/issue-dto';
import { ApiProblems } from '../../problems/api-problems.decorator';
import { GiveFeedbackCommand } from './give-feedback.command';
import { GiveFeedbackDto } from './give-feedback.dto';

@ApiTags('departments')
@Controller({ path: 'departments/:departmentId/tasks', version: '1' })
export class GiveFeedbackController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':issueId/feedback')
  @HttpCode(200)
  @Roles('department')
  @ApiOperation({ summary: 'Report in (报到): give feedback; meets every open deadline of this department on the issue' })
  @IdempotencyKeyHeader()
  @ApiOkResponse({ type: IssueCommandResultDto })
  @ApiProblems(404, 409, 422)
  handle(
    @Param() params: DepartmentTaskParams,
    @Body() body: GiveFeedbackDto,
    @CurrentActor() actor: Actor,
    @CommandContext() request: CommandRequest,
  ): Promise<IssueCommandResultDto> {
    requireOwnUnit(actor, params.departmentId);
    return this.commandBus.execute(new GiveFeedbackCommand(params.departmentId, params.issueId, body.content, actor, request));
  }
}
