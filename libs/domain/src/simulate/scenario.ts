import { parse as parseYaml } from 'yaml';
import { SCHEDULE_YEARS, validateYearSchedule, YearSchedule } from '../calendar/working-day-calendar';
import { checkPolicy, Policy, PolicyVersion } from '../policy/policy';
import { EpochMs, parseInstant } from '../time/instant';
import { LocalDate } from '../time/local-date';
import { TimeZone } from '../time/time-zone';
import { OrganisationChart } from '../issue/organisation';
import { WhistleMode } from '../issue/issue.events';
import { AppealOutcome } from '../appeal/appeal.events';

/** One act on an issue, checked for shape (scenarios/FORMAT.md); whether the rules allow it is the engine's call. */
export type ScenarioIssueAct =
  | { do: 'raise'; issue: string; station: string; title: string }
  | { do: 'escalate'; issue: string }
  | { do: 'whistle'; issue: string; mode: WhistleMode; departments: string[]; cityDepartment?: string }
  | { do: 'addDepartment'; issue: string; department: string }
  | { do: 'feedback'; issue: string; department: string }
  | { do: 'meeting'; issue: string }
  | { do: 'resolve'; issue: string; department?: string }
  | { do: 'confirm'; issue: string }
  | { do: 'reject'; issue: string };

/** The State Council notice of a year arrives: its schedule is published from this step on. */
export interface PublishCalendarAct {
  do: 'publishCalendar';
  year: number;
  holidays: LocalDate[];
  workdays: LocalDate[];
}

/**
 * Supervisors' base-score decisions and departments' appeals (FORMAT.md version 2). An appeal names its
 * `feedback-missed` entry by department, issue and due instant; a recorded one (`simulate --from-store`) also by the
 * deadline's id, which other rules keep while they move its due instant.
 */
export type AccountabilityAct =
  | { do: 'adjustBase'; department: string; points: number; reason: string }
  | ({ do: 'appeal'; department: string; issue: string; due: EpochMs; reason: string } & RecordedDeadline)
  | ({ do: 'decideAppeal'; department: string; issue: string; due: EpochMs; outcome: AppealOutcome } & RecordedDeadline);

/** The id of the deadline a recorded appeal was filed against; a scenario file has none (FORMAT.md names the due instant). */
export interface RecordedDeadline {
  deadlineId?: string;
}

/** What a recorded appeal that came after the appeal period of the run's rules does: it stands, or it is moot. */
export const APPEALS_OUT_OF_TIME = ['stand', 'moot'] as const;
export type AppealsOutOfTime = (typeof APPEALS_OUT_OF_TIME)[number];

export type ScenarioAct = ScenarioIssueAct | PublishCalendarAct | AccountabilityAct;

/** A base-score decision or an appeal's step: kept apart from the steps the issue workflows take. */
export const isAccountabilityAct = (act: { do: string }): act is AccountabilityAct =>
  act.do === 'adjustBase' || act.do === 'appeal' || act.do === 'decideAppeal';
export type ScenarioIssueStep = ScenarioIssueAct & { index: number; at: EpochMs };
export type AccountabilityStep = AccountabilityAct & { index: number; at: EpochMs };
/** A step on an issue or the calendar: what the live path drives. */
export type ScenarioStep = (ScenarioIssueAct | PublishCalendarAct) & { index: number; at: EpochMs };

export interface Scenario {
  year: number;
  zone: TimeZone;
  policy: Policy;
  /** The policy in force at each instant, when it changes during the scenario (a recorded history); else `policy` throughout. */
  policyVersions?: PolicyVersion[];
  organisation: OrganisationChart;
  /** Schedules published before the scenario starts, added to (or replacing) the ones the engine carries. */
  calendars: YearSchedule[];
  steps: ScenarioStep[];
  /** Base-score decisions and appeals, kept apart from `steps` (the issue workflows do not take them); `index` orders both. */
  accountabilitySteps: AccountabilityStep[];
  until?: EpochMs;
  /** A recorded history's (`simulate --from-store`): see AppealsOutOfTime; default `stand` (docs/simulate.md). */
  appealsOutOfTime?: AppealsOutOfTime;
}

/** A problem with a scenario: of the file as a whole, or of one step (and the issue it acts on, if known). */
export interface ScenarioProblem {
  step?: number;
  issue?: string;
  message: string;
}

