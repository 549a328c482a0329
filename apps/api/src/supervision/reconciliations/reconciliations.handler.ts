import { DepartmentEvent, yearEndStreamOf } from '@app/domain';
import { EventStore } from '@app/event-store';
import { toEngineEvent } from '@app/issues';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ReconciliationListDto } from './reconciliations.dto';
import { ReconciliationsQuery } from './reconciliations.query';

@QueryHandler(ReconciliationsQuery)
export class ReconciliationsHandler implements IQueryHandler<ReconciliationsQuery> {
  constructor(private readonly store: EventStore) {}

  async execute(query: ReconciliationsQuery): Promise<ReconciliationListDto> {
    const reports = (await this.store.readStream(yearEndStreamOf(query.year)))
      .map((e) => toEngineEvent<DepartmentEvent>(e))
      .flatMap((e) => (e.type === 'ReconciliationReported' ? [e.data] : []));
    return { year: query.year, reports };
  }
}
