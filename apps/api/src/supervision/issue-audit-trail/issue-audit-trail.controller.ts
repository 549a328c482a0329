import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator';
import { IssueParams } from '../../issues/issue-dto';
import { ApiProblems } from '../../problems/api-problems.decorator';
import { AuditTrailDto } from './issue-audit-trail.dto';
import { IssueAuditTrailQuery } from './issue-audit-trail.query';
import { RecordedRead } from '../../access-log/recorded-read.decorator';

@ApiTags('supervision')
@Controller({ path: 'supervision/issues', version: '1' })
export class IssueAuditTrailController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':issueId/audit-trail')
  @Roles('supervisor')
  @RecordedRead('audit-trail')
  @ApiOperation({ summary: 'Every stored event of an issue, with the verification of its hash chain' })
  @ApiOkResponse({ type: AuditTrailDto })
  @ApiProblems(404)
  async trail(@Param() params: IssueParams): Promise<AuditTrailDto> {
    const trail = await this.queryBus.execute(new IssueAuditTrailQuery(params.issueId));
    if (trail === undefined) throw new NotFoundException(`issue ${params.issueId} was not found`);
    return trail;
  }
}
