import { YearEndRepository } from '@app/read-models';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AssessmentBonusListDto } from './assessment-bonuses.dto';
import { AssessmentBonusesQuery } from './assessment-bonuses.query';

@QueryHandler(AssessmentBonusesQuery)
export class AssessmentBonusesHandler implements IQueryHandler<AssessmentBonusesQuery> {
  constructor(private readonly yearEnd: YearEndRepository) {}

  async execute(query: AssessmentBonusesQuery): Promise<AssessmentBonusListDto> {
    return { year: query.year, items: await this.yearEnd.bonuses(query.year) };
  }
}
