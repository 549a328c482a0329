import { Controller, HttpCode, Param, Post } from '@nestjs/common';
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
import { ReportResolutionCommand } from './report-resolution.command';

@ApiTags('departments')
@Controller({ path: 'departments/:departmentId/tasks', version: '1' })
export class ReportResolutionController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':issueId/resolution')
  @HttpCode(200)
  @Roles('department')
  @ApiOperation({ summary: 'Report the issue resolved; the station then confirms or rejects it' })
  @IdempotencyKeyHeader()
  @ApiOkResponse({ type: IssueCommandResultDto })
  @ApiProblems(404, 409, 422)
  handle(
    @Param() params: DepartmentTaskParams,
    @CurrentActor() actor: Actor,
    @CommandContext() request: CommandRequest,
  ): Promise<IssueCommandResultDto> {
    requireOwnUnit(actor, params.departmentId);
    return this.commandBus.execute(new ReportResolutionCommand(params.departmentId, params.issueId, actor, request));
  }
}
