import { issueCommandRoute } from '../issues/issue-command-route';
import { IssueParams } from '../issues/issue-dto';
import { AddDepartmentDto, BlowWhistleDto } from './dispatch-commands.dto';

/** The district dispatch may act on any issue; the rules check that it has reached district level. */
const onAnyIssue = {
  tag: 'dispatch',
  roles: ['dispatch' as const],
  params: IssueParams,
  issue: { issueId: (p: IssueParams) => p.issueId, mayAct: () => true },
};

/** What the district dispatch does (领导小组办公室). */
export const DISPATCH_COMMANDS = [
  issueCommandRoute({
    ...onAnyIssue,
    name: 'BlowWhistle',
    path: 'dispatch/issues/:issueId/whistle',
    summary: 'Blow the whistle (吹哨): route a district-level issue to departments',
    body: BlowWhistleDto,
    command: ({ body, at }) => ({
      type: 'BlowWhistle',
      mode: body.mode,
      departments: [...body.departments],
      ...(body.cityDepartment !== undefined ? { cityDepartment: body.cityDepartment } : {}),
      at,
    }),
  }),
  issueCommandRoute({
    ...onAnyIssue,
    name: 'AddDepartment',
    path: 'dispatch/issues/:issueId/departments',
    summary: 'Add a department to a whistled issue; it gets its own feedback deadline',
    body: AddDepartmentDto,
    command: ({ body, at }) => ({ type: 'AddDepartment', departmentId: body.departmentId, at }),
  }),
];
