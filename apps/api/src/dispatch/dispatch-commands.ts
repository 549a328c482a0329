import { issueCommandRoute } from '../issues/issue-command-route';
import { IssueParams } from '../issues/issue-dto';
import { BlowWhistleDto, blowWhistle } from '../issues/whistle';
import { AddDepartmentDto } from './dispatch-commands.dto';

/**
 * The leading group's office (领导小组办公室) coordinates: it may act on any issue, and the rules check that it has
 * reached district level. The audit trail's actor tells its whistle from the station's.
 */
const onAnyIssue = {
  tag: 'dispatch',
  roles: ['dispatch' as const],
  params: IssueParams,
  issue: { issueId: (p: IssueParams) => p.issueId, mayAct: () => true },
};

/** What the leading group's office does (领导小组办公室, the `dispatch` role). */
export const DISPATCH_COMMANDS = [
  issueCommandRoute({
    ...onAnyIssue,
    name: 'BlowWhistle',
    path: 'dispatch/issues/:issueId/whistle',
    summary: 'Blow the whistle (吹哨) in coordination: route a district-level issue to departments',
    body: BlowWhistleDto,
    command: blowWhistle,
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
