import { Attendance, MeetingKind } from '@app/domain';
import { AccountabilityCommands, AccountabilityResult, EngineEvent } from '@app/issues';
import { Type } from '@nestjs/common';
import { ApiCreatedResponse } from '@nestjs/swagger';
import { Role } from '../auth/actor';
import { requireOwnUnit } from '../auth/scope';
import { Clock } from '../clock/clock';
import { commandController, routeInfoOf } from '../engine/command-controller';
import { commandOptionsOf } from '../engine/command-request';
import { DepartmentParams, StationParams } from '../issues/issue-dto';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ReferenceResultDto } from '../admin/reference-result.dto';
import { meetingIdFor } from '../stations/issue-id';
import { AdjustBaseDto, DecideAppealDto, FileAppealDto, RecordMeetingDto } from './accountability.dto';

type Run<P, B> = (commands: AccountabilityCommands, input: { params: P; body: B; at: number; options: Options }) => Promise<Stored>;
type Options = { causationId: string; actor: { role: string; id?: string }; expectedRevision?: number };
type Stored = AccountabilityResult<EngineEvent>;

interface AccountabilityRoute<P, B> {
  name: string;
  tag: string;
  path: string;
  roles: Role[];
  summary: string;
  params?: Type<P>;
  body: Type<B>;
  /** The unit whose path it is: a station's or department's token for another unit gets 403. */
  ownUnit?: (params: P) => string;
  run: Run<P, B>;
}

/**
 * One accountability route (issue #16): the body becomes a domain command stamped with the server clock, the
 * Idempotency-Key as its cause, If-Match as the revision of its stream; 201 with the stream's new revision and the
 * event. A refusal is the domain's problem (404/409/422 by its code), and nothing is written.
 */
function accountabilityController<P, B>(route: AccountabilityRoute<P, B>): Type<unknown> {
  return commandController({
    ...routeInfoOf(route),
    inject: [AccountabilityCommands, Clock] as const,
    responses: [ApiCreatedResponse({ type: ReferenceResultDto }), ApiProblems(404, 409, 422)],
    run: async ([commands, clock], { params, body, actor, request }): Promise<ReferenceResultDto> => {
      if (route.ownUnit !== undefined) requireOwnUnit(actor, route.ownUnit(params as P));
      const { streamId, revision, event } = await route.run(commands, {
        params: params as P,
        body: body as B,
        at: clock.now(),
        options: commandOptionsOf(actor, request),
      });
      return { streamId, revision, appended: { type: event.type, data: { ...event.data } } };
    },
  });
}

export const ACCOUNTABILITY_COMMANDS = [
  accountabilityController<StationParams, RecordMeetingDto>({
    name: 'RecordMeeting',
    tag: 'meetings',
    path: 'stations/:stationId/meetings',
    roles: ['station'],
    summary: "Record a meeting the station convened (工作调度会, 联席会议, 现场协调会) and each invited department's attendance",
    params: StationParams,
    body: RecordMeetingDto,
    ownUnit: (params) => params.stationId,
    run: (commands, { params, body, at, options }) =>
      commands.recordMeeting(
        {
          type: 'RecordMeeting',
          meetingId: meetingIdFor(body.date, options.causationId),
          kind: body.kind as MeetingKind,
          date: body.date,
          convenor: params.stationId,
          issues: body.issues ?? [],
          attendance: body.attendance.map((a) => ({
            departmentId: a.departmentId,
            attendance: a.attendance as Attendance,
            ...(a.reason !== undefined ? { reason: a.reason } : {}),
          })),
          at,
        },
        options,
      ),
  }),
  accountabilityController<DepartmentParams, AdjustBaseDto>({
    name: 'AdjustBase',
    tag: 'supervision',
    path: 'supervision/departments/:departmentId/base-adjustments',
    roles: ['supervisor'],
    summary: "Withhold or reduce a department's base score for a year (base-adjusted), with a written reason",
    params: DepartmentParams,
    body: AdjustBaseDto,
    run: (commands, { params, body, at, options }) =>
      commands.adjustBase(
        { type: 'AdjustBase', departmentId: params.departmentId, year: body.year, points: body.points, reason: body.reason, at },
        options,
      ),
  }),
  accountabilityController<DepartmentParams, FileAppealDto>({
    name: 'FileAppeal',
    tag: 'departments',
    path: 'departments/:departmentId/appeals',
    roles: ['department'],
    summary: "Appeal a feedback-missed deduction of the department's own (申诉), within the appeal period",
    params: DepartmentParams,
    body: FileAppealDto,
    ownUnit: (params) => params.departmentId,
    run: (commands, { params, body, at, options }) =>
      commands.appeal(
        body.deadlineId,
        {
          type: 'FileAppeal',
          departmentId: params.departmentId,
          issueId: body.issueId,
          deadlineId: body.deadlineId,
          reason: body.reason,
          ...(body.attachments !== undefined ? { attachments: body.attachments } : {}),
          at,
        },
        options,
      ),
  }),
  accountabilityController<object, DecideAppealDto>({
    name: 'DecideAppeal',
    tag: 'supervision',
    path: 'supervision/appeal-decisions',
    roles: ['supervisor'],
    summary: 'Uphold or overturn an open appeal (复核), with a reason; an overturn gives the deduction back and recounts interviews',
    body: DecideAppealDto,
    run: (commands, { body, at, options }) =>
      commands.appeal(body.deadlineId, { type: 'DecideAppeal', outcome: body.outcome, reason: body.reason, at }, options),
  }),
];
