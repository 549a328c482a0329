import type { IssueEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { isIssueEventType, toEngineEvent } from '@app/issues';
import type { EntityManager } from 'typeorm';
import {
  DepartmentInboxIssueEntity,
  DepartmentInboxTaskEntity,
  type InboxDeadline,
  type InboxTaskStatus,
} from '../entities/department-inbox.entity';
import { issueIdOf, type Projection } from '../projection';

export const DEPARTMENT_INBOX_PROJECTION = 'read-models.department-inbox';

/** The earliest due instant among pending deadlines. */
export function nextDueOf(deadlines: readonly InboxDeadline[]): Date | null {
  const pending = deadlines.filter((deadline) => deadline.outcome === 'pending').map((deadline) => Date.parse(deadline.due));
  return pending.length === 0 ? null : new Date(Math.min(...pending));
}

/** A task's status once the issue is no longer resolved: back to where the department's own work left it. */
function reopenedStatus(task: DepartmentInboxTaskEntity): InboxTaskStatus {
  return task.lastFeedbackAt === null ? 'open' : 'feedback-given';
}

/** The pure part: how one issue event changes one department's task (undefined: not at all). */
export function evolveInboxTask(task: DepartmentInboxTaskEntity, event: IssueEvent): DepartmentInboxTaskEntity | undefined {
  const withDeadlines = (change: (deadline: InboxDeadline) => InboxDeadline, deadlineId: string) => {
    if (!task.deadlines.some((deadline) => deadline.deadlineId === deadlineId)) return undefined;
    const deadlines = task.deadlines.map((deadline) => (deadline.deadlineId === deadlineId ? change(deadline) : deadline));
    return { ...task, deadlines, nextDueAt: nextDueOf(deadlines) };
  };
  switch (event.type) {
    case 'IssueEscalated':
      return { ...task, level: event.data.to };
    case 'FeedbackDeadlineSet': {
      if (event.data.departmentId !== task.departmentId) return undefined;
      const deadlines: InboxDeadline[] = [
        ...task.deadlines,
        {
          deadlineId: event.data.deadlineId,
          cause: event.data.cause,
          due: event.data.due,
          lastDay: event.data.lastDay,
          provisional: event.data.provisional,
          outcome: 'pending',
        },
      ];
      return { ...task, deadlines, nextDueAt: nextDueOf(deadlines) };
    }
    case 'FeedbackDeadlineRecomputed':
      return withDeadlines(
        (deadline) => ({ ...deadline, due: event.data.due, lastDay: event.data.lastDay, provisional: event.data.provisional }),
        event.data.deadlineId,
      );
    case 'FeedbackDeadlineMet':
      return withDeadlines((deadline) => ({ ...deadline, outcome: 'met' }), event.data.deadlineId);
    case 'FeedbackDeadlineMissed':
      return withDeadlines((deadline) => ({ ...deadline, outcome: 'missed' }), event.data.deadlineId);
    case 'FeedbackDeadlineCancelled':
      return withDeadlines((deadline) => ({ ...deadline, outcome: 'cancelled' }), event.data.deadlineId);
    case 'FeedbackGiven':
      if (event.data.departmentId !== task.departmentId) return undefined;
      return {
        ...task,
        lastFeedbackAt: new Date(event.data.at),
        status: task.status === 'open' ? 'feedback-given' : task.status,
      };
    case 'DepartmentsUrged':
      if (!event.data.departments.includes(task.departmentId)) return undefined;
      return { ...task, urgings: [...task.urgings, { at: event.data.at, note: event.data.note }] };
    case 'ResolutionReported':
      return { ...task, status: 'resolved' };
    case 'ClosingConfirmed':
      return { ...task, status: 'closed' };
    case 'ClosingRejected':
      return { ...task, status: reopenedStatus(task) };
    default:
      return undefined;
  }
}

function newTask(issue: DepartmentInboxIssueEntity, departmentId: string, at: string): DepartmentInboxTaskEntity {
  return Object.assign(new DepartmentInboxTaskEntity(), {
    issueId: issue.issueId,
    departmentId,
    title: issue.title,
    stationId: issue.stationId,
    streetId: issue.streetId,
    level: issue.level,
    mode: issue.mode,
    deadlines: [],
    nextDueAt: null,
    status: 'open' as const,
    whistledAt: new Date(at),
    lastFeedbackAt: null,
    urgings: [],
  });
}

/** Each department's inbox: one row per (issue, department) task with its deadlines and the next due instant. */
export const departmentInboxProjection: Projection = {
  name: DEPARTMENT_INBOX_PROJECTION,
  entities: [DepartmentInboxTaskEntity, DepartmentInboxIssueEntity],
  async apply(recorded: RecordedEvent, tx: EntityManager): Promise<void> {
    const issueId = issueIdOf(recorded);
    if (issueId === undefined || !isIssueEventType(recorded.type)) return;
    const event = toEngineEvent<IssueEvent>(recorded);
    const issues = tx.getRepository(DepartmentInboxIssueEntity);
    const tasks = tx.getRepository(DepartmentInboxTaskEntity);

    if (event.type === 'IssueRaised') {
      await issues.upsert(
        { issueId, title: event.data.title, stationId: event.data.stationId, streetId: event.data.streetId, level: 'community', mode: null },
        ['issueId'],
      );
      return;
    }
    const issue = await issues.findOneBy({ issueId });
    if (issue === null) return;
    if (event.type === 'IssueEscalated' || event.type === 'WhistleBlown') {
      const level = event.type === 'IssueEscalated' ? event.data.to : event.data.mode === 'transfer' ? 'city' : issue.level;
      const mode = event.type === 'WhistleBlown' ? event.data.mode : issue.mode;
      await issues.update({ issueId }, { level, mode });
      await tasks.update({ issueId }, { level, mode });
      if (event.type === 'WhistleBlown') {
        const routed = { ...issue, level, mode };
        for (const departmentId of event.data.departments) await tasks.upsert(newTask(routed, departmentId, event.data.at), ['issueId', 'departmentId']);
      }
      return;
    }
    if (event.type === 'DepartmentAdded') {
      await tasks.upsert(newTask(issue, event.data.departmentId, event.data.at), ['issueId', 'departmentId']);
      return;
    }
    for (const task of await tasks.findBy({ issueId })) {
      const changed = evolveInboxTask(task, event);
      if (changed !== undefined) await tasks.save(changed);
    }
  },
};
