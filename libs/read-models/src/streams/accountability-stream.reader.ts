import {
  attendanceOf,
  foldAppeal,
  foldMeeting,
  toIso,
  type Appeal,
  type AppealEvent,
  type AppealStatus,
  type AttendanceRecord,
  type LocalDate,
  type Meeting,
  type MeetingEvent,
} from '@app/domain';
import type { EventStore } from '@app/event-store';
import { STREAM_CATEGORIES, streamsOfCategory, toEngineEvent } from '@app/issues';

export type RecordedMeeting = Meeting & { recordedAt: string };
export type MeetingFilter = { convenor?: string; from?: LocalDate; to?: LocalDate };

/** An appeal as its stream holds it, instants in ISO form. */
export type AppealRecord = {
  appealId: string;
  departmentId: string;
  issueId: string;
  deadlineId: string;
  due: string;
  lastDay: LocalDate;
  deduction?: { entryId: string; points: number };
  reason: string;
  attachments: string[];
  filedAt: string;
  status: AppealStatus;
  decision?: { reason: string; at: string };
};
export type AppealFilter = { departmentId?: string; status?: AppealStatus };

/**
 * Reads the meeting and appeal streams themselves (`meeting-<id>`, `appeal-<deadlineId>`): few and small, read whole
 * by category, so an attendance record a supervisor cites and the appeal queue agree with the command side at once.
 */
export class AccountabilityStreamReader {
  constructor(private readonly store: EventStore) {}

  /** Meetings by date, then id; a station's own (`convenor`) or all, held from `from` to `to` (both included). */
  async meetings(filter: MeetingFilter = {}): Promise<RecordedMeeting[]> {
    const meetings: RecordedMeeting[] = [];
    for (const events of (await streamsOfCategory(this.store, STREAM_CATEGORIES.meeting)).values()) {
      const meeting = foldMeeting(events.map((e) => toEngineEvent<MeetingEvent>(e)));
      if (meeting === null) continue;
      if (filter.convenor !== undefined && meeting.convenor !== filter.convenor) continue;
      if ((filter.from !== undefined && meeting.date < filter.from) || (filter.to !== undefined && meeting.date > filter.to)) continue;
      meetings.push({ ...meeting, recordedAt: toIso(events[0].recordedAt.getTime()) });
    }
    return meetings.sort((a, b) => a.date.localeCompare(b.date) || a.meetingId.localeCompare(b.meetingId));
  }

  /** A department's attendance from `from` to `to`: the meetings that invited it and how it attended. */
  async attendance(departmentId: string, from: LocalDate, to: LocalDate): Promise<AttendanceRecord> {
    return attendanceOf(departmentId, await this.meetings(), from, to);
  }

  /** Appeals in the order they were filed. */
  async appeals(filter: AppealFilter = {}): Promise<AppealRecord[]> {
    const appeals: Appeal[] = [];
    for (const events of (await streamsOfCategory(this.store, STREAM_CATEGORIES.appeal)).values()) {
      const appeal = foldAppeal(events.map((e) => toEngineEvent<AppealEvent>(e)));
      if (appeal === null) continue;
      if (filter.departmentId !== undefined && appeal.departmentId !== filter.departmentId) continue;
      if (filter.status !== undefined && appeal.status !== filter.status) continue;
      appeals.push(appeal);
    }
    return appeals
      .sort((a, b) => a.filedAt - b.filedAt || a.appealId.localeCompare(b.appealId))
      .map(({ due, filedAt, decision, ...appeal }) => ({
        ...appeal,
        due: toIso(due),
        filedAt: toIso(filedAt),
        ...(decision !== undefined ? { decision: { reason: decision.reason, at: toIso(decision.at) } } : {}),
      }));
  }
}
