import { WorkingDayCalendar, YearSchedule } from '../calendar/working-day-calendar';
import { instantOfIssueEvent, IssueEvent, IssueEventOf, IssueEventType, ISSUE_EVENT_SCHEMA_VERSIONS } from '../issue/issue.events';
import { checkPolicy, DEFAULT_POLICY, Policy, PolicyVersion } from '../policy/policy';
import { foldOrganisation, REFERENCE_EVENT_SCHEMA_VERSIONS, ReferenceEvent } from '../reference/reference.events';
import { EpochMs, parseInstant, toIso } from '../time/instant';
import { TimeZone } from '../time/time-zone';
import { AppealDecision, AppealEvent, AppealOutcome } from '../appeal/appeal.events';
import { DepartmentEvent } from '../department/department.events';
import {
  AccountabilityAct,
  AccountabilityStep,
  AppealsOutOfTime,
  isAccountabilityAct,
  Scenario,
  ScenarioAct,
  ScenarioIssueAct,
  ScenarioProblems,
  ScenarioStep,
} from './scenario';
import { simulate, SimulationResult } from './simulation';

/** One stored event of the recorded history, as the reader hands it over in the store's commit (global) order. */
export interface RecordedAct {
  /** Its global position: the commit order, and how a problem names it. */
  position: bigint;
  /** The issue whose stream holds it; absent for the reference streams (organisation, calendar, policy). */
  issueId?: string;
  type: string;
  data: unknown;
}

/**
 * What an issue event stands for in a scenario: the act a person did (a step), or null for what the rules did
 * themselves (deadlines set, met, missed, cancelled or recomputed, reminders; time limits set and the escalations they
 * fired) or for an act that scores nothing (urgings),
 * which a run under any policy computes again. Keyed by every issue event type, so a new one does not compile
 * until it is given its place here.
 */
const ISSUE_ACTS: { [T in IssueEventType]: (data: IssueEventOf<T>['data'], issue: string) => ScenarioIssueAct | null } = {
  IssueRaised: (data, issue) => ({ do: 'raise', issue, station: data.stationId, title: data.title }),
  IssueEscalated: (data, issue) => (data.cause === 'manual' ? { do: 'escalate', issue } : null),
  WhistleBlown: (data, issue) => ({
    do: 'whistle',
    issue,
    mode: data.mode,
    departments: [...data.departments],
    ...(data.cityDepartment !== undefined ? { cityDepartment: data.cityDepartment } : {}),
  }),
  DepartmentAdded: (data, issue) => ({ do: 'addDepartment', issue, department: data.departmentId }),
  FeedbackGiven: (data, issue) => ({ do: 'feedback', issue, department: data.departmentId }),
  CoordinationMeetingHeld: (_, issue) => ({ do: 'meeting', issue }),
  ResolutionReported: (data, issue) => ({
    do: 'resolve',
    issue,
    ...(data.departmentId !== undefined ? { department: data.departmentId } : {}),
  }),
  ClosingConfirmed: (_, issue) => ({ do: 'confirm', issue }),
  ClosingRejected: (_, issue) => ({ do: 'reject', issue }),
  DepartmentsUrged: () => null,
  LevelTimeLimitSet: () => null,
  FeedbackDeadlineSet: () => null,
  FeedbackDeadlineRecomputed: () => null,
  FeedbackDeadlineMet: () => null,
  FeedbackDeadlineMissed: () => null,
  FeedbackDeadlineCancelled: () => null,
  FeedbackReminderSent: () => null,
};

/** What the translation knows while it reads: the replayed year, and the recorded due instant of each appealed deadline. */
interface OtherActContext {
  year: number;
  /** By deadline id, from its AppealFiled: a decision names the deadline, a scenario's step its due instant too. */
  appealedDue: Map<string, EpochMs>;
}

type OtherEvent = Extract<DepartmentEvent, { type: 'LedgerEntryRecorded' }> | AppealEvent;
type OtherAct = { at: EpochMs; act: AccountabilityAct } | null | string;