export class ScenarioProblems extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ScenarioProblems';
  }
}

/**
 * The lines to print: problems of the file first, then by step; once a step on an issue is refused, the problems
 * of later steps on that issue are consequences and are left out.
 */
export function problemLines(problems: readonly ScenarioProblem[]): string[] {
  const firstRefused = new Map<string, number>();
  for (const p of problems) {
    if (p.step !== undefined && p.issue !== undefined && p.step < (firstRefused.get(p.issue) ?? Infinity))
      firstRefused.set(p.issue, p.step);
  }
  return problems
    .filter((p) => p.step === undefined || p.issue === undefined || firstRefused.get(p.issue) === p.step)
    .map((p, order) => ({ p, order }))
    .sort((a, b) => (a.p.step ?? -1) - (b.p.step ?? -1) || a.order - b.order)
    .map(({ p }) => (p.step === undefined ? p.message : `step ${p.step}: ${p.message}`));
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

const SCENARIO_KEYS = [
  'year',
  'timezone',
  'policy',
  'calendars',
  'streets',
  'stations',
  'departments',
  'cityDepartments',
  'steps',
  'until',
];

/** The keys of each act besides `at` and `do`. */
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
  publishCalendar: { required: ['year', 'holidays', 'workdays'], optional: [] },
  adjustBase: { required: ['department', 'points', 'reason'], optional: [] },
  appeal: { required: ['department', 'issue', 'due', 'reason'], optional: [] },
  decideAppeal: { required: ['department', 'issue', 'due', 'outcome'], optional: [] },
};

/** The keys each act may have, `at` and `do` included: checked on every step of a file of 600,000. */
const ACT_KEYS = Object.fromEntries(
  Object.entries(ACT_FIELDS).map(([act, { required, optional }]) => [act, ['at', 'do', ...required, ...optional]]),
) as Record<ScenarioAct['do'], string[]>;

const APPEAL_ACTS = ['appeal', 'decideAppeal'];
const APPEAL_OUTCOMES: readonly AppealOutcome[] = ['upheld', 'overturned'];

/**
 * What a step's problems are grouped by (ScenarioProblem.issue): the issue it acts on, or for an appeal's steps the
 * deduction appealed, so a refused appeal hides its decision's problems but not the issue's own.
 */
export function problemKeyOf(step: Record<string, unknown>): string | undefined {
  if (!isId(step.issue)) return undefined;
  if (typeof step.do === 'string' && APPEAL_ACTS.includes(step.do))
    return `appeal ${String(step.department)} ${String(step.issue)} ${String(step.due)}`;
  return String(step.issue);
}

const ID_FIELDS = ['issue', 'station', 'department', 'cityDepartment'];
/** The fields of an act kept as text on its step. */
const TEXT_FIELDS = [...ID_FIELDS, 'title', 'mode'];

/** A value as the scenario's author wrote it, for a message. */
const shown = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));
const isId = (value: unknown): value is string | number => (typeof value === 'string' && value !== '') || typeof value === 'number';

/** A valid scenario, or ScenarioProblems listing every problem that can be found without running the rules. */
export function readScenario(raw: unknown): Scenario {
  const { scenario, problems } = checkScenario(raw);
  if (scenario === undefined || problems.length > 0) throw new ScenarioProblems(problemLines(problems));
  return scenario;
}

/**
 * Every problem that can be found without running the rules, each with its step and issue. The scenario is given
 * when its header (year, zone, policy, calendars, organisation) is sound, with the steps that are: the rules can
 * then still be run to report their own problems beside these.
 */
