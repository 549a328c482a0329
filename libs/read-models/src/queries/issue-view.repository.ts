import type { Satisfaction } from '@app/domain';
import type { DataSource } from 'typeorm';
import { IssueDeadlineEntity, IssueLevelChangeEntity, IssueViewEntity } from '../entities/issue-view.entity';
import { iso, pageWindow, type Page, type PageRequest } from './page';

export type IssueSummary = {
  issueId: string;
  status: string;
  level: string;
  stationId: string;
  streetId: string;
  title: string;
  whistleMode: string | null;
  departments: string[];
  raisedAt: string;
  closedAt: string | null;
  /** The level's time limit while the issue is open at a level that has one. */
  timeLimit: { due: string; provisional: boolean } | null;
};

export type IssueDetails = IssueSummary & {
  fourLists: { problem: string; tasks: string; responsibleParty: string; acceptanceStandard: string };
  cityDepartment: string | null;
  whistledAt: string | null;
  resolvedAt: string | null;
  /** The department that reported it, or below district the station or street. */
  resolvedBy: string | null;
  satisfaction: Satisfaction | null;
  lastFeedbackAt: string | null;
  streamRevision: number;
  levelHistory: { level: string; cause: string; at: string }[];
  deadlines: {
    deadlineId: string;
    departmentId: string;
    cause: string;
    startedAt: string;
    due: string;
    lastDay: string;
    provisional: boolean;
    outcome: string;
    settledAt: string | null;
  }[];
};

export type IssueSearch = PageRequest & {
  stationId?: string;
  streetId?: string;
  departmentId?: string;
  status?: string;
  level?: string;
  /** Raised at or after (inclusive). */
  raisedFrom?: Date;
  /** Raised before (exclusive). */
  raisedTo?: Date;
};

export abstract class IssueViewRepository {
  /** The issue with its level history and deadlines; null when no such issue has been projected. */
  abstract issue(issueId: string): Promise<IssueDetails | null>;
  /** Newest first. */
  abstract search(criteria?: IssueSearch): Promise<Page<IssueSummary>>;
}

function summaryOf(row: IssueViewEntity): IssueSummary {
  return {
    issueId: row.issueId,
    status: row.status,
    level: row.level,
    stationId: row.stationId,
    streetId: row.streetId,
    title: row.title,
    whistleMode: row.whistleMode,
    departments: row.departments,
    raisedAt: row.raisedAt.toISOString(),
    closedAt: iso(row.closedAt),
    timeLimit: row.timeLimitDue === null ? null : { due: row.timeLimitDue.toISOString(), provisional: row.timeLimitProvisional ?? false },
  };
}

export class TypeOrmIssueViewRepository extends IssueViewRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  override async issue(issueId: string): Promise<IssueDetails | null> {
    const row = await this.dataSource.getRepository(IssueViewEntity).findOneBy({ issueId });
    if (row === null) return null;
    const [levels, deadlines] = await Promise.all([
      this.dataSource.getRepository(IssueLevelChangeEntity).find({ where: { issueId }, order: { sequence: 'ASC' } }),
      this.dataSource.getRepository(IssueDeadlineEntity).find({ where: { issueId }, order: { sequence: 'ASC' } }),
    ]);
    return {
      ...summaryOf(row),
      fourLists: { problem: row.problem, tasks: row.tasks, responsibleParty: row.responsibleParty, acceptanceStandard: row.acceptanceStandard },
      cityDepartment: row.cityDepartment,
      whistledAt: iso(row.whistledAt),
      resolvedAt: iso(row.resolvedAt),
      resolvedBy: row.resolvedBy,
      satisfaction: row.satisfaction,
      lastFeedbackAt: iso(row.lastFeedbackAt),
      streamRevision: row.streamRevision,
      levelHistory: levels.map((level) => ({ level: level.level, cause: level.cause, at: level.at.toISOString() })),
      deadlines: deadlines.map((deadline) => ({
        deadlineId: deadline.deadlineId,
        departmentId: deadline.departmentId,
        cause: deadline.cause,
        startedAt: deadline.startedAt.toISOString(),
        due: deadline.due.toISOString(),
        lastDay: deadline.lastDay,
        provisional: deadline.provisional,
        outcome: deadline.outcome,
        settledAt: iso(deadline.settledAt),
      })),
    };
  }

  override async search(criteria: IssueSearch = {}): Promise<Page<IssueSummary>> {
    const { page, pageSize, offset } = pageWindow(criteria);
    const query = this.dataSource.getRepository(IssueViewEntity).createQueryBuilder('issue');
    if (criteria.stationId !== undefined) query.andWhere('issue.stationId = :stationId', { stationId: criteria.stationId });
    if (criteria.streetId !== undefined) query.andWhere('issue.streetId = :streetId', { streetId: criteria.streetId });
    if (criteria.departmentId !== undefined) query.andWhere(':departmentId = ANY(issue.departments)', { departmentId: criteria.departmentId });
    if (criteria.status !== undefined) query.andWhere('issue.status = :status', { status: criteria.status });
    if (criteria.level !== undefined) query.andWhere('issue.level = :level', { level: criteria.level });
    if (criteria.raisedFrom !== undefined) query.andWhere('issue.raisedAt >= :raisedFrom', { raisedFrom: criteria.raisedFrom });
    if (criteria.raisedTo !== undefined) query.andWhere('issue.raisedAt < :raisedTo', { raisedTo: criteria.raisedTo });
    const [rows, total] = await query
      .orderBy('issue.raisedAt', 'DESC')
      .addOrderBy('issue.issueId', 'ASC')
      .skip(offset)
      .take(pageSize)
      .getManyAndCount();
    return { items: rows.map(summaryOf), total, page, pageSize };
  }
}
