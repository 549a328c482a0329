import { Query } from '@nestjs/cqrs';
import { ReconciliationListDto } from './reconciliations.dto';

export class ReconciliationsQuery extends Query<ReconciliationListDto> {
  constructor(readonly year: number) {
    super();
  }
}
