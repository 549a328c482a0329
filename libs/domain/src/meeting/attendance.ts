import { LocalDate } from '../time/local-date';
import { Meeting } from './meeting';
import { Attendance, MeetingKind } from './meeting.events';

/** One meeting a department was invited to, as its attendance record shows it. */
export interface AttendanceLine {
  meetingId: string;
  kind: MeetingKind;
  date: LocalDate;
  convenor: string;
  attendance: Attendance;
  reason?: string;
}

/** A department's attendance over a period: what a supervisor cites when deciding its base score. */
export interface AttendanceRecord {
  departmentId: string;
  from: LocalDate;
  to: LocalDate;
  invited: number;
  present: number;
  excused: number;
  absent: number;
  /** The meetings it was invited to, by date, then meeting id. */
  meetings: AttendanceLine[];
}

/** The meetings held from `from` to `to` (both included) that invited the department, and how it attended. */
export function attendanceOf(departmentId: string, meetings: readonly Meeting[], from: LocalDate, to: LocalDate): AttendanceRecord {
  const lines: AttendanceLine[] = [];
  for (const meeting of meetings) {
    if (meeting.date < from || meeting.date > to) continue;
    const entry = meeting.attendance.find((a) => a.departmentId === departmentId);
    if (entry === undefined) continue;
    const { meetingId, kind, date, convenor } = meeting;
    lines.push({
      meetingId,
      kind,
      date,
      convenor,
      attendance: entry.attendance,
      ...(entry.reason !== undefined ? { reason: entry.reason } : {}),
    });
  }
  lines.sort((a, b) => a.date.localeCompare(b.date) || a.meetingId.localeCompare(b.meetingId));
  const count = (attendance: Attendance) => lines.filter((l) => l.attendance === attendance).length;
  return {
    departmentId,
    from,
    to,
    invited: lines.length,
    present: count('present'),
    excused: count('excused'),
    absent: count('absent'),
    meetings: lines,
  };
}