export function checkScenario(raw: unknown): { scenario?: Scenario; problems: ScenarioProblem[] } {
  const problems: ScenarioProblem[] = [];
  const problem = (message: string) => problems.push({ message });
  if (!isRecord(raw)) return { problems: [{ message: 'scenario: must be a mapping with year, departments and steps' }] };
  unknownKeys(raw, SCENARIO_KEYS, 'scenario').forEach(problem);

  const year = raw.year;
  const yearValid = Number.isInteger(year) && (year as number) >= SCHEDULE_YEARS.first && (year as number) <= SCHEDULE_YEARS.last;
  if (!yearValid) problem(`year: must be a whole number from ${SCHEDULE_YEARS.first} to ${SCHEDULE_YEARS.last}, not ${shown(year)}`);

  let zone = new TimeZone('Asia/Shanghai');
  if (raw.timezone !== undefined) {
    try {
      zone = new TimeZone(String(raw.timezone));
    } catch {
      problem(`timezone: ${shown(raw.timezone)} is not a known IANA time zone`);
    }
  }

  const { policy, problems: policyProblems } = checkPolicy(raw.policy);
  policyProblems.forEach((p) => problem(`${p.field}: ${p.reason}`));

  const calendars = readCalendars(raw.calendars, problems);
  const organisation: OrganisationChart = {
    streets: readUnits(raw, 'streets', problems),
    stations: readUnits(raw, 'stations', problems, 'street'),
    departments: readUnits(raw, 'departments', problems),
    cityDepartments: readUnits(raw, 'cityDepartments', problems),
  };
  const streetIds = new Set(organisation.streets.map((s) => s.id));
  organisation.stations.forEach((station, i) => {
    if (!streetIds.has(station.street)) problem(`stations[${i}]: street "${station.street}" is not among the streets`);
  });
  const districtIds = new Set(organisation.departments.map((d) => d.id));
  organisation.cityDepartments.forEach((d, i) => {
    if (districtIds.has(d.id)) problem(`cityDepartments[${i}]: "${d.id}" is also a district department`);
  });

  const until = raw.until === undefined ? undefined : readInstant(raw.until, 'until', zone, (message) => problem(message));
  const headerSound = problems.length === 0;

  const steps: ScenarioStep[] = [];
  const accountabilitySteps: AccountabilityStep[] = [];
  if (!Array.isArray(raw.steps)) {
    problem(`steps: must be a list, not ${shown(raw.steps)}`);
  } else {
    let previous: EpochMs | undefined;
    raw.steps.forEach((rawStep: unknown, index: number) => {
      const issue = isRecord(rawStep) ? problemKeyOf(rawStep) : undefined;
      const refuse = (message: string) => problems.push({ step: index, issue, message });
      const step = readStep(rawStep, index, zone, refuse);
      if (!step) return;
      const written = (rawStep as Record<string, unknown>).at as string;
      if (previous !== undefined && step.at < previous) return refuse(`time ${written} is earlier than the step before`);
      if (until !== undefined && step.at > until) return refuse(`time ${written} is after until`);
      previous = step.at;
      if (isAccountabilityAct(step)) accountabilitySteps.push(step);
      else steps.push(step);
    });
  }

  if (!headerSound || policy === undefined) return { problems };
  return { scenario: { year: year as number, zone, policy, organisation, calendars, steps, accountabilitySteps, until }, problems };
}