const decision =
  (outcome: AppealOutcome) =>
  (data: AppealDecision, { appealedDue }: OtherActContext): OtherAct => {
    const due = appealedDue.get(data.deadlineId);
    if (due === undefined) return `decides appeal ${data.appealId}, which was never filed`;
    const { departmentId: department, issueId: issue, deadlineId } = data;
    return { at: parseInstant(data.at), act: { do: 'decideAppeal', department, issue, due, deadlineId, outcome } };
  };

/**
 * Acts recorded outside the issue and reference streams (FORMAT.md version 2), by event type: a supervisors' base-score
 * decision (the ledger's `base-adjusted` entry of the year) and a department's appeal and its decision. The ledger's
 * other entries are what the rules booked — base, deductions, closings, a deduction given back on an overturn — and
 * are booked again by the run (null), as is an adjustment of another year, which the year's ranking does not count.
 * A text is a problem: the history cannot be replayed. Meeting records (`meeting-<id>`) are not read: attendance
 * scores nothing by itself, only the base-score decision citing it does.
 */
const OTHER_ACTS: { [T in OtherEvent['type']]: (data: Extract<OtherEvent, { type: T }>['data'], context: OtherActContext) => OtherAct } = {
  LedgerEntryRecorded: (data, { year }) =>
    data.reason === 'base-adjusted' && data.year === year
      ? {
          at: parseInstant(data.at),
          act: { do: 'adjustBase', department: data.departmentId, points: data.points, reason: data.explanation ?? '' },
        }
      : null,
  AppealFiled: (data, { appealedDue }) => {
    const due = parseInstant(data.due);
    appealedDue.set(data.deadlineId, due);
    return {
      at: parseInstant(data.at),
      act: { do: 'appeal', department: data.departmentId, issue: data.issueId, due, deadlineId: data.deadlineId, reason: data.reason },
    };
  },
  AppealUpheld: decision('upheld'),
  AppealOverturned: decision('overturned'),
};

/** The act an event outside the issue and reference streams stands for; undefined when the translation does not know it. */
function otherActOf(recorded: RecordedAct, context: OtherActContext): OtherAct | undefined {
  if (recorded.issueId !== undefined || !Object.hasOwn(OTHER_ACTS, recorded.type)) return undefined;
  return (OTHER_ACTS[recorded.type as OtherEvent['type']] as (data: unknown, context: OtherActContext) => OtherAct)(recorded.data, context);
}

/** The stream categories a recorded history is read from, besides the reference streams. */
export const HISTORY_CATEGORIES: readonly string[] = ['issue', 'ledger', 'appeal'];

export interface HistoryReplayOptions {
  /** The year that is ranked. */
  year: number;
  zone: TimeZone;
  /** The policy before any adopted version: what the live system starts from (ReferenceData's initial policy). */
  initialPolicy?: Policy;
  /** The official calendar the live system starts from, before any schedule was loaded. */
  calendar?: WorkingDayCalendar;
  /** Where the clock stops; default: the year end of `year`. */
  until?: EpochMs;
  /** Policy values that replace the recorded ones from the start of `year` on (a what-if); checked, problems named. */
  overrides?: unknown;
  /** What a recorded appeal after the appeal period of the run's rules does; default `stand` (docs/simulate.md). */
  appealsOutOfTime?: AppealsOutOfTime;
}

export interface HistoryReplay {
  scenario: Scenario;
  /** The global position of the recorded event each step stands for, by step index. */
  positions: bigint[];
}

/**
 * The recorded history of the live system as a scenario: the same steps `simulate` runs (FORMAT.md), the organisation
 * and calendar as registered, the policy versions as adopted (with `overrides` laid over each in force from the start
 * of the year). Every issue act up to `until` is a step, earlier years' too: an issue open at New Year and a
 * department's run of missed deadlines carry over. Steps are in time order, equal times in commit order. Throws
 * HistoryProblems for an override that is not a policy value or an event no step stands for.
 */
