import { DepartmentRatesRepository } from '@app/read-models';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DepartmentRatesListDto } from './department-rates.dto';
import { DepartmentRatesQuery } from './department-rates.query';

@QueryHandler(DepartmentRatesQuery)
export class DepartmentRatesHandler implements IQueryHandler<DepartmentRatesQuery> {
  constructor(private readonly rates: DepartmentRatesRepository) {}

  async execute(query: DepartmentRatesQuery): Promise<DepartmentRatesListDto> {
    return { year: query.year, items: await this.rates.rates({ year: query.year }) };
  }
}
