import { issueCommandRoute, onOwnUnitIssue } from '../issues/issue-command-route';
import { StreetIssueParams } from '../issues/issue-dto';

/** A street acts on the issues of its own stations; the rules check that the issue is at street level. */
const onStreetIssue = onOwnUnitIssue({
  tag: 'streets',
  role: 'street',
  params: StreetIssueParams,
  unit: (params) => params.streetId,
  mayAct: (issue, _, params) => issue.streetId === params.streetId,
});

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