export function scenarioOfHistory(history: readonly RecordedAct[], options: HistoryReplayOptions): HistoryReplay {
  const { year, zone } = options;
  const problems: string[] = [];
  const reference: ReferenceEvent[] = [];
  const versions: PolicyVersion[] = [
    { version: 1, effectiveFrom: Number.NEGATIVE_INFINITY, policy: options.initialPolicy ?? DEFAULT_POLICY },
  ];
  const acts: { at: EpochMs; position: bigint; act: ScenarioAct }[] = [];
  const loads: { at: EpochMs; position: bigint; schedule: YearSchedule }[] = [];
  const otherContext: OtherActContext = { year, appealedDue: new Map() };

  for (const recorded of history) {
    const where = `event ${recorded.position} (${recorded.type})`;
    if (recorded.issueId !== undefined && Object.hasOwn(ISSUE_EVENT_SCHEMA_VERSIONS, recorded.type)) {
      const event = { type: recorded.type, data: recorded.data } as IssueEvent;
      const act = (ISSUE_ACTS[event.type] as (data: unknown, issue: string) => ScenarioIssueAct | null)(event.data, recorded.issueId);
      if (act !== null) acts.push({ at: instantOfIssueEvent(event) as EpochMs, position: recorded.position, act });
    } else if (recorded.issueId === undefined && Object.hasOwn(REFERENCE_EVENT_SCHEMA_VERSIONS, recorded.type)) {
      const event = { type: recorded.type, data: recorded.data } as ReferenceEvent;
      reference.push(event);
      if (event.type === 'YearScheduleLoaded') {
        const { year: scheduleYear, holidays, workdays } = event.data;
        loads.push({ at: parseInstant(event.data.at), position: recorded.position, schedule: { year: scheduleYear, holidays, workdays } });
      }
      if (event.type === 'PolicyVersionAdopted') {
        versions.push({ version: event.data.version, effectiveFrom: parseInstant(event.data.effectiveFrom), policy: event.data.policy });
      }
    } else {
      const act = otherActOf(recorded, otherContext);
      if (typeof act === 'string') problems.push(`${where}: ${act}`);
      else if (act === undefined) problems.push(`${where}: no step stands for this event, so the history cannot be replayed`);
      else if (act !== null) acts.push({ ...act, position: recorded.position });
    }
  }

  const yearStart = zone.startOfDay(`${String(year).padStart(4, '0')}-01-01`);
  let policyVersions = versions;
  if (options.overrides !== undefined) {
    const overrideProblems: string[] = [];
    policyVersions = overridden(versions, yearStart, options.overrides, overrideProblems);
    if (overrideProblems.length > 0) throw new HistoryProblems('overrides', overrideProblems);
  }
  const policy = inForce(policyVersions, yearStart);
  const until = options.until ?? zone.atLocalTime(`${year + 1}-01-01`, policy.yearEnd.hour, policy.yearEnd.minute);

  // A schedule loaded before the first act is known from the start; a later one is published by a step, unless it
  // replaces a year already published, which a scenario cannot say (its steps only publish years not yet known).
  const firstAct = acts.reduce((first, a) => Math.min(first, a.at), Number.POSITIVE_INFINITY);
  const calendars: YearSchedule[] = [];
  let calendar = options.calendar ?? WorkingDayCalendar.official();
  for (const load of loads) {
    if (load.at < firstAct) {
      calendars.push(load.schedule);
    } else if (calendar.isPublished(load.schedule.year)) {
      problems.push(
        `event ${load.position} (YearScheduleLoaded): replaces the published schedule of ${load.schedule.year} after the first act, which a replay cannot do`,
      );
      continue;
    } else {
      acts.push({ at: load.at, position: load.position, act: { do: 'publishCalendar', ...load.schedule } });
    }
    calendar = calendar.withYear(load.schedule);
  }
  if (problems.length > 0) throw new HistoryProblems('history', problems);

  const kept = acts
    .filter((a) => a.at <= until)
    .sort((a, b) => a.at - b.at || (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  const steps: ScenarioStep[] = [];
  const accountabilitySteps: AccountabilityStep[] = [];
  kept.forEach(({ at, act }, index) => {
    if (isAccountabilityAct(act)) accountabilitySteps.push({ ...act, index, at });
    else steps.push({ ...act, index, at });
  });
  return {
    scenario: {
      year,
      zone,
      policy,
      policyVersions,
      organisation: foldOrganisation(reference),
      calendars,
      steps,
      accountabilitySteps,
      until,
      ...(options.appealsOutOfTime !== undefined ? { appealsOutOfTime: options.appealsOutOfTime } : {}),
    },
    positions: kept.map((a) => a.position),
  };
}

/**
 * Why a history could not be replayed, one line per problem: `overrides`, a policy value that is not one (each line
 * names the field); `history`, an event no step stands for; `refused`, recorded acts the rules refuse under the
 * policy of the run (each line names the event by its global position).
 */
export class HistoryProblems extends Error {
  constructor(
    readonly kind: 'overrides' | 'history' | 'refused',
    readonly problems: string[],
  ) {
    super(problems.join('\n'));
    this.name = 'HistoryProblems';
  }
}

/** The recorded history run through `simulate`: the result in the usual format (FORMAT.md), or HistoryProblems. */
export function replayHistory(
  history: readonly RecordedAct[],
  options: HistoryReplayOptions,
  calendar: WorkingDayCalendar = options.calendar ?? WorkingDayCalendar.official(),
): SimulationResult {
  const replay = scenarioOfHistory(history, { ...options, calendar });
  try {
    return simulate(replay.scenario, calendar);
  } catch (error) {
    if (!(error instanceof ScenarioProblems)) throw error;
    throw new HistoryProblems(
      'refused',
      error.problems.map((line) => historyProblemLine(line, replay)),
    );
  }
}

/**
 * The instant up to which a history speaks: its latest act or consequence, e.g. the due instant of the last miss, or a
 * base-score decision or appeal after every issue act.
 */
export function lastRecordedInstant(history: readonly RecordedAct[]): EpochMs | undefined {
  let last: EpochMs | undefined;
  const appealedDue = new Map<string, EpochMs>();
  for (const recorded of history) {
    let at: EpochMs | undefined;
    if (recorded.issueId !== undefined && Object.hasOwn(ISSUE_EVENT_SCHEMA_VERSIONS, recorded.type)) {
      at = instantOfIssueEvent({ type: recorded.type, data: recorded.data } as IssueEvent);
    } else {
      // An adjustment of any year is an act the store speaks of.
      const act = otherActOf(recorded, { year: (recorded.data as { year?: number }).year ?? Number.NaN, appealedDue });
      if (act !== undefined && act !== null && typeof act !== 'string') at = act.at;
    }
    if (at !== undefined && (last === undefined || at > last)) last = at;
  }
  return last;
}

/**
 * The recorded versions with the overrides laid over each one in force from `from` on: the version in force at
 * `from` is split there, so the time before keeps the rules it had. Problems name the field (`policy.feedback.count`).
 */
function overridden(versions: readonly PolicyVersion[], from: EpochMs, overrides: unknown, problems: string[]): PolicyVersion[] {
  const sorted = [...versions].sort((a, b) => a.effectiveFrom - b.effectiveFrom);
  const before = sorted.filter((v) => v.effectiveFrom < from);
  const after = sorted.filter((v) => v.effectiveFrom >= from);
  const atStart = after.length > 0 && after[0].effectiveFrom === from ? [] : [{ ...before[before.length - 1], effectiveFrom: from }];
  const seen = new Set<string>();
  const laid = [...atStart, ...after].map((version) => {
    const { policy, problems: found } = checkPolicy(overrides, version.policy);
    for (const p of found) {
      const line = `${p.field}: ${p.reason}`;
      if (!seen.has(line)) problems.push(line);
      seen.add(line);
    }
    return { ...version, policy: policy ?? version.policy };
  });
  return [...before, ...laid].map((v, i) => ({ ...v, version: i + 1 }));
}

function inForce(versions: readonly PolicyVersion[], at: EpochMs): Policy {
  return (
    versions
      .filter((v) => v.effectiveFrom <= at)
      .sort((a, b) => a.effectiveFrom - b.effectiveFrom)
      .pop()?.policy ?? DEFAULT_POLICY
  );
}

/** How a problem of a replayed step names the recorded event it stands for: `step 12: …` → `event 4711 (whistle at …): …`. */
function historyProblemLine(line: string, replay: HistoryReplay): string {
  const match = /^step (\d+): /.exec(line);
  if (!match) return line;
  const index = Number(match[1]);
  const step = [...replay.scenario.steps, ...replay.scenario.accountabilitySteps].find((s) => s.index === index) as {
    do: string;
    at: EpochMs;
  };
  return `event ${replay.positions[index]} (${step.do} at ${toIso(step.at)}): ${line.slice(match[0].length)}`;
}
