import type { DepartmentEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { toEngineEvent } from '@app/issues';
import type { EntityManager } from 'typeorm';
import { AssessmentBonusEntity, InterviewEntity, RankingPlaceEntity, ReconciliationReportEntity } from '../entities/year-end.entity';
import type { Projection } from '../projection';

export const YEAR_END_PROJECTION = 'read-models.year-end';

const HANDLED = new Set([
  'InterviewOrdered',
  'InterviewWithdrawn',
  'YearEndRankingPublished',
  'ReconciliationReported',
  'AssessmentBonusGranted',
]);

/** Interviews, rankings, reconciliation reports and bonuses from the streak and year-end streams. */
export const yearEndProjection: Projection = {
  name: YEAR_END_PROJECTION,
  entities: [InterviewEntity, RankingPlaceEntity, ReconciliationReportEntity, AssessmentBonusEntity],
  async apply(recorded: RecordedEvent, tx: EntityManager): Promise<void> {
    if (!HANDLED.has(recorded.type)) return;
    const event = toEngineEvent<DepartmentEvent>(recorded);
    switch (event.type) {
      case 'InterviewOrdered':
        await tx.getRepository(InterviewEntity).upsert(
          {
            eventId: recorded.id,
            departmentId: event.data.departmentId,
            year: event.data.year,
            at: new Date(event.data.at),
            reason: event.data.reason,
            deadlineIds: event.data.deadlineIds ?? [],
            appealId: event.data.appealId ?? null,
          },
          ['eventId'],
        );
        return;
      case 'InterviewWithdrawn':
        await tx
          .createQueryBuilder()
          .update(InterviewEntity)
          .set({ withdrawnAt: new Date(event.data.at) })
          .where('department_id = :departmentId AND deadline_ids = :deadlineIds::jsonb AND withdrawn_at IS NULL', {
            departmentId: event.data.departmentId,
            deadlineIds: JSON.stringify(event.data.deadlineIds),
          })
          .execute();
        return;
      case 'YearEndRankingPublished': {
        // Each publication is the whole ranking of the year: it replaces the previous one.
        const places = tx.getRepository(RankingPlaceEntity);
        await places.delete({ year: event.data.year });
        if (event.data.ranking.length > 0) {
          await places.insert(
            event.data.ranking.map((place) => ({
              year: event.data.year,
              departmentId: place.department,
              total: place.total,
              rank: place.rank,
              final: event.data.final,
              publishedAt: new Date(event.data.at),
            })),
          );
        }
        return;
      }
      case 'ReconciliationReported':
        await tx.getRepository(ReconciliationReportEntity).upsert(
          {
            eventId: recorded.id,
            year: event.data.year,
            at: new Date(event.data.at),
            final: event.data.final,
            differences: event.data.differences,
            interviewDifferences: event.data.interviewDifferences,
          },
          ['eventId'],
        );
        return;
      case 'AssessmentBonusGranted':
        await tx.getRepository(AssessmentBonusEntity).upsert(
          {
            year: event.data.year,
            departmentId: event.data.departmentId,
            rank: event.data.rank,
            partyBuilding: event.data.partyBuilding,
            stationing: event.data.stationing,
            at: new Date(event.data.at),
          },
          ['year', 'departmentId'],
        );
        return;
      default:
        return;
    }
  },
};