function readStep(
  rawStep: unknown,
  index: number,
  zone: TimeZone,
  refuse: (message: string) => void,
): ScenarioStep | AccountabilityStep | undefined {
  if (!isRecord(rawStep)) {
    refuse(`must be a mapping with at and do, not ${shown(rawStep)}`);
    return undefined;
  }
  let refused = false;
  const problem = (message: string) => {
    refused = true;
    refuse(message);
  };
  const at = readInstant(rawStep.at, 'at', zone, problem);
  const act = rawStep.do;
  if (typeof act !== 'string' || !(act in ACT_FIELDS)) {
    problem(`${act === undefined ? 'needs do' : `do ${shown(act)} is not an act`}: one of ${Object.keys(ACT_FIELDS).join(', ')}`);
    return undefined;
  }
  const fields = ACT_FIELDS[act as ScenarioAct['do']];
  unknownKeys(rawStep, ACT_KEYS[act as ScenarioAct['do']], act).forEach(problem);
  for (const field of fields.required) {
    if (rawStep[field] === undefined || rawStep[field] === null) problem(`${act} needs ${field}`);
  }
  for (const field of ID_FIELDS) {
    const value = rawStep[field];
    if (value !== undefined && value !== null && !isId(value)) problem(`${field} must be an id (a string), not ${shown(value)}`);
  }
  const title = rawStep.title;
  if (title !== undefined && title !== null && typeof title !== 'string' && typeof title !== 'number') {
    problem(`title must be text, not ${shown(title)}`);
  }
  if (act === 'whistle') {
    if (rawStep.mode !== undefined && !['single', 'joint', 'transfer'].includes(rawStep.mode as string)) {
      problem(`mode ${shown(rawStep.mode)} is not single, joint or transfer`);
    }
    const departments = rawStep.departments;
    if (departments !== undefined && departments !== null) {
      const list = Array.isArray(departments) ? departments : [departments];
      list.forEach((d, i) => {
        if (!isId(d)) problem(`departments${Array.isArray(departments) ? `[${i}]` : ''} must be a department id, not ${shown(d)}`);
      });
    }
  }
  const accountability =
    act === 'adjustBase' || act === 'appeal' || act === 'decideAppeal' ? readAccountability(rawStep, act, zone, problem) : undefined;
  let schedule: YearSchedule | undefined;
  if (act === 'publishCalendar' && rawStep.year !== undefined && rawStep.holidays !== undefined && rawStep.workdays !== undefined) {
    schedule = { year: rawStep.year as number, holidays: rawStep.holidays as LocalDate[], workdays: rawStep.workdays as LocalDate[] };
    validateYearSchedule(schedule).forEach((p) => problem(`publishCalendar: ${p}`));
  }
  if (refused || at === undefined) return undefined;
  if (accountability) return { index, at, ...accountability };
  if (schedule) return { index, at, do: 'publishCalendar', year: schedule.year, holidays: schedule.holidays, workdays: schedule.workdays };
  const step = { index, at, do: act } as Record<string, unknown>;
  for (const field of TEXT_FIELDS) {
    if (rawStep[field] !== undefined && rawStep[field] !== null) step[field] = String(rawStep[field]);
  }
  if (act === 'whistle') step.departments = ([] as unknown[]).concat(rawStep.departments).map(String);
  // A title is for people; an issue raised without one is shown by its id.
  if (act === 'raise' && step.title === undefined) step.title = step.issue;
  return step as unknown as ScenarioStep;
}

/** The fields of a base-score decision or an appeal step, checked for shape; undefined when one is missing or wrong. */
function readAccountability(
  rawStep: Record<string, unknown>,
  act: AccountabilityAct['do'],
  zone: TimeZone,
  problem: (message: string) => void,
): AccountabilityAct | undefined {
  const department = rawStep.department;
  if (!isId(department)) return undefined;
  if (act === 'adjustBase') {
    const { points, reason } = rawStep;
    if (points === undefined || reason === undefined) return undefined;
    if (typeof points !== 'number' || !Number.isFinite(points)) return void problem(`points must be a number, not ${shown(points)}`);
    if (typeof reason !== 'string' && typeof reason !== 'number') return void problem(`reason must be text, not ${shown(reason)}`);
    return { do: act, department: String(department), points, reason: String(reason) };
  }
  if (!isId(rawStep.issue) || rawStep.due === undefined) return undefined;
  const due = readInstant(rawStep.due, 'due', zone, problem);
  if (due === undefined) return undefined;
  const issue = String(rawStep.issue);
  if (act === 'appeal') {
    const reason = rawStep.reason;
    if (reason === undefined) return undefined;
    if (typeof reason !== 'string' && typeof reason !== 'number') return void problem(`reason must be text, not ${shown(reason)}`);
    return { do: act, department: String(department), issue, due, reason: String(reason) };
  }
  const outcome = rawStep.outcome;
  if (outcome === undefined) return undefined;
  if (!APPEAL_OUTCOMES.includes(outcome as AppealOutcome)) return void problem(`outcome ${shown(outcome)} is not upheld or overturned`);
  return { do: act, department: String(department), issue, due, outcome: outcome as AppealOutcome };
}

/** FORMAT.md: ISO 8601 with an offset, a day that exists, and within the years the engine counts. */
function readInstant(value: unknown, where: string, zone: TimeZone, problem: (message: string) => void): EpochMs | undefined {
  if (typeof value !== 'string') {
    problem(
      `${where}: must be a quoted ISO-8601 time with an offset, like "2026-03-03T09:00:00+08:00", not ${shown(value instanceof Date ? value.toISOString() : value)}`,
    );
    return undefined;
  }
  let instant: EpochMs;
  try {
    instant = parseInstant(value);
  } catch (error) {
    problem(`${where}: ${(error as Error).message}`);
    return undefined;
  }
  const years = scheduleYearsIn(zone);
  if (instant < years.from || instant >= years.to) {
    problem(`${where}: "${value}" is outside the years ${SCHEDULE_YEARS.first} to ${SCHEDULE_YEARS.last}`);
    return undefined;
  }
  return instant;
}

