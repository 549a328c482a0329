import { ReferenceData } from '@app/issues';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CalendarYearDto } from './calendar-year.dto';
import { CalendarYearQuery } from './calendar-year.query';

@QueryHandler(CalendarYearQuery)
export class CalendarYearHandler implements IQueryHandler<CalendarYearQuery> {
  constructor(private readonly reference: ReferenceData) {}

  async execute(query: CalendarYearQuery): Promise<CalendarYearDto> {
    const schedule = (await this.reference.snapshot()).calendar.scheduleOf(query.year);
    return { year: query.year, published: schedule !== undefined, holidays: schedule?.holidays ?? [], workdays: schedule?.workdays ?? [] };
  }
}
