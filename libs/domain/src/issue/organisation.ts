/**
 * What the rules need to know of the organisation (RULES.md §1). The live system reads it from the
 * organisation registry; a scenario declares it inline.
 */
export interface Organisation {
  streetOfStation(stationId: string): string | undefined;
  isDistrictDepartment(departmentId: string): boolean;
  isCityDepartment(departmentId: string): boolean;
}

export interface OrganisationChart {
  streets: { id: string; name: string }[];
  stations: { id: string; name: string; street: string }[];
  departments: { id: string; name: string }[];
  cityDepartments: { id: string; name: string }[];
}

export function organisationOf(chart: OrganisationChart): Organisation {
  const stations = new Map(chart.stations.map((s) => [s.id, s.street]));
  const departments = new Set(chart.departments.map((d) => d.id));
  const cityDepartments = new Set(chart.cityDepartments.map((d) => d.id));
  return {
    streetOfStation: (stationId) => stations.get(stationId),
    isDistrictDepartment: (departmentId) => departments.has(departmentId),
    isCityDepartment: (departmentId) => cityDepartments.has(departmentId),
  };
}
