import { parse as parseYaml } from 'yaml';
import { Policy, resolvePolicy } from '../policy/policy';
import { isDomainError } from '../shared/domain-error';
import { EpochMs, parseInstant } from '../time/instant';
import { TimeZone } from '../time/time-zone';
import { OrganisationChart } from '../issue/organisation';
import { WhistleMode } from '../issue/issue.events';

/** One act of a scenario, checked for shape (scenarios/FORMAT.md); whether the rules allow it is the engine's call. */
export type ScenarioAct =
  | { do: 'raise'; issue: string; station: string; title: string }
  | { do: 'escalate'; issue: string }
  | { do: 'whistle'; issue: string; mode: WhistleMode; departments: string[]; cityDepartment?: string }
  | { do: 'addDepartment'; issue: string; department: string }
  | { do: 'feedback'; issue: string; department: string }
  | { do: 'meeting'; issue: string }
  | { do: 'resolve'; issue: string; department?: string }
  | { do: 'confirm'; issue: string }
  | { do: 'reject'; issue: string };

export type ScenarioStep = ScenarioAct & { index: number; at: EpochMs };

export interface Scenario {
  year: number;
  zone: TimeZone;
  policy: Policy;
  organisation: OrganisationChart;
  steps: ScenarioStep[];
  until?: EpochMs;
}

export class ScenarioProblems extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ScenarioProblems';
  }
}

