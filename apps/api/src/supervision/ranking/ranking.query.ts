import { Query } from '@nestjs/cqrs';
import { RankingDto } from './ranking.dto';

export class RankingQuery extends Query<RankingDto | undefined> {
  constructor(
    readonly year: number,
    readonly kind: 'provisional' | 'final',
  ) {
    super();
  }
}
