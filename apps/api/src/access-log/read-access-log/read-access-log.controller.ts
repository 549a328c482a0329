import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator';
import { ApiProblems } from '../../problems/api-problems.decorator';
import { RecordedRead } from '../recorded-read.decorator';
import { AccessLogPageDto, AccessLogQueryParams } from './read-access-log.dto';
import { ReadAccessLogQuery } from './read-access-log.query';

@ApiTags('supervision')
@Controller({ path: 'supervision/access-log', version: '1' })
export class ReadAccessLogController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('auditor')
  @RecordedRead('access-log')
  @ApiOperation({
    summary: "Who read what: supervisors' reads of audit trails, issues, ledgers and department pages, and the auditors' reads of this log",
    description: 'Newest first, paginated. The route and the ids it named, never the content answered. Auditors only.',
  })
  @ApiOkResponse({ type: AccessLogPageDto })
  @ApiProblems()
  read(@QueryParams() query: AccessLogQueryParams): Promise<AccessLogPageDto> {
    return this.queryBus.execute(
      new ReadAccessLogQuery({ page: query.page ?? 1, pageSize: query.pageSize ?? 50, subject: query.subject, what: query.what }),
    );
  }
}
