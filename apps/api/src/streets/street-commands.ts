import { Issue } from '@app/domain';
import { issueCommandRoute } from '../issues/issue-command-route';
import { StreetIssueParams } from '../issues/issue-dto';

/** A street acts on the issues of its own stations; the rules check that the issue is at street level. */
const onStreetIssue = {
  tag: 'streets',
  roles: ['street' as const],
  params: StreetIssueParams,
  ownUnit: (params: StreetIssueParams) => params.streetId,
  issue: {
    issueId: (params: StreetIssueParams) => params.issueId,
    mayAct: (issue: Issue, _: unknown, params: StreetIssueParams) => issue.streetId === params.streetId,
  },
};

/** What a street does (街道): it works the issues of its stations at street level. */
export const STREET_COMMANDS = [
  issueCommandRoute({
    ...onStreetIssue,
    name: 'ReportStreetResolution',
    path: 'streets/:streetId/issues/:issueId/resolution',
    summary: 'Report the issue resolved at street level (no department); its station then confirms or rejects it',
    command: ({ at }) => ({ type: 'ReportResolution', by: 'street', at }),
  }),
  issueCommandRoute({
    ...onStreetIssue,
    name: 'EscalateToDistrict',
    path: 'streets/:streetId/issues/:issueId/escalations',
    summary: 'Escalate the issue from street to district level, where its station blows the whistle',
    command: ({ at }) => ({ type: 'EscalateIssue', by: 'street', at }),
  }),
];
