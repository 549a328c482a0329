import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { Roles } from '../../auth/roles.decorator';
import { requireOwnUnit } from '../../auth/scope';
import { DepartmentTaskParams } from '../../issues/issue-dto';
import { ApiProblems } from '../../problems/api-problems.decorator';
import { DepartmentTaskQuery } from './department-task.query';
import { TaskDetailDto } from './department-task.dto';
import { RecordedRead } from '../../access-log/recorded-read.decorator';

@ApiTags('departments')
@Controller({ path: 'departments/:departmentId/tasks', version: '1' })
export class DepartmentTaskController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':issueId')
  @Roles('department', 'supervisor')
  @RecordedRead('department-task')
  @ApiOperation({ summary: "A task's detail: the four lists, this department's deadlines and feedback" })
  @ApiOkResponse({ type: TaskDetailDto })
  @ApiProblems(404)
  async task(@Param() params: DepartmentTaskParams, @CurrentActor() actor: Actor): Promise<TaskDetailDto> {
    requireOwnUnit(actor, params.departmentId);
    const task = await this.queryBus.execute(new DepartmentTaskQuery(params.departmentId, params.issueId));
    if (task === undefined) throw new NotFoundException(`department ${params.departmentId} has no task on issue ${params.issueId}`);
    return task;
  }
}