const scheduleYearsOfZone = new WeakMap<TimeZone, { from: EpochMs; to: EpochMs }>();

/** From the first instant of the first schedule year to the first after the last, in the zone. */
function scheduleYearsIn(zone: TimeZone): { from: EpochMs; to: EpochMs } {
  let years = scheduleYearsOfZone.get(zone);
  if (years === undefined) {
    years = { from: zone.startOfDay(`${SCHEDULE_YEARS.first}-01-01`), to: zone.startOfDay(`${SCHEDULE_YEARS.last + 1}-01-01`) };
    scheduleYearsOfZone.set(zone, years);
  }
  return years;
}

function readCalendars(raw: unknown, problems: ScenarioProblem[]): YearSchedule[] {
  if (raw === undefined) return [];
  if (!isRecord(raw)) {
    problems.push({ message: `calendars: must be a mapping from year to its schedule, not ${shown(raw)}` });
    return [];
  }
  const schedules: YearSchedule[] = [];
  for (const [key, entry] of Object.entries(raw)) {
    const where = `calendars.${key}`;
    if (!isRecord(entry)) {
      problems.push({ message: `${where}: must be a mapping with holidays and workdays, not ${shown(entry)}` });
      continue;
    }
    const before = problems.length;
    unknownKeys(entry, ['holidays', 'workdays'], where).forEach((message) => problems.push({ message }));
    for (const field of ['holidays', 'workdays']) {
      if (entry[field] === undefined) problems.push({ message: `${where}: needs ${field} (a list of dates, maybe empty)` });
    }
    if (problems.length > before) continue;
    const schedule: YearSchedule = {
      year: /^\d+$/.test(key) ? Number(key) : Number.NaN,
      holidays: entry.holidays as LocalDate[],
      workdays: entry.workdays as LocalDate[],
    };
    const invalid = validateYearSchedule(schedule);
    invalid.forEach((p) => problems.push({ message: `${where}: ${p}` }));
    if (invalid.length === 0) schedules.push(schedule);
  }
  return schedules;
}

function readUnits<K extends string>(
  raw: Record<string, unknown>,
  key: string,
  problems: ScenarioProblem[],
  parentKey?: K,
): ({ id: string; name: string } & Record<K, string>)[] {
  const problem = (message: string) => problems.push({ message });
  const list = raw[key];
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    problem(`${key}: must be a list, not ${shown(list)}`);
    return [];
  }
  const seen = new Set<string>();
  const units: ({ id: string; name: string } & Record<K, string>)[] = [];
  list.forEach((unit: unknown, i: number) => {
    const where = `${key}[${i}]`;
    if (!isRecord(unit)) return problem(`${where}: must be a mapping with an id, not ${shown(unit)}`);
    unknownKeys(unit, ['id', 'name', ...(parentKey ? [parentKey] : [])], where).forEach(problem);
    if (!isId(unit.id)) return problem(`${where}: needs an id (a string), not ${shown(unit.id)}`);
    const id = String(unit.id);
    if (seen.has(id)) problem(`${where}: id "${id}" is used twice`);
    seen.add(id);
    if (parentKey && !isId(unit[parentKey])) return problem(`${where}: needs a ${parentKey} (an id), not ${shown(unit[parentKey])}`);
    const entry = { id, name: unit.name === undefined ? id : String(unit.name) } as { id: string; name: string } & Record<K, string>;
    if (parentKey) (entry as Record<string, string>)[parentKey] = String(unit[parentKey]);
    units.push(entry);
  });
  return units;
}

function unknownKeys(record: Record<string, unknown>, known: readonly string[], where: string): string[] {
  let unknown = false;
  for (const key in record) if (!known.includes(key)) unknown = true;
  if (!unknown) return [];
  return Object.keys(record)
    .filter((key) => !known.includes(key))
    .map((key) => `${where}: unknown key ${JSON.stringify(key)} (known: ${known.join(', ')})`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
