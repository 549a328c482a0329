import { createContext, useContext } from 'react';
import type { Organisation } from '../api/types';

/** The organisation chart (readable by every role), for names in place of ids. */
export const OrganisationContext = createContext<Organisation | undefined>(undefined);

export function useUnitNames() {
  const organisation = useContext(OrganisationContext);
  const names = new Map<string, string>();
  for (const unit of [...(organisation?.streets ?? []), ...(organisation?.stations ?? []), ...(organisation?.departments ?? []), ...(organisation?.cityDepartments ?? [])]) {
    names.set(unit.id, unit.name);
  }
  return { organisation, name: (id: string | null | undefined) => (id === null || id === undefined ? '—' : (names.get(id) ?? id)) };
}
