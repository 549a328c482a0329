import { IssueViewRepository } from '@app/read-models';
import { Controller, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IssueByLevelQuery, IssueSummaryPageDto } from '../issues/issue-summary.dto';
import { ReadRoute } from '../reads/read-route.decorator';

@ApiTags('dispatch')
@Controller({ path: 'dispatch/issues', version: '1' })
export class DispatchIssuesController {
  constructor(private readonly issues: IssueViewRepository) {}

  @ReadRoute('', {
    roles: ['dispatch', 'supervisor'],
    summary: 'All issues, e.g. ?level=district&status=open for those awaiting a whistle',
    type: IssueSummaryPageDto,
  })
  list(@Query() query: IssueByLevelQuery): Promise<IssueSummaryPageDto> {
    return this.issues.search({ level: query.level, status: query.status, page: query.page ?? 1, pageSize: query.pageSize ?? 50 });
  }
}
