import { issueCommandRoute, onOwnUnitIssue } from '../issues/issue-command-route';
import { StationIssueParams, StationParams } from '../issues/issue-dto';
import { BlowWhistleDto, blowWhistle } from '../issues/whistle';
import { issueIdFor } from './issue-id';
import { ConfirmClosingDto, RaiseIssueDto, RejectClosingDto, UrgeDepartmentsDto } from './station-commands.dto';

const ISSUES = 'stations/:stationId/issues';

/** A station acts only on the issues it raised; the path's station must be the issue's station too. */
const onStationIssue = onOwnUnitIssue({
  tag: 'stations',
  role: 'station',
  params: StationIssueParams,
  unit: (params) => params.stationId,
  mayAct: (issue, actor, params) => issue.stationId === params.stationId && (actor.role !== 'station' || actor.scope === issue.stationId),
});

/** What a station does to its issues (工作站). */
export const STATION_COMMANDS = [
  issueCommandRoute({
    name: 'RaiseIssue',
    tag: 'stations',
    path: ISSUES,
    roles: ['station'],
    params: StationParams,
    body: RaiseIssueDto,
    ownUnit: (params) => params.stationId,
    issue: {
      newIssueId: issueIdFor,
      location: (params, issueId) => `/api/v1/stations/${params.stationId}/issues/${issueId}`,
      created: 'Raised; the issue id is in the body and Location',
    },
    command: ({ params, body, issueId, at }) => ({
      type: 'RaiseIssue',
      issueId,
      stationId: params.stationId,
      title: body.title,
      fourLists: { ...body.fourLists },
      at,
    }),
  }),
  issueCommandRoute({
    ...onStationIssue,
    name: 'EscalateIssue',
    path: `${ISSUES}/:issueId/escalations`,
    summary: 'Escalate the issue one level (community → street → district)',
    command: ({ at }) => ({ type: 'EscalateIssue', at }),
  }),
  issueCommandRoute({
    ...onStationIssue,
    name: 'ReportCommunityResolution',
    path: `${ISSUES}/:issueId/resolution`,
    summary: 'Report the issue resolved at community level (no department); the station then confirms or rejects it',
    command: ({ at }) => ({ type: 'ReportResolution', by: 'station', at }),
  }),
  issueCommandRoute({
    ...onStationIssue,
    name: 'StationBlowWhistle',
    path: `${ISSUES}/:issueId/whistle`,
    summary: "Blow the whistle (吹哨) on the station's own issue once it is at district level: route it to departments",
    body: BlowWhistleDto,
    command: blowWhistle,
  }),
  issueCommandRoute({
    ...onStationIssue,
    name: 'UrgeDepartments',
    path: `${ISSUES}/:issueId/urgings`,
    summary: "Urge the departments on an open whistled issue (跟踪督办), with a note; sent on each one's topic",
    body: UrgeDepartmentsDto,
    command: ({ body, at }) => ({ type: 'UrgeDepartments', note: body.note, at }),
  }),
  issueCommandRoute({
    ...onStationIssue,
    name: 'HoldCoordinationMeeting',
    path: `${ISSUES}/:issueId/coordination-meetings`,
    summary: 'Record an on-site coordination meeting (现场协调会): every department on the issue owes feedback again',
    command: ({ at }) => ({ type: 'HoldCoordinationMeeting', at }),
  }),
  issueCommandRoute({
    ...onStationIssue,
    name: 'ConfirmClosing',
    path: `${ISSUES}/:issueId/closing-confirmations`,
    summary: "Confirm the reported resolution and close the issue (销号), with the resident's satisfaction if evaluated",
    body: ConfirmClosingDto,
    command: ({ body, at }) => ({
      type: 'ConfirmClosing',
      ...(body.satisfaction !== undefined ? { satisfaction: body.satisfaction } : {}),
      at,
    }),
  }),
  issueCommandRoute({
    ...onStationIssue,
    name: 'RejectClosing',
    path: `${ISSUES}/:issueId/closing-rejections`,
    summary: 'Reject the reported resolution: the issue is open again at its level',
    body: RejectClosingDto,
    command: ({ body, at }) => ({ type: 'RejectClosing', ...(body.reason !== undefined ? { reason: body.reason } : {}), at }),
  }),
];
