import { Query } from '@nestjs/cqrs';
import { AssessmentBonusListDto } from './assessment-bonuses.dto';

export class AssessmentBonusesQuery extends Query<AssessmentBonusListDto> {
  constructor(readonly year: number) {
    super();
  }
}
