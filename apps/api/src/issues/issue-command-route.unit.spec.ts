import { Issue, IssueState } from '@app/domain';
import { ExecuteOptions, ExecuteResult, IssueCommandService } from '@app/issues';
import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { Actor } from '../auth/actor';
import { DEPARTMENT_TASK_COMMANDS } from '../departments/department-task-commands';
import { DISPATCH_COMMANDS } from '../dispatch/dispatch-commands';
import { STATION_COMMANDS } from '../stations/station-commands';
import { STREET_COMMANDS } from '../streets/street-commands';
import { IssueCommandRoute, runIssueCommand } from './issue-command-route';

const AT = Date.parse('2026-03-02T01:00:00Z');
const station: Actor = { subject: 'u1', role: 'station', scope: 's1' };
const issueOf = (fields: Partial<Issue>) =>
  ({ stationId: 's1', status: 'open', level: 'street', departments: [], ...fields }) as unknown as Issue;
const route = (routes: IssueCommandRoute[], name: string) => routes.find((r) => r.name === name)!;

/** Records what the route asked IssueCommandService for and decides on the state given (guard included). */
function service(state: IssueState) {
  const calls: { issueId: string; command: unknown; options: ExecuteOptions }[] = [];
  const issues = {
    execute: async (issueId: string, command: unknown, options: ExecuteOptions): Promise<ExecuteResult> => {
      calls.push({ issueId, command, options });
      options.guard?.(state);
      return { issue: issueOf({ level: 'district' }), revision: 3, appended: [], stored: [] };
    },
  } as unknown as IssueCommandService;
  return { issues, calls };
}

describe(runIssueCommand.name, () => {
  const request = { causationId: 'idempotency:station:s1:k1' };

  it('turns a route into its domain command, stamped with the clock, and answers the issue as it is after it', async () => {
    const { issues, calls } = service(issueOf({}));
    const answer = await runIssueCommand(route(STATION_COMMANDS, 'RejectClosing'), issues, AT, {
      params: { stationId: 's1', issueId: 'i1' },
      body: { reason: 'still broken' },
      actor: station,
      request: { ...request, expectedRevision: 2 },
    });
    expect(calls.map((c) => [c.issueId, c.command, c.options.causationId, c.options.expectedRevision, c.options.actor])).toEqual([
      ['i1', { type: 'RejectClosing', reason: 'still broken', at: AT }, request.causationId, 2, { role: 'station', id: 's1' }],
    ]);
    expect(answer).toEqual({ issueId: 'i1', revision: 3, status: 'open', level: 'district', appended: [] });
  });

  /** A body-less station command on issue i1 through the path of `stationId`. */
  const stationActs = (name: string, issues: IssueCommandService, stationId = 's1') =>
    runIssueCommand(route(STATION_COMMANDS, name), issues, AT, { params: { stationId, issueId: 'i1' }, body: {}, actor: station, request });

  it('refuses a station token on another station’s path with 403 before reading anything', async () => {
    const { issues, calls } = service(issueOf({}));
    await expect(stationActs('EscalateIssue', issues, 's2')).rejects.toBeInstanceOf(ForbiddenException);
    expect(calls).toEqual([]);
  });

  it.each([
    ['no such issue', null],
    ['another station’s issue', issueOf({ stationId: 's2' })],
  ])('answers 404 for %s, decided on the state the command would be decided on', async (_, state) => {
    await expect(stationActs('ConfirmClosing', service(state).issues)).rejects.toBeInstanceOf(NotFoundException);
  });

  it('lets a department act only on an issue it is on', async () => {
    const department: Actor = { subject: 'u2', role: 'department', scope: 'cg' };
    const on = issueOf({ departments: [{ departmentId: 'cg' }] as Issue['departments'] });
    const input = { params: { departmentId: 'cg', issueId: 'i1' }, body: {}, actor: department, request };
    await expect(
      runIssueCommand(route(DEPARTMENT_TASK_COMMANDS, 'ReportResolution'), service(on).issues, AT, input),
    ).resolves.toMatchObject({
      issueId: 'i1',
    });
    await expect(
      runIssueCommand(route(DEPARTMENT_TASK_COMMANDS, 'ReportResolution'), service(issueOf({})).issues, AT, input),
    ).rejects.toBeInstanceOf(NotFoundException);
  });

  it('lets a street act only on the issues of its own stations, and tells the rules it acts at street level', async () => {
    const street: Actor = { subject: 'u3', role: 'street', scope: 'st1' };
    const input = { params: { streetId: 'st1', issueId: 'i1' }, body: {}, actor: street, request };
    const { issues, calls } = service(issueOf({ streetId: 'st1' }));
    await runIssueCommand(route(STREET_COMMANDS, 'ReportStreetResolution'), issues, AT, input);
    await runIssueCommand(route(STREET_COMMANDS, 'EscalateToDistrict'), issues, AT, input);
    expect(calls.map((c) => [c.command, c.options.actor])).toEqual([
      [{ type: 'ReportResolution', by: 'street', at: AT }, { role: 'street', id: 'st1' }],
      [{ type: 'EscalateIssue', by: 'street', at: AT }, { role: 'street', id: 'st1' }],
    ]);
    await expect(
      runIssueCommand(route(STREET_COMMANDS, 'ReportStreetResolution'), service(issueOf({ streetId: 'st2' })).issues, AT, input),
    ).rejects.toBeInstanceOf(NotFoundException);
    await expect(
      runIssueCommand(route(STREET_COMMANDS, 'EscalateToDistrict'), service(issueOf({ streetId: 'st2' })).issues, AT, {
        ...input,
        params: { streetId: 'st2', issueId: 'i1' },
      }),
    ).rejects.toBeInstanceOf(ForbiddenException);
  });

  it('raises a new issue under an id derived from the request’s cause, with no scope guard on a stream not yet there', async () => {
    const { issues, calls } = service(null);
    const fourLists = { problem: 'p', tasks: 't', responsibleParty: 'r', acceptanceStandard: 'a' };
    const answer = await runIssueCommand(route(STATION_COMMANDS, 'RaiseIssue'), issues, AT, {
      params: { stationId: 's1' },
      body: { title: '路灯', fourLists },
      actor: station,
      request,
    });
    expect(answer.issueId).toMatch(/^20260302-[0-9a-f]{8}$/);
    expect(calls[0].options.guard).toBeUndefined();
    expect(calls[0].command).toEqual({ type: 'RaiseIssue', issueId: answer.issueId, stationId: 's1', title: '路灯', fourLists, at: AT });
  });

  it('declares each of the fourteen issue command routes once', () => {
    const names = [...STATION_COMMANDS, ...STREET_COMMANDS, ...DEPARTMENT_TASK_COMMANDS, ...DISPATCH_COMMANDS].map((r) => r.name);
    expect(names.sort()).toEqual([
      'AddDepartment',
      'BlowWhistle',
      'ConfirmClosing',
      'EscalateIssue',
      'EscalateToDistrict',
      'GiveFeedback',
      'HoldCoordinationMeeting',
      'RaiseIssue',
      'RejectClosing',
      'ReportCommunityResolution',
      'ReportResolution',
      'ReportStreetResolution',
      'StationBlowWhistle',
      'UrgeDepartments',
    ]);
  });
});
