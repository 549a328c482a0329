import { Query } from '@nestjs/cqrs';
import { CalendarYearDto } from './calendar-year.dto';

export class CalendarYearQuery extends Query<CalendarYearDto> {
  constructor(readonly year: number) {
    super();
  }
}