export function parseScenarioText(text: string): unknown {
  // JSON is YAML too, but the YAML parser is far slower on a generated year of 100,000 issues.
  if (/^\s*[{[]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      // Not strict JSON (a YAML flow mapping, say): the YAML parser reads it or says what is wrong.
    }
  }
  try {
    return parseYaml(text);
  } catch (error) {
    throw new ScenarioProblems([`scenario: not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`]);
  }
}

/** What each act needs; a field an act does not use (a note for people, say) is ignored. */
const ACT_FIELDS: Record<ScenarioAct['do'], { required: string[]; optional: string[] }> = {
  raise: { required: ['issue', 'station'], optional: ['title'] },
  escalate: { required: ['issue'], optional: [] },
  whistle: { required: ['issue', 'mode', 'departments'], optional: ['cityDepartment'] },
  addDepartment: { required: ['issue', 'department'], optional: [] },
  feedback: { required: ['issue', 'department'], optional: [] },
  meeting: { required: ['issue'], optional: [] },
  resolve: { required: ['issue'], optional: ['department'] },
  confirm: { required: ['issue'], optional: [] },
  reject: { required: ['issue'], optional: [] },
};

/** Checks everything that can be checked without running the rules; every problem is reported, not just the first. */
export function readScenario(raw: unknown): Scenario {
  const problems: string[] = [];
  if (!isRecord(raw)) throw new ScenarioProblems(['scenario: must be a mapping with year, departments and steps']);

  const year = raw.year;
  if (!Number.isInteger(year) || (year as number) < 1949 || (year as number) > 9999) {
    problems.push('year: must be a whole number such as 2026');
  }

  let zone = new TimeZone('Asia/Shanghai');
  if (raw.timezone !== undefined) {
    try {
      zone = new TimeZone(String(raw.timezone));
    } catch {
      problems.push(`timezone: "${String(raw.timezone)}" is not a known IANA time zone`);
    }
  }

  let policy: Policy | undefined;
  try {
    policy = resolvePolicy(raw.policy);
  } catch (error) {
    problems.push(isDomainError(error) ? error.message : String(error));
  }

  const organisation: OrganisationChart = {
    streets: readUnits(raw, 'streets', problems),
    stations: readUnits(raw, 'stations', problems, 'street'),
    departments: readUnits(raw, 'departments', problems),
    cityDepartments: readUnits(raw, 'cityDepartments', problems),
  };
  const streetIds = new Set(organisation.streets.map((s) => s.id));
  organisation.stations.forEach((station, i) => {
    if (!streetIds.has(station.street)) problems.push(`stations[${i}]: street "${station.street}" is not among the streets`);
  });
  const districtIds = new Set(organisation.departments.map((d) => d.id));
  organisation.cityDepartments.forEach((d, i) => {
    if (districtIds.has(d.id)) problems.push(`cityDepartments[${i}]: "${d.id}" is also a district department`);
  });

  let until: EpochMs | undefined;
  if (raw.until !== undefined) {
    until = readInstant(raw.until, 'until', problems);
  }

  const steps: ScenarioStep[] = [];
  if (!Array.isArray(raw.steps)) {
    problems.push('steps: must be a list');
  } else {
    let previous: EpochMs | undefined;
    raw.steps.forEach((rawStep: unknown, index: number) => {
      const step = readStep(rawStep, index, problems);
      if (!step) return;
      if (previous !== undefined && step.at < previous) {
        problems.push(`step ${index}: time ${String((rawStep as Record<string, unknown>).at)} is earlier than the step before`);
      }
      if (until !== undefined && step.at > until) {
        problems.push(`step ${index}: time ${String((rawStep as Record<string, unknown>).at)} is after until`);
      }
      previous = step.at;
      steps.push(step);
    });
  }

  if (problems.length > 0 || policy === undefined) throw new ScenarioProblems(problems);
  return { year: year as number, zone, policy, organisation, steps, until };
}

function readStep(rawStep: unknown, index: number, problems: string[]): ScenarioStep | undefined {
  const where = `step ${index}`;
  if (!isRecord(rawStep)) {
    problems.push(`${where}: must be a mapping with at and do`);
    return undefined;
  }
  const before = problems.length;
  const at = readInstant(rawStep.at, `${where}: at`, problems);
  const act = rawStep.do;
  if (typeof act !== 'string' || !(act in ACT_FIELDS)) {
    problems.push(`${where}: do "${String(act)}" is not one of ${Object.keys(ACT_FIELDS).join(', ')}`);
    return undefined;
  }
  const fields = ACT_FIELDS[act as ScenarioAct['do']];
  for (const field of fields.required) {
    if (rawStep[field] === undefined || rawStep[field] === null) problems.push(`${where}: ${act} needs ${field}`);
  }
  for (const field of ['issue', 'station', 'title', 'department', 'cityDepartment']) {
    const value = rawStep[field];
    if (value !== undefined && value !== null && typeof value !== 'string' && typeof value !== 'number') {
      problems.push(`${where}: ${field} must be a string`);
    }
  }
  if (act === 'whistle') {
    if (!['single', 'joint', 'transfer'].includes(String(rawStep.mode))) {
      problems.push(`${where}: mode "${String(rawStep.mode)}" is not single, joint or transfer`);
    }
    const departments = rawStep.departments;
    if (departments !== undefined && departments !== null && !Array.isArray(departments) && typeof departments !== 'string') {
      problems.push(`${where}: departments must be a list of department ids`);
    }
  }
  if (problems.length > before || at === undefined) return undefined;
  const text = (field: string) => (rawStep[field] === undefined ? undefined : String(rawStep[field]));
  const step = { index, at, do: act } as Record<string, unknown>;
  for (const field of ['issue', 'station', 'title', 'department', 'cityDepartment', 'mode']) {
    if (rawStep[field] !== undefined) step[field] = text(field);
  }
  if (act === 'whistle') step.departments = ([] as unknown[]).concat(rawStep.departments).map(String);
  // A title is for people; an issue raised without one is shown by its id.
  if (act === 'raise' && step.title === undefined) step.title = step.issue;
  return step as unknown as ScenarioStep;
}

function readInstant(value: unknown, where: string, problems: string[]): EpochMs | undefined {
  const text = value instanceof Date ? undefined : value;
  if (typeof text !== 'string') {
    problems.push(`${where}: must be a quoted ISO-8601 time with an offset, like "2026-03-03T09:00:00+08:00"`);
    return undefined;
  }
  try {
    return parseInstant(text);
  } catch (error) {
    problems.push(`${where}: ${(error as Error).message}`);
    return undefined;
  }
}

function readUnits<K extends string>(
  raw: Record<string, unknown>,
  key: string,
  problems: string[],
  parentKey?: K,
): ({ id: string; name: string } & Record<K, string>)[] {
  const list = raw[key];
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    problems.push(`${key}: must be a list`);
    return [];
  }
  const seen = new Set<string>();
  const units: ({ id: string; name: string } & Record<K, string>)[] = [];
  list.forEach((unit: unknown, i: number) => {
    if (!isRecord(unit) || unit.id === undefined || unit.id === null || String(unit.id) === '') {
      problems.push(`${key}[${i}]: needs an id`);
      return;
    }
    const id = String(unit.id);
    if (seen.has(id)) problems.push(`${key}[${i}]: id "${id}" is used twice`);
    seen.add(id);
    if (parentKey && (unit[parentKey] === undefined || unit[parentKey] === null)) {
      problems.push(`${key}[${i}]: needs a ${parentKey}`);
      return;
    }
    const entry = { id, name: unit.name === undefined ? id : String(unit.name) } as { id: string; name: string } & Record<K, string>;
    if (parentKey) (entry as Record<string, string>)[parentKey] = String(unit[parentKey]);
    units.push(entry);
  });
  return units;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
