import { readScenario, Scenario } from '@app/domain';

const DEPARTMENT_NAMES = { cg: '区城管局', zj: '区住建局' } as const;

/** The small district the Temporal specs register: one street, its station hbc, and the district departments given. */
export function huatingChart(...departments: (keyof typeof DEPARTMENT_NAMES)[]): Scenario {
  return readScenario({
    year: 2026,
    streets: [{ id: 'htl', name: '花亭路街道' }],
    stations: [{ id: 'hbc', name: '花亭北村社区红领工作站', street: 'htl' }],
    departments: departments.map((id) => ({ id, name: DEPARTMENT_NAMES[id] })),
    steps: [],
  });
}
