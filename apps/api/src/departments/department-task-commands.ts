import { issueCommandRoute, onOwnUnitIssue } from '../issues/issue-command-route';
import { DepartmentTaskParams } from '../issues/issue-dto';
import { GiveFeedbackDto } from './department-task-commands.dto';

/** A department acts only on issues it is on; any other issue answers 404, so its existence does not leak. */
const onDepartmentTask = onOwnUnitIssue({
  tag: 'departments',
  role: 'department',
  params: DepartmentTaskParams,
  unit: (params) => params.departmentId,
  mayAct: (issue, _, params) => issue.departments.some((d) => d.departmentId === params.departmentId),
});

/** What a department does on the tasks routed to it (区直单位). */
export const DEPARTMENT_TASK_COMMANDS = [
  issueCommandRoute({
    ...onDepartmentTask,
    name: 'GiveFeedback',
    path: 'departments/:departmentId/tasks/:issueId/feedback',
    summary: 'Report in (报到): give feedback; meets every open deadline of this department on the issue',
    body: GiveFeedbackDto,
    command: ({ params, body, at }) => ({
      type: 'GiveFeedback',
      departmentId: params.departmentId,
      ...(body.content !== undefined ? { content: body.content } : {}),
      at,
    }),
  }),
  issueCommandRoute({
    ...onDepartmentTask,
    name: 'ReportResolution',
    path: 'departments/:departmentId/tasks/:issueId/resolution',
    summary: 'Report the issue resolved; the station then confirms or rejects it',
    command: ({ params, at }) => ({ type: 'ReportResolution', departmentId: params.departmentId, at }),
  }),
];
