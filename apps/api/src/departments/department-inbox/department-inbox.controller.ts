import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { Roles } from '../../auth/roles.decorator';
import { requireOwnUnit } from '../../auth/scope';
import { DepartmentParams } from '../../issues/issue-dto';
import { ApiProblems } from '../../problems/api-problems.decorator';
import { DepartmentInboxQuery } from './department-inbox.query';
import { InboxPageDto, InboxQuery } from './department-inbox.dto';
import { RecordedRead } from '../../access-log/recorded-read.decorator';

@ApiTags('departments')
@Controller({ path: 'departments/:departmentId/inbox', version: '1' })
export class DepartmentInboxController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('department', 'supervisor')
  @RecordedRead('department-inbox')
  @ApiOperation({ summary: "The department's tasks, ordered by due instant" })
  @ApiOkResponse({ type: InboxPageDto })
  @ApiProblems()
  inbox(@Param() params: DepartmentParams, @QueryParams() query: InboxQuery, @CurrentActor() actor: Actor): Promise<InboxPageDto> {
    requireOwnUnit(actor, params.departmentId);
    return this.queryBus.execute(
      new DepartmentInboxQuery(params.departmentId, {
        page: query.page ?? 1,
        pageSize: query.pageSize ?? 50,
        status: query.status,
        dueBefore: query.dueBefore !== undefined ? new Date(query.dueBefore) : undefined,
      }),
    );
  }
}
