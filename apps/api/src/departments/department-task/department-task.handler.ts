import { IssueEvent, toIso } from '@app/domain';
import { IssueCommandService, toEngineEvent } from '@app/issues';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TaskDetailDto } from './department-task.dto';
import { DepartmentTaskQuery } from './department-task.query';

/**
 * Read from the issue's own stream, not a read model: whether the department is on the issue decides
 * between 200 and 404, and it must agree with the command side at once.
 */
@QueryHandler(DepartmentTaskQuery)
export class DepartmentTaskHandler implements IQueryHandler<DepartmentTaskQuery> {
  constructor(private readonly issues: IssueCommandService) {}

  async execute(query: DepartmentTaskQuery): Promise<TaskDetailDto | undefined> {
    const { state: issue, events, revision } = await this.issues.load(query.issueId);
    if (issue === null || revision === undefined || !issue.departments.some((d) => d.departmentId === query.departmentId)) return undefined;
    const feedback = events
      .map((e) => toEngineEvent<IssueEvent>(e))
      .flatMap((e) => (e.type === 'FeedbackGiven' && e.data.departmentId === query.departmentId ? [e.data] : []))
      .map((d) => ({ ...(d.content !== undefined ? { content: d.content } : {}), at: d.at }));
    return {
      issueId: issue.issueId,
      departmentId: query.departmentId,
      title: issue.title,
      stationId: issue.stationId,
      issueStatus: issue.status,
      level: issue.level,
      mode: issue.whistle?.mode ?? 'single',
      fourLists: issue.fourLists,
      deadlines: issue.deadlines
        .filter((d) => d.departmentId === query.departmentId)
        .map((d) => ({
          deadlineId: d.deadlineId,
          cause: d.cause,
          due: toIso(d.due),
          lastDay: d.lastDay,
          provisional: d.provisional,
          outcome: d.outcome,
        })),
      feedback,
      revision,
    };
  }
}
