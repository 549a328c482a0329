import { Query } from '@nestjs/cqrs';
import { MonthlyRatesListDto } from './monthly-rates.dto';

export class MonthlyRatesQuery extends Query<MonthlyRatesListDto> {
  constructor(
    readonly year: number,
    readonly departmentId?: string,
  ) {
    super();
  }
}
