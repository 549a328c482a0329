import type { DataSource } from 'typeorm';
import { DepartmentInboxTaskEntity, type InboxDeadline, type InboxTaskStatus, type InboxUrging } from '../entities/department-inbox.entity';
import { iso, pageWindow, type Page, type PageRequest } from './page';

export type InboxTask = {
  issueId: string;
  departmentId: string;
  title: string;
  stationId: string;
  streetId: string;
  level: string;
  mode: string | null;
  deadlines: InboxDeadline[];
  nextDueAt: string | null;
  status: InboxTaskStatus;
  whistledAt: string;
  lastFeedbackAt: string | null;
  urgings: InboxUrging[];
};

export type InboxFilter = PageRequest & { status?: InboxTaskStatus; dueBefore?: Date };

/** A department's routed tasks, soonest due first (tasks with nothing pending last). */
export abstract class DepartmentInboxRepository {
  abstract inbox(departmentId: string, filter?: InboxFilter): Promise<Page<InboxTask>>;
}

export class TypeOrmDepartmentInboxRepository extends DepartmentInboxRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  override async inbox(departmentId: string, filter: InboxFilter = {}): Promise<Page<InboxTask>> {
    const { page, pageSize, offset } = pageWindow(filter);
    const query = this.dataSource
      .getRepository(DepartmentInboxTaskEntity)
      .createQueryBuilder('task')
      .where('task.departmentId = :departmentId', { departmentId });
    if (filter.status !== undefined) query.andWhere('task.status = :status', { status: filter.status });
    if (filter.dueBefore !== undefined) query.andWhere('task.nextDueAt < :dueBefore', { dueBefore: filter.dueBefore });
    const counted = query.clone();
    // The total comes with the page (a window count, one round trip); only a page past the end counts apart.
    const { entities: rows, raw } = await query
      .addSelect('COUNT(*) OVER ()', 'total')
      .orderBy('task.nextDueAt', 'ASC', 'NULLS LAST')
      .addOrderBy('task.whistledAt', 'ASC')
      .addOrderBy('task.issueId', 'ASC')
      .offset(offset)
      .limit(pageSize)
      .getRawAndEntities<{ total: string }>();
    const total = raw.length > 0 ? Number(raw[0].total) : offset === 0 ? 0 : await counted.getCount();
    return {
      items: rows.map((row) => ({
        ...row,
        nextDueAt: iso(row.nextDueAt),
        whistledAt: row.whistledAt.toISOString(),
        lastFeedbackAt: iso(row.lastFeedbackAt),
      })),
      total,
      page,
      pageSize,
    };
  }
}
