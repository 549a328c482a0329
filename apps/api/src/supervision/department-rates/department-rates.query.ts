import { Query } from '@nestjs/cqrs';
import { DepartmentRatesListDto } from './department-rates.dto';

export class DepartmentRatesQuery extends Query<DepartmentRatesListDto> {
  constructor(readonly year: number) {
    super();
  }
}
