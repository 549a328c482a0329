import { DepartmentEvent, rankDepartments, roundPoints, yearEndStreamOf } from '@app/domain';
import { EventStore } from '@app/event-store';
import { ReferenceData, toEngineEvent } from '@app/issues';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { readLedger } from '../department-ledger/department-ledger.handler';
import { RankingDto } from './ranking.dto';
import { RankingQuery } from './ranking.query';

@QueryHandler(RankingQuery)
export class RankingHandler implements IQueryHandler<RankingQuery> {
  constructor(
    private readonly store: EventStore,
    private readonly reference: ReferenceData,
  ) {}

  async execute(query: RankingQuery): Promise<RankingDto | undefined> {
    if (query.kind === 'final') {
      const published = (await this.store.readStream(yearEndStreamOf(query.year)))
        .map((e) => toEngineEvent<DepartmentEvent>(e))
        .flatMap((e) => (e.type === 'YearEndRankingPublished' && e.data.final ? [e.data] : []))
        .pop();
      if (published === undefined) return undefined;
      return { year: query.year, kind: 'final', publishedAt: published.at, ranking: published.ranking };
    }
    // Provisional: every registered district department's ledger as recorded so far.
    const { chart } = await this.reference.snapshot();
    const totals = new Map<string, number>();
    for (const department of chart.departments) {
      const entries = await readLedger(this.store, department.id, query.year);
      totals.set(department.id, roundPoints(entries.reduce((sum, e) => sum + e.points, 0)));
    }
    return { year: query.year, kind: 'provisional', ranking: rankDepartments(totals) };
  }
}
