import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator';
import { ApiProblems } from '../../problems/api-problems.decorator';
import { YearParams } from '../../supervision/supervision-dto';
import { AssessmentBonusListDto } from './assessment-bonuses.dto';
import { AssessmentBonusesQuery } from './assessment-bonuses.query';

@ApiTags('supervision')
@Controller({ path: 'supervision/assessment-bonuses', version: '1' })
export class AssessmentBonusesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':year')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Assessment bonuses granted at year end to the departments ranked 1, 2 or 3' })
  @ApiOkResponse({ type: AssessmentBonusListDto })
  @ApiProblems()
  bonuses(@Param() params: YearParams): Promise<AssessmentBonusListDto> {
    return this.queryBus.execute(new AssessmentBonusesQuery(params.year));
  }
}
