import { DepartmentEvent } from '@app/domain';
import { EventStore } from '@app/event-store';
import { toEngineEvent } from '@app/issues';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { readCategory } from '../read-category';
import { InterviewListDto } from './interviews.dto';
import { InterviewsQuery } from './interviews.query';

/** Interviews are ordered in streak-<dept> (consecutive misses) and yearend-<year> (last in the ranking). */
@QueryHandler(InterviewsQuery)
export class InterviewsHandler implements IQueryHandler<InterviewsQuery> {
  constructor(private readonly store: EventStore) {}

  async execute(query: InterviewsQuery): Promise<InterviewListDto> {
    const recorded = [...(await readCategory(this.store, 'streak')), ...(await readCategory(this.store, 'yearend'))];
    const items = recorded
      .sort((a, b) => (a.globalPosition < b.globalPosition ? -1 : 1))
      .flatMap((stored) => {
        const event = toEngineEvent<DepartmentEvent>(stored);
        return event.type === 'InterviewOrdered' ? [{ ...event.data, streamId: stored.streamId }] : [];
      })
      .filter(
        (i) =>
          (query.year === undefined || i.year === query.year) &&
          (query.departmentId === undefined || i.departmentId === query.departmentId),
      );
    return { items };
  }
}
