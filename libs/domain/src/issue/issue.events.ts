import { EpochMs, IsoInstant, parseInstant } from '../time/instant';
import { LocalDate } from '../time/local-date';

export type Level = 'community' | 'street' | 'district' | 'city';
export type WhistleMode = 'single' | 'joint' | 'transfer';
export type DeadlineCause = 'whistle' | 'department-added' | 'coordination-meeting';
export type DeadlineOutcome = 'pending' | 'met' | 'missed' | 'cancelled';
/** The resident's evaluation at closing (群众满意度). */
export type Satisfaction = 'satisfied' | 'basicallySatisfied' | 'dissatisfied';
export const SATISFACTIONS: readonly Satisfaction[] = ['satisfied', 'basicallySatisfied', 'dissatisfied'];
/** The verdicts counted as content in a satisfaction rate: 满意 and 基本满意. */
export const CONTENT_SATISFACTIONS: readonly Satisfaction[] = ['satisfied', 'basicallySatisfied'];
/** The units that work an issue below district level, each at its own level (RULES.md §2). */
export type LocalUnit = 'station' | 'street';
export const LEVEL_OF_LOCAL_UNIT: Readonly<Record<LocalUnit, Level>> = { station: 'community', street: 'street' };

/** 四清单: the four lists an issue is raised with. */
export interface FourLists {
  problem: string;
  tasks: string;
  responsibleParty: string;
  acceptanceStandard: string;
}

/**
 * Every event of an issue's life. Payloads are plain JSON; instants are ISO-8601 UTC strings.
 * The schema version of each type is in ISSUE_EVENT_SCHEMA_VERSIONS; upcast.ts reads old versions.
 */
export type IssueEvent =
  | {
      type: 'IssueRaised';
      data: { issueId: string; stationId: string; streetId: string; title: string; fourLists: FourLists; at: IsoInstant };
    }
  | { type: 'LevelTimeLimitSet'; data: { level: Level; startedAt: IsoInstant; due: IsoInstant; lastDay: LocalDate; provisional: boolean } }
  | { type: 'IssueEscalated'; data: { from: Level; to: Level; cause: 'manual' | 'time-limit'; at: IsoInstant } }
  | {
      type: 'WhistleBlown';
      data: { mode: WhistleMode; departments: string[]; cityDepartment?: string; at: IsoInstant };
    }
  | { type: 'DepartmentAdded'; data: { departmentId: string; at: IsoInstant } }
  | {
      type: 'FeedbackDeadlineSet';
      data: {
        deadlineId: string;
        departmentId: string;
        cause: DeadlineCause;
        startedAt: IsoInstant;
        due: IsoInstant;
        lastDay: LocalDate;
        provisional: boolean;
        /** 督办提醒: when the department is reminded if it still owes feedback (policy `reminder`); absent: never. */
        remindAt?: IsoInstant;
      };
    }
  | {
      type: 'FeedbackDeadlineRecomputed';
      data: { deadlineId: string; due: IsoInstant; lastDay: LocalDate; provisional: boolean; remindAt?: IsoInstant };
    }
  /** 督办提醒: the department still owed feedback at the deadline's reminder instant `at`. */
  | { type: 'FeedbackReminderSent'; data: { deadlineId: string; departmentId: string; due: IsoInstant; at: IsoInstant } }
  | { type: 'FeedbackGiven'; data: { departmentId: string; content?: string; at: IsoInstant } }
  | { type: 'FeedbackDeadlineMet'; data: { deadlineId: string; departmentId: string; at: IsoInstant } }
  | { type: 'FeedbackDeadlineMissed'; data: { deadlineId: string; departmentId: string; due: IsoInstant; lastDay: LocalDate } }
  | { type: 'FeedbackDeadlineCancelled'; data: { deadlineId: string; departmentId: string; at: IsoInstant } }
  | { type: 'CoordinationMeetingHeld'; data: { at: IsoInstant } }
  /** 跟踪督办: the station urges every department on the issue, each of which still owes its resolution. */
  | { type: 'DepartmentsUrged'; data: { departments: string[]; note: string; at: IsoInstant } }
  /** Without a department: the station (at community level) or the street (at street level) resolved it. */
  | { type: 'ResolutionReported'; data: { departmentId?: string; at: IsoInstant } }
  | { type: 'ClosingConfirmed'; data: { satisfaction?: Satisfaction; at: IsoInstant } }
  | { type: 'ClosingRejected'; data: { reason?: string; at: IsoInstant } };

export type IssueEventType = IssueEvent['type'];
export type IssueEventOf<T extends IssueEventType> = Extract<IssueEvent, { type: T }>;

/**
 * The domain instant an event speaks of: when its act happened, for a missed deadline its due instant, for a
 * deadline or time limit the instant its period started; undefined for a recomputation, which carries none.
 */
export function instantOfIssueEvent(event: IssueEvent): EpochMs | undefined {
  switch (event.type) {
    case 'FeedbackDeadlineMissed':
      return parseInstant(event.data.due);
    case 'FeedbackDeadlineSet':
    case 'LevelTimeLimitSet':
      return parseInstant(event.data.startedAt);
    case 'FeedbackDeadlineRecomputed':
      return undefined;
    default:
      return parseInstant(event.data.at);
  }
}

/** The events that set, move or settle a feedback deadline: what a department's streak follows. */
export const FEEDBACK_DEADLINE_EVENT_TYPES: ReadonlySet<IssueEventType> = new Set<IssueEventType>([
  'FeedbackDeadlineSet',
  'FeedbackDeadlineMet',
  'FeedbackDeadlineMissed',
  'FeedbackDeadlineCancelled',
  'FeedbackDeadlineRecomputed',
]);

export const ISSUE_EVENT_SCHEMA_VERSIONS: Record<IssueEventType, number> = {
  IssueRaised: 1,
  LevelTimeLimitSet: 1,
  IssueEscalated: 1,
  WhistleBlown: 1,
  DepartmentAdded: 1,
  FeedbackDeadlineSet: 1,
  FeedbackDeadlineRecomputed: 1,
  FeedbackGiven: 1,
  FeedbackDeadlineMet: 1,
  FeedbackDeadlineMissed: 1,
  FeedbackDeadlineCancelled: 1,
  FeedbackReminderSent: 1,
  CoordinationMeetingHeld: 1,
  DepartmentsUrged: 1,
  ResolutionReported: 1,
  ClosingConfirmed: 1,
  ClosingRejected: 1,
};

export const LEVELS: readonly Level[] = ['community', 'street', 'district', 'city'];
