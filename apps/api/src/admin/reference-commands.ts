import {
  checkRegistration,
  DEFAULT_POLICY,
  EpochMs,
  foldOrganisation,
  foldPolicy,
  REFERENCE_STREAMS,
  ReferenceEvent,
  resolvePolicy,
  toIso,
  validateYearSchedule,
  YearSchedule,
} from '@app/domain';
import { Type } from '@nestjs/common';
import { ApiCreatedResponse } from '@nestjs/swagger';
import { commandController } from '../engine/command-controller';
import { ReferenceWriter } from '../engine/reference-writer';
import { ApiProblems } from '../problems/api-problems.decorator';
import { ProblemException } from '../problems/problem.exception';
import { AdoptPolicyVersionDto, LoadYearScheduleDto, RegisterStationDto, RegisterUnitDto } from './reference-commands.dto';
import { ReferenceResultDto } from './reference-result.dto';

/**
 * One admin route that appends one reference event. `check` refuses a request on its own, before the stream is
 * read; `decide` checks it against the stream as it is now and gives the event (a refusal throws, nothing is
 * written). ReferenceWriter runs it.
 */
export type ReferenceCommandRoute<B extends object = object> = {
  name: string;
  path: string;
  summary: string;
  body: Type<B>;
  streamId: string;
  check?: (body: B) => void;
  decide: (body: B, events: ReferenceEvent[], now: EpochMs) => ReferenceEvent;
};

function referenceCommand<B extends object>(route: ReferenceCommandRoute<B>): ReferenceCommandRoute {
  return route as unknown as ReferenceCommandRoute;
}

/** Units are appended to the `organisation` stream; ids are unique across the organisation. */
function registration<B extends RegisterUnitDto>(
  name: string,
  path: string,
  summary: string,
  body: Type<B>,
  unitOf: (body: B, at: string) => ReferenceEvent,
): ReferenceCommandRoute {
  return referenceCommand({
    name,
    path: `admin/organisation/${path}`,
    summary,
    body,
    streamId: REFERENCE_STREAMS.organisation,
    decide: (request, events, now) => {
      const registered = unitOf(request, toIso(now));
      checkRegistration(foldOrganisation(events), registered);
      return registered;
    },
  });
}

const scheduleOf = (body: LoadYearScheduleDto): YearSchedule => ({
  year: body.year,
  holidays: body.holidays,
  workdays: body.workdays,
  ...(body.source !== undefined ? { source: body.source } : {}),
});

/** validateYearSchedule names the list and index first ("holidays[2] ..."), or the date of a clash. */
function scheduleFieldOf(reason: string): string {
  const match = /^(holidays|workdays)\[(\d+)\]/.exec(reason);
  if (match) return `${match[1]}.${match[2]}`;
  if (reason.startsWith('year')) return 'year';
  if (reason.startsWith('working day')) return 'workdays';
  return reason.includes('both a holiday') ? 'workdays' : 'schedule';
}

/** What an admin records: the organisation, the policy versions, the official calendar. */
export const REFERENCE_COMMANDS = [
  registration('RegisterStreet', 'streets', 'Register a street (街道)', RegisterUnitDto, ({ id, name }, at) => ({
    type: 'StreetRegistered',
    data: { id, name, at },
  })),
  registration(
    'RegisterStation',
    'stations',
    'Register a station (工作站) of a street',
    RegisterStationDto,
    ({ id, name, streetId }, at) => ({
      type: 'StationRegistered',
      data: { id, name, streetId, at },
    }),
  ),
  registration(
    'RegisterDistrictDepartment',
    'district-departments',
    'Register a district department (区直单位): receives whistles, is scored',
    RegisterUnitDto,
    ({ id, name }, at) => ({ type: 'DistrictDepartmentRegistered', data: { id, name, at } }),
  ),
  registration(
    'RegisterCityDepartment',
    'city-departments',
    'Register a city department (市直单位): receives transfers, not scored',
    RegisterUnitDto,
    ({ id, name }, at) => ({ type: 'CityDepartmentRegistered', data: { id, name, at } }),
  ),
  referenceCommand({
    name: 'AdoptPolicyVersion',
    path: 'admin/policy/versions',
    summary: 'Adopt a policy version from an instant on (periods, points, interview and ranking rules)',
    body: AdoptPolicyVersionDto,
    streamId: REFERENCE_STREAMS.policy,
    // A new policy version: validated, and (PolicyBook.adopt) never in force before now or before the newest one.
    check: (body) => void resolvePolicy(body.policy),
    decide: (body, events, now) => {
      const policy = resolvePolicy(body.policy);
      const adopted = foldPolicy(events, DEFAULT_POLICY).adopt(policy, Date.parse(body.effectiveFrom), now).list();
      const latest = adopted[adopted.length - 1];
      return {
        type: 'PolicyVersionAdopted',
        data: { version: latest.version, effectiveFrom: toIso(latest.effectiveFrom), policy, at: toIso(now) },
      };
    },
  }),
  referenceCommand({
    name: 'LoadYearSchedule',
    path: 'admin/calendar/years',
    summary: "Load a year's official holiday schedule (国务院办公厅 notice), including 调休 working days",
    body: LoadYearScheduleDto,
    streamId: REFERENCE_STREAMS.calendar,
    // Loads (or replaces) a year's schedule; the issue workflows recompute provisional deadlines on YearScheduleLoaded.
    check: (body) => {
      const problems = validateYearSchedule(scheduleOf(body));
      if (problems.length > 0) {
        throw new ProblemException(
          422,
          'CALENDAR.INVALID_SCHEDULE',
          'The request cannot be processed',
          problems.join('; '),
          problems.map((reason) => ({ field: scheduleFieldOf(reason), reason })),
        );
      }
    },
    decide: (body, _, now) => ({
      type: 'YearScheduleLoaded',
      data: {
        year: body.year,
        holidays: [...new Set(body.holidays)].sort(),
        workdays: [...new Set(body.workdays)].sort(),
        ...(body.source !== undefined ? { source: body.source } : {}),
        at: toIso(now),
      },
    }),
  }),
];

/** The controller of one reference route: 201 with the stream's new revision and the event appended. */
export function referenceCommandController(route: ReferenceCommandRoute): Type<unknown> {
  return commandController({
    name: route.name,
    tag: 'admin',
    path: route.path,
    roles: ['admin'],
    summary: route.summary,
    body: route.body,
    inject: [ReferenceWriter] as const,
    responses: [ApiCreatedResponse({ type: ReferenceResultDto }), ApiProblems(409, 422)],
    run: async ([writer], { body, actor, request }): Promise<ReferenceResultDto> => {
      route.check?.(body);
      const { revision, event } = await writer.append(route.streamId, actor, request, (events, now) => route.decide(body, events, now));
      return { streamId: route.streamId, revision, appended: { type: event.type, data: { ...event.data } } };
    },
  });
}
