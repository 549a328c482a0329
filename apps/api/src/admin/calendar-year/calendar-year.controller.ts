import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES } from '../../auth/actor';
import { Roles } from '../../auth/roles.decorator';
import { ApiProblems } from '../../problems/api-problems.decorator';
import { YearParams } from '../../supervision/dto/year-params.dto';
import { CalendarYearDto } from './calendar-year.dto';
import { CalendarYearQuery } from './calendar-year.query';

@ApiTags('admin')
@Controller({ path: 'calendar/years', version: '1' })
export class CalendarYearController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':year')
  @Roles(...ROLES)
  @ApiOperation({ summary: "A year's working-day schedule as the engine uses it (every role may read it)" })
  @ApiOkResponse({ type: CalendarYearDto })
  @ApiProblems()
  year(@Param() params: YearParams): Promise<CalendarYearDto> {
    return this.queryBus.execute(new CalendarYearQuery(params.year));
  }
}
