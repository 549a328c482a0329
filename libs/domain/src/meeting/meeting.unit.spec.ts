import { isDomainError } from '../shared/domain-error';
import { at, testContext } from '../testing/issue-fixtures';
import { attendanceOf } from './attendance';
import { decideMeeting, foldMeeting, Meeting, RecordMeeting } from './meeting';
import { MeetingEvent } from './meeting.events';

const record = (change: Partial<RecordMeeting> = {}): RecordMeeting => ({
  type: 'RecordMeeting',
  meetingId: 'M-2026-03',
  kind: 'work-dispatch',
  date: '2026-03-05',
  convenor: 'hbc',
  issues: ['I1', 'I2'],
  attendance: [
    { departmentId: 'cg', attendance: 'present' },
    { departmentId: 'zj', attendance: 'excused', reason: '同日参加市局会议' },
    { departmentId: 'jt', attendance: 'absent' },
  ],
  at: at('2026-03-05T17:00:00+08:00'),
  ...change,
});
/** given(events) / when(command) / then(events, or [the code, the field] it is refused with). */
function when(given: MeetingEvent[], command: RecordMeeting): MeetingEvent[] | [string, string | undefined] {
  try {
    return decideMeeting(command, foldMeeting(given), testContext);
  } catch (error) {
    if (isDomainError(error)) return [error.code, error.field];
    throw error;
  }
}

describe(decideMeeting.name, () => {
  it('records a meeting with its kind, date, convenor, issues and each invited department’s attendance', () => {
    const events = when([], record());
    const { type: _command, at: _at, ...recorded } = record();
    expect(events).toEqual([{ type: 'MeetingRecorded', data: { ...recorded, at: '2026-03-05T09:00:00.000Z' } }]);
    expect(foldMeeting(events as MeetingEvent[])).toMatchObject({ meetingId: 'M-2026-03', kind: 'work-dispatch', issues: ['I1', 'I2'] });
  });

  it('records a meeting once', () => {
    expect(when(when([], record()) as MeetingEvent[], record())).toEqual(['MEETING.ALREADY_RECORDED', undefined]);
  });

  it.each<[string, Partial<RecordMeeting>, string, string]>([
    ['no id', { meetingId: ' ' }, 'MEETING.ID_REQUIRED', 'meetingId'],
    ['an unknown kind', { kind: 'banquet' as RecordMeeting['kind'] }, 'MEETING.UNKNOWN_KIND', 'kind'],
    ['a date that does not exist', { date: '2026-02-30' }, 'MEETING.INVALID_DATE', 'date'],
    ['a date after the day it is recorded', { date: '2026-03-06' }, 'MEETING.IN_THE_FUTURE', 'date'],
    ['no convenor', { convenor: '' }, 'MEETING.CONVENOR_REQUIRED', 'convenor'],
    ['a convenor that is not a station', { convenor: 'cg' }, 'ORGANISATION.UNKNOWN_STATION', 'convenor'],
    ['an on-site coordination meeting on no issue', { kind: 'on-site-coordination', issues: [] }, 'MEETING.ISSUE_REQUIRED', 'issues'],
    ['an issue listed twice', { issues: ['I1', 'I1'] }, 'MEETING.DUPLICATE_ISSUE', 'issues[1]'],
    ['no department invited', { attendance: [] }, 'MEETING.NO_DEPARTMENT_INVITED', 'attendance'],
    [
      'a unit that is not a district department',
      { attendance: [{ departmentId: 'city-sw', attendance: 'present' }] },
      'ORGANISATION.UNKNOWN_DEPARTMENT',
      'attendance[0].departmentId',
    ],
    [
      'a department listed twice',
      {
        attendance: [
          { departmentId: 'cg', attendance: 'present' },
          { departmentId: 'cg', attendance: 'absent' },
        ],
      },
      'MEETING.DUPLICATE_DEPARTMENT',
      'attendance[1].departmentId',
    ],
    [
      'an unknown attendance',
      { attendance: [{ departmentId: 'cg', attendance: 'late' as 'present' }] },
      'MEETING.UNKNOWN_ATTENDANCE',
      'attendance[0].attendance',
    ],
    [
      'an excuse without its reason',
      { attendance: [{ departmentId: 'cg', attendance: 'excused', reason: ' ' }] },
      'MEETING.EXCUSE_REASON_REQUIRED',
      'attendance[0].reason',
    ],
    [
      'a reason for an absence',
      { attendance: [{ departmentId: 'cg', attendance: 'absent', reason: '忘了' }] },
      'MEETING.REASON_ONLY_WHEN_EXCUSED',
      'attendance[0].reason',
    ],
  ])('refuses %s, naming the field', (_, change, code, field) => {
    expect(when([], record(change))).toEqual([code, field]);
  });

  it('takes a quarterly joint meeting (联席会议) with no issue on its agenda', () => {
    expect(when([], record({ kind: 'joint', issues: [] }))).toHaveLength(1);
  });
});

describe(attendanceOf.name, () => {
  const meeting = (
    meetingId: string,
    date: string,
    attendance: Meeting['attendance'],
    kind: Meeting['kind'] = 'work-dispatch',
  ): Meeting => ({
    meetingId,
    kind,
    date,
    convenor: 'hbc',
    issues: [],
    attendance,
  });
  const meetings = [
    meeting('M3', '2026-03-05', [{ departmentId: 'jt', attendance: 'absent' }]),
    meeting('J1', '2026-03-31', [{ departmentId: 'jt', attendance: 'excused', reason: '防汛值班' }], 'joint'),
    meeting('M1', '2026-01-08', [{ departmentId: 'jt', attendance: 'present' }]),
    meeting('M2', '2026-02-05', [{ departmentId: 'cg', attendance: 'present' }]),
    meeting('M4', '2026-04-02', [{ departmentId: 'jt', attendance: 'absent' }]),
  ];

  it('lists the meetings of the period that invited the department, by date, with the counts', () => {
    expect(attendanceOf('jt', meetings, '2026-01-01', '2026-03-31')).toEqual({
      departmentId: 'jt',
      from: '2026-01-01',
      to: '2026-03-31',
      invited: 3,
      present: 1,
      excused: 1,
      absent: 1,
      meetings: [
        { meetingId: 'M1', kind: 'work-dispatch', date: '2026-01-08', convenor: 'hbc', attendance: 'present' },
        { meetingId: 'M3', kind: 'work-dispatch', date: '2026-03-05', convenor: 'hbc', attendance: 'absent' },
        { meetingId: 'J1', kind: 'joint', date: '2026-03-31', convenor: 'hbc', attendance: 'excused', reason: '防汛值班' },
      ],
    });
  });

  it('counts nothing for a department not invited in the period', () => {
    expect(attendanceOf('zj', meetings, '2026-01-01', '2026-12-31')).toMatchObject({ invited: 0, meetings: [] });
  });
});
