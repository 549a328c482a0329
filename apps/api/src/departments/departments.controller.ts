import { DepartmentInboxRepository, IssueStreamReader } from '@app/read-models';
import { Controller, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { requireOwnUnit } from '../auth/scope';
import { DepartmentParams, DepartmentTaskParams } from '../issues/issue-dto';
import { ReadRoute } from '../reads/read-route.decorator';
import { InboxPageDto, InboxQuery, TaskDetailDto } from './departments.dto';

const departmentHeadOrSupervisor = { roles: ['department' as const, 'supervisor' as const] };

/** What a department head (区直单位) reads: the inbox of routed tasks, and one task. */
@ApiTags('departments')
@Controller({ path: 'departments/:departmentId', version: '1' })
export class DepartmentsController {
  constructor(
    private readonly inboxes: DepartmentInboxRepository,
    private readonly issueStreams: IssueStreamReader,
  ) {}

  @ReadRoute('inbox', {
    ...departmentHeadOrSupervisor,
    summary: "The department's tasks, ordered by due instant",
    type: InboxPageDto,
    recorded: 'department-inbox',
  })
  inbox(@Param() params: DepartmentParams, @Query() query: InboxQuery, @CurrentActor() actor: Actor): Promise<InboxPageDto> {
    requireOwnUnit(actor, params.departmentId);
    return this.inboxes.inbox(params.departmentId, {
      page: query.page ?? 1,
      pageSize: query.pageSize ?? 50,
      status: query.status,
      dueBefore: query.dueBefore !== undefined ? new Date(query.dueBefore) : undefined,
    });
  }

  @ReadRoute('tasks/:issueId', {
    ...departmentHeadOrSupervisor,
    summary: "A task's detail: the four lists, this department's deadlines and feedback",
    type: TaskDetailDto,
    problems: [404],
    recorded: 'department-task',
  })
  async task(@Param() params: DepartmentTaskParams, @CurrentActor() actor: Actor): Promise<TaskDetailDto> {
    requireOwnUnit(actor, params.departmentId);
    const task = await this.issueStreams.departmentTask(params.departmentId, params.issueId);
    if (task === undefined) throw new NotFoundException(`department ${params.departmentId} has no task on issue ${params.issueId}`);
    return task;
  }
}
