import { scheduleProblems, YearSchedule } from '../calendar/working-day-calendar';
import { DEFAULT_POLICY, resolvePolicy } from '../policy/policy';
import { DomainErrors } from '../shared/domain-error';
import { EpochMs, toIso } from '../time/instant';
import { checkRegistration, foldOrganisation, foldPolicy, REFERENCE_STREAMS, ReferenceEvent } from './reference.events';

type Unit = { id: string; name: string };

/** What an admin records: the organisation, the policy versions, the official calendar. */
export type ReferenceCommand =
  | ({ type: 'RegisterStreet' } & Unit)
  | ({ type: 'RegisterStation'; streetId: string } & Unit)
  | ({ type: 'RegisterDistrictDepartment' } & Unit)
  | ({ type: 'RegisterCityDepartment' } & Unit)
  /** `policy` holds overrides of the default policy, validated here. */
  | { type: 'AdoptPolicyVersion'; policy: unknown; effectiveFrom: EpochMs }
  | { type: 'LoadYearSchedule'; schedule: YearSchedule };

/** The stream a reference command appends to. */
export function referenceStreamOf(command: ReferenceCommand): string {
  switch (command.type) {
    case 'AdoptPolicyVersion':
      return REFERENCE_STREAMS.policy;
    case 'LoadYearSchedule':
      return REFERENCE_STREAMS.calendar;
    default:
      return REFERENCE_STREAMS.organisation;
  }
}

/**
 * Refuses a command for what it says on its own, before its stream is read: a policy that is not valid, a year
 * schedule with faults (every fault, each naming its field).
 */
export function checkReferenceCommand(command: ReferenceCommand): void {
  if (command.type === 'AdoptPolicyVersion') resolvePolicy(command.policy);
  if (command.type === 'LoadYearSchedule') {
    const problems = scheduleProblems(command.schedule);
    if (problems.length > 0) throw new DomainErrors(problems);
  }
}

/**
 * decide(command, events of its stream, now) → the one event it records, or a DomainError. Unit ids are unique
 * across the organisation; a policy version is never in force before now or before the newest one (PolicyBook.adopt);
 * a year's schedule replaces an earlier load of the same year.
 */
export function decideReference(command: ReferenceCommand, events: readonly ReferenceEvent[], now: EpochMs): ReferenceEvent {
  checkReferenceCommand(command);
  const at = toIso(now);
  switch (command.type) {
    case 'RegisterStreet':
      return registered(events, { type: 'StreetRegistered', data: { id: command.id, name: command.name, at } });
    case 'RegisterStation':
      return registered(events, {
        type: 'StationRegistered',
        data: { id: command.id, name: command.name, streetId: command.streetId, at },
      });
    case 'RegisterDistrictDepartment':
      return registered(events, { type: 'DistrictDepartmentRegistered', data: { id: command.id, name: command.name, at } });
    case 'RegisterCityDepartment':
      return registered(events, { type: 'CityDepartmentRegistered', data: { id: command.id, name: command.name, at } });
    case 'AdoptPolicyVersion': {
      const policy = resolvePolicy(command.policy);
      const adopted = foldPolicy(events, DEFAULT_POLICY).adopt(policy, command.effectiveFrom, now).list();
      const latest = adopted[adopted.length - 1];
      return { type: 'PolicyVersionAdopted', data: { version: latest.version, effectiveFrom: toIso(latest.effectiveFrom), policy, at } };
    }
    case 'LoadYearSchedule': {
      const { year, holidays, workdays, source } = command.schedule;
      return {
        type: 'YearScheduleLoaded',
        data: {
          year,
          holidays: [...new Set(holidays)].sort(),
          workdays: [...new Set(workdays)].sort(),
          ...(source !== undefined ? { source } : {}),
          at,
        },
      };
    }
  }
}

function registered(events: readonly ReferenceEvent[], event: ReferenceEvent): ReferenceEvent {
  checkRegistration(foldOrganisation(events), event);
  return event;
}
