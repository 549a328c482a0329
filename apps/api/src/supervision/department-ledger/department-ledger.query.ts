import { Query } from '@nestjs/cqrs';
import { LedgerDto } from './department-ledger.dto';

export class DepartmentLedgerQuery extends Query<LedgerDto> {
  constructor(
    readonly departmentId: string,
    readonly year: number,
  ) {
    super();
  }
}
