import { Organisation } from '../issue/organisation';
import { DomainError } from '../shared/domain-error';
import { DomainErrorCode } from '../shared/error-codes';
import { EpochMs, toIso } from '../time/instant';
import { isLocalDate } from '../time/local-date';
import { TimeZone } from '../time/time-zone';
import { ATTENDANCES, MeetingEvent, MEETING_KINDS, MeetingRecord } from './meeting.events';

export type Meeting = MeetingRecord;

export type MeetingState = Meeting | null;

/** A meeting held, recorded with each invited district department's attendance. */
export type RecordMeeting = { type: 'RecordMeeting'; at: EpochMs } & MeetingRecord;

export interface MeetingContext {
  organisation: Organisation;
  zone: TimeZone;
}

export function decideMeeting(command: RecordMeeting, state: MeetingState, context: MeetingContext): MeetingEvent[] {
  const { meetingId, kind, date, convenor, issues, attendance, at } = command;
  const refuse = (code: DomainErrorCode, message: string, field: string): never => {
    throw new DomainError(code, message, field);
  };
  if (meetingId.trim() === '') refuse('MEETING.ID_REQUIRED', 'a meeting needs an id', 'meetingId');
  if (state !== null) throw new DomainError('MEETING.ALREADY_RECORDED', `meeting ${meetingId} has already been recorded`);
  if (!MEETING_KINDS.includes(kind)) refuse('MEETING.UNKNOWN_KIND', `${JSON.stringify(kind)} is not ${MEETING_KINDS.join(', ')}`, 'kind');
  if (!isLocalDate(date)) refuse('MEETING.INVALID_DATE', `${JSON.stringify(date)} is not a day YYYY-MM-DD`, 'date');
  if (date > context.zone.localDate(at)) refuse('MEETING.IN_THE_FUTURE', `${date} is after the day it is recorded`, 'date');
  if (convenor.trim() === '') refuse('MEETING.CONVENOR_REQUIRED', 'a meeting names the station that convened it', 'convenor');
  if (context.organisation.streetOfStation(convenor) === undefined) {
    refuse('ORGANISATION.UNKNOWN_STATION', `station ${convenor} is not a known station`, 'convenor');
  }
  if (kind === 'on-site-coordination' && issues.length === 0) {
    refuse('MEETING.ISSUE_REQUIRED', 'an on-site coordination meeting discusses at least one issue', 'issues');
  }
  issues.forEach((issueId, index) => {
    if (issues.indexOf(issueId) !== index) refuse('MEETING.DUPLICATE_ISSUE', `issue ${issueId} is listed twice`, `issues[${index}]`);
  });
  if (attendance.length === 0) {
    refuse('MEETING.NO_DEPARTMENT_INVITED', "a meeting records at least one invited department's attendance", 'attendance');
  }
  const departments = attendance.map((a) => a.departmentId);
  attendance.forEach((entry, index) => {
    const field = `attendance[${index}]`;
    if (!context.organisation.isDistrictDepartment(entry.departmentId)) {
      refuse('ORGANISATION.UNKNOWN_DEPARTMENT', `${entry.departmentId} is not a district department`, `${field}.departmentId`);
    }
    if (departments.indexOf(entry.departmentId) !== index) {
      refuse('MEETING.DUPLICATE_DEPARTMENT', `department ${entry.departmentId} is listed twice`, `${field}.departmentId`);
    }
    if (!ATTENDANCES.includes(entry.attendance)) {
      refuse('MEETING.UNKNOWN_ATTENDANCE', `${JSON.stringify(entry.attendance)} is not ${ATTENDANCES.join(', ')}`, `${field}.attendance`);
    }
    const reason = entry.reason?.trim() ?? '';
    if (entry.attendance === 'excused' && reason === '') {
      refuse('MEETING.EXCUSE_REASON_REQUIRED', `department ${entry.departmentId} is excused: give its reason`, `${field}.reason`);
    }
    if (entry.attendance !== 'excused' && entry.reason !== undefined) {
      refuse(
        'MEETING.REASON_ONLY_WHEN_EXCUSED',
        `department ${entry.departmentId} is ${entry.attendance}: only an excuse has a reason`,
        `${field}.reason`,
      );
    }
  });
  return [
    {
      type: 'MeetingRecorded',
      data: {
        meetingId,
        kind,
        date,
        convenor,
        issues: [...issues],
        attendance: attendance.map((a) => ({
          departmentId: a.departmentId,
          attendance: a.attendance,
          ...(a.attendance === 'excused' ? { reason: (a.reason as string).trim() } : {}),
        })),
        at: toIso(at),
      },
    },
  ];
}

/** A meeting's stream holds the one record of it. */
export function evolveMeeting(state: MeetingState, event: MeetingEvent): MeetingState {
  switch (event.type) {
    case 'MeetingRecorded': {
      const { meetingId, kind, date, convenor, issues, attendance } = event.data;
      return { meetingId, kind, date, convenor, issues, attendance };
    }
  }
}

export function foldMeeting(events: readonly MeetingEvent[]): MeetingState {
  return events.reduce(evolveMeeting, null);
}
