import { DomainError } from '../shared/domain-error';
import { WorkingDayCalendar, YearSchedule } from '../calendar/working-day-calendar';
import { OrganisationChart } from '../issue/organisation';
import { DEFAULT_POLICY, Policy, PolicyBook, PolicyVersion } from '../policy/policy';
import { Upcaster } from '../shared/upcast';
import { IsoInstant, parseInstant } from '../time/instant';

/**
 * The reference data every decision reads: the organisation, the published calendar years and the policy
 * versions. Each lives in its own stream, so changing it is an audited event like any other.
 */
export type ReferenceEvent =
  | { type: 'StreetRegistered'; data: { id: string; name: string; at: IsoInstant } }
  | { type: 'StationRegistered'; data: { id: string; name: string; streetId: string; at: IsoInstant } }
  | { type: 'DistrictDepartmentRegistered'; data: { id: string; name: string; at: IsoInstant } }
  | { type: 'CityDepartmentRegistered'; data: { id: string; name: string; at: IsoInstant } }
  | { type: 'YearScheduleLoaded'; data: YearSchedule & { at: IsoInstant } }
  | { type: 'PolicyVersionAdopted'; data: { version: number; effectiveFrom: IsoInstant; policy: Policy; at: IsoInstant } };

export const REFERENCE_EVENT_SCHEMA_VERSIONS: Record<ReferenceEvent['type'], number> = {
  StreetRegistered: 1,
  StationRegistered: 1,
  DistrictDepartmentRegistered: 1,
  CityDepartmentRegistered: 1,
  YearScheduleLoaded: 1,
  PolicyVersionAdopted: 2,
};

/** Readers of older payloads (see shared/upcast.ts). */
export const REFERENCE_EVENT_UPCASTERS: Record<string, Upcaster> = {
  // v1 policies had no appeal period and no reminder: they were adopted under the defaults of both.
  'PolicyVersionAdopted@1': ({ policy, ...data }) => ({
    ...data,
    policy: { appealPeriod: DEFAULT_POLICY.appealPeriod, reminder: DEFAULT_POLICY.reminder, ...(policy as object) },
  }),
};

export const REFERENCE_STREAMS = { organisation: 'organisation', calendar: 'calendar', policy: 'policy' } as const;

export function foldOrganisation(events: readonly ReferenceEvent[]): OrganisationChart {
  const chart: OrganisationChart = { streets: [], stations: [], departments: [], cityDepartments: [] };
  for (const event of events) {
    switch (event.type) {
      case 'StreetRegistered':
        chart.streets.push({ id: event.data.id, name: event.data.name });
        break;
      case 'StationRegistered':
        chart.stations.push({ id: event.data.id, name: event.data.name, street: event.data.streetId });
        break;
      case 'DistrictDepartmentRegistered':
        chart.departments.push({ id: event.data.id, name: event.data.name });
        break;
      case 'CityDepartmentRegistered':
        chart.cityDepartments.push({ id: event.data.id, name: event.data.name });
        break;
      default:
        break;
    }
  }
  return chart;
}

/** Registering a unit: ids are unique across the whole organisation, and a station's street must exist. */
export function checkRegistration(chart: OrganisationChart, event: ReferenceEvent): void {
  if (!('id' in event.data)) return;
  const id = event.data.id;
  const taken = [...chart.streets, ...chart.stations, ...chart.departments, ...chart.cityDepartments].some((u) => u.id === id);
  if (taken) throw new DomainError('ORGANISATION.ID_TAKEN', `id "${id}" is already registered`, 'id');
  if (event.type === 'StationRegistered' && !chart.streets.some((s) => s.id === event.data.streetId)) {
    throw new DomainError('ORGANISATION.UNKNOWN_STREET', `street "${event.data.streetId}" is not registered`, 'streetId');
  }
}

/** The official calendar, with every year loaded since (a later load of a year replaces the earlier one). */
export function foldCalendar(events: readonly ReferenceEvent[], base: WorkingDayCalendar = WorkingDayCalendar.official()): WorkingDayCalendar {
  return events.reduce(
    (calendar, event) =>
      event.type === 'YearScheduleLoaded'
        ? calendar.withYear({ year: event.data.year, holidays: event.data.holidays, workdays: event.data.workdays, source: event.data.source })
        : calendar,
    base,
  );
}

/** The default policy from the beginning of time, then every version adopted. */
export function foldPolicy(events: readonly ReferenceEvent[], initial: Policy): PolicyBook {
  const versions: PolicyVersion[] = [{ version: 1, effectiveFrom: Number.NEGATIVE_INFINITY, policy: initial }];
  for (const event of events) {
    if (event.type === 'PolicyVersionAdopted') {
      versions.push({ version: event.data.version, effectiveFrom: parseInstant(event.data.effectiveFrom), policy: event.data.policy });
    }
  }
  return PolicyBook.fromVersions(versions);
}
