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
import { AddDepartmentCommand } from './add-department.command';
import { AddDepartmentDto } from './add-department.dto';

@ApiTags('dispatch')
@Controller({ path: 'dispatch/issues', version: '1' })
export class AddDepartmentController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':issueId/departments')
  @HttpCode(200)
  @Roles('dispatch')
  @ApiOperation({ summary: 'Add a department to a whistled issue; it gets its own feedback deadline' })
  @IdempotencyKeyHeader()
  @ApiOkResponse({ type: IssueCommandResultDto })
  @ApiProblems(404, 409, 422)
  handle(
    @Param() params: IssueParams,
    @Body() body: AddDepartmentDto,
    @CurrentActor() actor: Actor,
    @CommandContext() request: CommandRequest,
  ): Promise<IssueCommandResultDto> {
    return this.commandBus.execute(new AddDepartmentCommand(params.issueId, body.departmentId, actor, request));
  }
}
