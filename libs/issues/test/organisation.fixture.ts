import { REFERENCE_STREAMS, type ReferenceEvent } from '@app/domain';
import type { EventStore } from '@app/event-store';
import { derivedEventId, toNewEvent } from '../src/event-envelope';

/** When the test organisations are registered: before anything of 2026 happens. */
export const REGISTERED_AT = '2026-01-01T00:00:00Z';

/** Registers an organisation as the admin API would: the first events of the organisation stream, ids derived from `cause`. */
export async function registerOrganisation(store: EventStore, events: readonly ReferenceEvent[], cause: string): Promise<void> {
  await store.appendToStream(
    REFERENCE_STREAMS.organisation,
    events.map((e, i) => toNewEvent(e, derivedEventId(`${cause}/${i}`))),
    { expectedRevision: 'no_stream' },
  );
}

/** Street jd with its station ws, and the district departments given. */
export function smallDistrict(...departments: { id: string; name: string }[]): ReferenceEvent[] {
  return [
    { type: 'StreetRegistered', data: { id: 'jd', name: '街道', at: REGISTERED_AT } },
    { type: 'StationRegistered', data: { id: 'ws', name: '工作站', streetId: 'jd', at: REGISTERED_AT } },
    ...departments.map(({ id, name }): ReferenceEvent => ({ type: 'DistrictDepartmentRegistered', data: { id, name, at: REGISTERED_AT } })),
  ];
}
