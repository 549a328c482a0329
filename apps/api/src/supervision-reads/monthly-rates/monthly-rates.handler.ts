import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SupervisionReadsRepository } from '../supervision-reads.repository';
import { MonthlyRatesListDto } from './monthly-rates.dto';
import { MonthlyRatesQuery } from './monthly-rates.query';

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

@QueryHandler(MonthlyRatesQuery)
export class MonthlyRatesHandler implements IQueryHandler<MonthlyRatesQuery> {
  constructor(private readonly reads: SupervisionReadsRepository) {}

  async execute(query: MonthlyRatesQuery): Promise<MonthlyRatesListDto> {
    const rows = await this.reads.monthlyRates(query.year, query.departmentId);
    return {
      year: query.year,
      items: rows.map((row) => ({
        departmentId: row.departmentId,
        month: row.month,
        feedbackDeadlinesMet: row.met,
        feedbackDeadlinesMissed: row.missed,
        onTimeFeedbackRate: ratio(row.met, row.met + row.missed),
        issuesWhistled: row.whistled,
        issuesClosed: row.closed,
        resolutionRate: ratio(row.closed, row.whistled),
        satisfaction: null,
      })),
    };
  }
}
