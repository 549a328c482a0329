import { DepartmentEvent, rankDepartments, yearEndStreamOf } from '@app/domain';
import { EventStore } from '@app/event-store';
import { ReferenceData, toEngineEvent } from '@app/issues';
import { LedgerRepository } from '@app/read-models';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { RankingDto } from './ranking.dto';
import { RankingQuery } from './ranking.query';

@QueryHandler(RankingQuery)
export class RankingHandler implements IQueryHandler<RankingQuery> {
  constructor(
    private readonly store: EventStore,
    private readonly reference: ReferenceData,
    private readonly ledgers: LedgerRepository,
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
    // Provisional: every registered district department, at its ledger total so far (ledger read model, one GROUP BY).
    const [{ chart }, totals] = await Promise.all([this.reference.snapshot(), this.ledgers.totals(query.year)]);
    const byDepartment = new Map(totals.map((t) => [t.departmentId, t.total]));
    return {
      year: query.year,
      kind: 'provisional',
      ranking: rankDepartments(new Map(chart.departments.map((d) => [d.id, byDepartment.get(d.id) ?? 0]))),
    };
  }
}
