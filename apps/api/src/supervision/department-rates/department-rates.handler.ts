import { ReferenceData } from '@app/issues';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { IssueViews } from '../../views/issue-views';
import { DepartmentRatesListDto } from './department-rates.dto';
import { DepartmentRatesQuery } from './department-rates.query';

@QueryHandler(DepartmentRatesQuery)
export class DepartmentRatesHandler implements IQueryHandler<DepartmentRatesQuery> {
  constructor(
    private readonly views: IssueViews,
    private readonly reference: ReferenceData,
  ) {}

  async execute(query: DepartmentRatesQuery): Promise<DepartmentRatesListDto> {
    const { chart } = await this.reference.snapshot();
    return { year: query.year, items: await this.views.rates(query.year, chart.departments.map((d) => d.id)) };
  }
}
