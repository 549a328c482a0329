import { checkReferenceCommand, decideReference, ReferenceCommand, referenceStreamOf } from '@app/domain';
import { Type } from '@nestjs/common';
import { ApiCreatedResponse } from '@nestjs/swagger';
import { commandController } from '../engine/command-controller';
import { ReferenceWriter } from '../engine/reference-writer';
import { ApiProblems } from '../problems/api-problems.decorator';
import { AdoptPolicyVersionDto, LoadYearScheduleDto, RegisterStationDto, RegisterUnitDto } from './reference-commands.dto';
import { ReferenceResultDto } from './reference-result.dto';

/**
 * One admin route that appends one reference event: the body becomes a domain command, which libs/domain checks on
 * its own before the stream is read (checkReferenceCommand) and decides against the stream as it is now
 * (decideReference; a refusal throws, nothing is written). ReferenceWriter runs it.
 */
export type ReferenceCommandRoute<B extends object = object> = {
  name: ReferenceCommand['type'];
  path: string;
  summary: string;
  body: Type<B>;
  command: (body: B) => ReferenceCommand;
};

function referenceCommand<B extends object>(route: ReferenceCommandRoute<B>): ReferenceCommandRoute {
  return route as unknown as ReferenceCommandRoute;
}

/** Units are appended to the `organisation` stream; ids are unique across the organisation. */
function registration<B extends RegisterUnitDto>(
  name: ReferenceCommand['type'],
  path: string,
  summary: string,
  body: Type<B>,
  command: (body: B) => ReferenceCommand,
): ReferenceCommandRoute {
  return referenceCommand({ name, path: `admin/organisation/${path}`, summary, body, command });
}

/** What an admin records: the organisation, the policy versions, the official calendar. */
export const REFERENCE_COMMANDS = [
  registration('RegisterStreet', 'streets', 'Register a street (街道)', RegisterUnitDto, ({ id, name }) => ({
    type: 'RegisterStreet',
    id,
    name,
  })),
  registration('RegisterStation', 'stations', 'Register a station (工作站) of a street', RegisterStationDto, ({ id, name, streetId }) => ({
    type: 'RegisterStation',
    id,
    name,
    streetId,
  })),
  registration(
    'RegisterDistrictDepartment',
    'district-departments',
    'Register a district department (区直单位): receives whistles, is scored',
    RegisterUnitDto,
    ({ id, name }) => ({ type: 'RegisterDistrictDepartment', id, name }),
  ),
  registration(
    'RegisterCityDepartment',
    'city-departments',
    'Register a city department (市直单位): receives transfers, not scored',
    RegisterUnitDto,
    ({ id, name }) => ({ type: 'RegisterCityDepartment', id, name }),
  ),
  referenceCommand({
    name: 'AdoptPolicyVersion',
    path: 'admin/policy/versions',
    summary: 'Adopt a policy version from an instant on (periods, points, interview and ranking rules)',
    body: AdoptPolicyVersionDto,
    command: (body) => ({ type: 'AdoptPolicyVersion', policy: body.policy, effectiveFrom: Date.parse(body.effectiveFrom) }),
  }),
  referenceCommand({
    name: 'LoadYearSchedule',
    path: 'admin/calendar/years',
    summary: "Load a year's official holiday schedule (国务院办公厅 notice), including 调休 working days",
    body: LoadYearScheduleDto,
    // Loads (or replaces) a year's schedule; the issue workflows recompute provisional deadlines on YearScheduleLoaded.
    command: (body) => ({
      type: 'LoadYearSchedule',
      schedule: {
        year: body.year,
        holidays: body.holidays,
        workdays: body.workdays,
        ...(body.source !== undefined ? { source: body.source } : {}),
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
      const command = route.command(body);
      checkReferenceCommand(command);
      const streamId = referenceStreamOf(command);
      const { revision, event } = await writer.append(streamId, actor, request, (events, now) => decideReference(command, events, now));
      return { streamId, revision, appended: { type: event.type, data: { ...event.data } } };
    },
  });
}
