import { IsoInstant } from '../time/instant';
import { LocalDate } from '../time/local-date';

/**
 * The meetings of the scheme (四、1 会议制度), each chaired by a station's head or deputy (由工作站站长或副站长主持/牵头): its
 * quarterly joint meeting (联席会议), its monthly work-dispatch meeting (工作调度会) and an on-site coordination meeting
 * on an issue (现场协调会, "区直有关单位和街道、社区参加").
 */
export type MeetingKind = 'work-dispatch' | 'joint' | 'on-site-coordination';
export const MEETING_KINDS: readonly MeetingKind[] = ['work-dispatch', 'joint', 'on-site-coordination'];

export type Attendance = 'present' | 'excused' | 'absent';
export const ATTENDANCES: readonly Attendance[] = ['present', 'excused', 'absent'];

/** One invited district department's attendance; an excused one gives its reason (请假事由). */
export interface MeetingAttendance {
  departmentId: string;
  attendance: Attendance;
  reason?: string;
}

/** What a meeting record says. */
export interface MeetingRecord {
  meetingId: string;
  kind: MeetingKind;
  /** The local date it was held. */
  date: LocalDate;
  /** The station that convened it (its head or deputy chairs). */
  convenor: string;
  /** The issues discussed (their ids). */
  issues: string[];
  attendance: MeetingAttendance[];
}

/** One stream per meeting (`meeting-<id>`); `at` is when it was recorded. */
export type MeetingEvent = { type: 'MeetingRecorded'; data: MeetingRecord & { at: IsoInstant } };

export const MEETING_EVENT_SCHEMA_VERSIONS: Record<MeetingEvent['type'], number> = { MeetingRecorded: 1 };

export const meetingStreamOf = (meetingId: string) => `meeting-${meetingId}`;
