import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator';
import { IssueParams } from '../../issues/issue-dto';
import { ApiProblems } from '../../problems/api-problems.decorator';
import { IssueDetailsDto } from './issue-details.dto';
import { IssueDetailsQuery } from './issue-details.query';
import { RecordedRead } from '../../access-log/recorded-read.decorator';

@ApiTags('supervision')
@Controller({ path: 'supervision/issues', version: '1' })
export class IssueDetailsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':issueId')
  @Roles('supervisor')
  @RecordedRead('issue')
  @ApiOperation({ summary: 'An issue as the read model holds it: four lists, level history, every department deadline and its outcome' })
  @ApiOkResponse({ type: IssueDetailsDto })
  @ApiProblems(404)
  async details(@Param() params: IssueParams): Promise<IssueDetailsDto> {
    const issue = await this.queryBus.execute(new IssueDetailsQuery(params.issueId));
    if (issue === null) throw new NotFoundException(`issue ${params.issueId} was not found`);
    return issue;
  }
}
