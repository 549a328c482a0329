import 'reflect-metadata';
import { ATTENDANCES, MEETING_KINDS, SATISFACTIONS } from '@app/domain';
import { ExecutionContext } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AdjustBaseDto, DecideAppealDto, FileAppealDto, RecordMeetingDto } from '../../apps/api/src/accountability/accountability.dto';
import { GiveFeedbackDto } from '../../apps/api/src/departments/department-task-commands.dto';
import { ProblemException } from '../../apps/api/src/problems/problem.exception';
import { StorableTextGuard } from '../../apps/api/src/problems/storable-text.guard';
import { flattenValidationErrors } from '../../apps/api/src/problems/validation';
import { RaiseIssueDto, RejectClosingDto, UrgeDepartmentsDto } from '../../apps/api/src/stations/station-commands.dto';
import { zhCN } from '../../apps/console/src/i18n/zh-CN';
import {
  ADJUST_BASE,
  attachmentsFault,
  DECIDE_APPEAL,
  FILE_APPEAL,
  fileAppealBody,
  formFaults,
  GIVE_FEEDBACK,
  numberFault,
  recordMeetingBody,
  recordMeetingFaults,
  RAISE_ISSUE,
  raiseIssueBody,
  REJECT_CLOSING,
  URGE_DEPARTMENTS,
  type TextRule,
} from '../../apps/console/src/forms/validation';

/** The fields the API refuses in a body: its validation pipe's, then its storable-text guard's. */
function apiRefuses(dto: new () => object, body: object): string[] {
  const errors = validateSync(plainToInstance(dto, body), { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  const fields = new Set(flattenValidationErrors(errors).map((fault) => fault.field));
  const context = { switchToHttp: () => ({ getRequest: () => ({ body }) }) } as unknown as ExecutionContext;
  try {
    new StorableTextGuard().canActivate(context);
  } catch (error) {
    for (const fault of (error as ProblemException).fieldErrors) fields.add(fault.field);
  }
  return [...fields].sort();
}

const consoleRefuses = (rules: Record<string, TextRule>, values: Record<string, string>) => Object.keys(formFaults(rules, values)).sort();

/** Texts at and around each limit, as class-validator counts them: an emoji is one, a variation selector none. */
const texts = (max: number) => [
  '',
  ' ',
  'a'.repeat(max),
  'a'.repeat(max + 1),
  '😀'.repeat(max),
  '😀'.repeat(max + 1),
  '❤️'.repeat(max),
  `${'b'.repeat(max - 1)}\u0000`,
  'x\ud800y',
  '路灯',
];

describe('the console’s command forms check as the API’s DTOs do', () => {
  const valid = {
    title: '路灯损坏',
    'fourLists.problem': '路灯不亮',
    'fourLists.tasks': '更换',
    'fourLists.responsibleParty': '区城管委',
    'fourLists.acceptanceStandard': '全部点亮',
  };

  it.each(Object.keys(RAISE_ISSUE) as (keyof typeof RAISE_ISSUE)[])('raising an issue: %s', (field) => {
    for (const text of texts(RAISE_ISSUE[field].maxLength)) {
      const values = { ...valid, [field]: text };
      expect([text.length, consoleRefuses(RAISE_ISSUE, values)]).toEqual([text.length, apiRefuses(RaiseIssueDto, raiseIssueBody(values))]);
    }
  });

  it('raising an issue with every list empty: each field is named, by the same path', () => {
    const empty = Object.fromEntries(Object.keys(valid).map((field) => [field, '']));
    expect(consoleRefuses(RAISE_ISSUE, empty)).toEqual(apiRefuses(RaiseIssueDto, raiseIssueBody(empty as typeof valid)));
    expect(consoleRefuses(RAISE_ISSUE, empty)).toHaveLength(5);
  });

  it.each([
    ['rejecting a resolution (reason)', REJECT_CLOSING, RejectClosingDto, 'reason'],
    ['giving feedback (content)', GIVE_FEEDBACK, GiveFeedbackDto, 'content'],
    ['urging the departments (note, required)', URGE_DEPARTMENTS, UrgeDepartmentsDto, 'note'],
  ] as const)('%s: an empty text is left out of the body, refused where the API requires one', (_, rules, dto, field) => {
    const rule: TextRule = (rules as Record<string, TextRule>)[field];
    for (const text of texts(rule.maxLength)) {
      const body = text === '' ? {} : { [field]: text };
      expect([text.length, consoleRefuses(rules, { [field]: text })]).toEqual([text.length, apiRefuses(dto, body)]);
    }
  });

  it('offers at closing exactly the satisfaction values the API takes', () => {
    expect(Object.keys(zhCN.satisfaction).sort()).toEqual([...SATISFACTIONS].sort());
  });

  describe('issue #16: meetings, the base score, appeals', () => {
    const meeting = (change: Partial<Parameters<typeof recordMeetingBody>[0]> = {}) => ({
      kind: 'work-dispatch',
      date: '2026-03-02',
      issues: '',
      attendance: [
        { departmentId: 'cg', attendance: 'excused' as const, reason: '参加区安全生产检查' },
        { departmentId: 'jt', attendance: 'absent' as const, reason: '' },
      ],
      ...change,
    });
    // The console names a department's reason as the rules do (attendance[0].reason), the DTO's checks attendance.0.reason.
    const meetingRefuses = (values: ReturnType<typeof meeting>) =>
      Object.keys(recordMeetingFaults(values))
        .map((field) => field.replace(/\[(\d+)\]/g, '.$1'))
        .sort();

    it.each([
      ['a valid meeting', meeting(), []],
      ['no date', meeting({ date: '' }), ['date']],
      ['issues one a line, with commas and 、', meeting({ issues: '20260302-4f9a1c\n20260302-77aa01，20260303-0000ff、x_1' }), []],
      ['an issue id the API refuses', meeting({ issues: '20260302-4f9a1c\n路灯' }), ['issues']],
      ['101 issues', meeting({ issues: Array.from({ length: 101 }, (_, i) => `i${i}`).join('\n') }), ['issues']],
    ])('a meeting with %s: the console names the fields the API’s DTO refuses', (_, values, fields) => {
      expect(meetingRefuses(values)).toEqual(fields);
      expect(apiRefuses(RecordMeetingDto, recordMeetingBody(values))).toEqual(fields);
    });

    it('an excused department’s reason: checked as the API checks a text, at the path the API names, and required as the rules require', () => {
      for (const text of texts(2000)) {
        const values = meeting({ attendance: [{ departmentId: 'jt', attendance: 'excused', reason: text }] });
        const dto = apiRefuses(RecordMeetingDto, recordMeetingBody(values));
        // The DTO takes an excuse without its reason; the rules refuse it (MEETING.EXCUSE_REASON_REQUIRED at the same field).
        expect([text.length, meetingRefuses(values)]).toEqual([text.length, text === '' ? ['attendance.0.reason'] : dto]);
      }
    });

    it('only an excused department’s reason is sent, and only when given', () => {
      const body = recordMeetingBody(meeting({ attendance: [{ departmentId: 'cg', attendance: 'present', reason: '不应发送' }] }));
      expect(body.attendance).toEqual([{ departmentId: 'cg', attendance: 'present' }]);
      expect(recordMeetingBody(meeting()).attendance).toEqual([
        { departmentId: 'cg', attendance: 'excused', reason: '参加区安全生产检查' },
        { departmentId: 'jt', attendance: 'absent' },
      ]);
    });

    it.each([
      ['a base-score decision (reason)', ADJUST_BASE, AdjustBaseDto, { year: 2026, points: -10 }],
      ['an appeal (reason)', FILE_APPEAL, FileAppealDto, { issueId: '20260302-4f9a1c', deadlineId: '20260302-4f9a1c#1' }],
      ['an appeal’s decision (reason)', DECIDE_APPEAL, DecideAppealDto, { deadlineId: '20260302-4f9a1c#1', outcome: 'upheld' }],
    ] as const)('%s: checked as the API checks it', (_, rules, dto, rest) => {
      for (const text of texts(rules.reason.maxLength)) {
        expect([text.length, consoleRefuses(rules, { reason: text })]).toEqual([text.length, apiRefuses(dto, { ...rest, reason: text })]);
      }
    });

    it.each([
      ['-10', []],
      ['-50.5', []],
      ['', ['points']],
      ['ten', ['points']],
    ])('base-score points %j: a number, as the DTO takes it (below zero and by halves is for the rules)', (points, fields) => {
      expect(numberFault(points) === undefined ? [] : ['points']).toEqual(fields);
      const body = { year: 2026, reason: '缺席', ...(points === '' ? {} : { points: numberFault(points) === undefined ? Number(points) : points }) };
      expect(apiRefuses(AdjustBaseDto, body)).toEqual(fields);
    });

    it.each([
      ['none', '', []],
      ['one a line, blank lines left out', 'oa://2026/031\n\n 扫描件-1 \n', []],
      ['501 characters', 'a'.repeat(501), ['attachments']],
      ['500 characters', 'a'.repeat(500), []],
      ['21 references', Array.from({ length: 21 }, (_, i) => `oa://${i}`).join('\n'), ['attachments']],
      ['an unstorable one', 'x\ud800y', ['attachments']],
    ])('an appeal’s attachments (%s): one a line, refused as the API refuses them', (_, attachments, fields) => {
      const values = { issueId: '20260302-4f9a1c', deadlineId: '20260302-4f9a1c#1', reason: '未收到派单', attachments };
      expect(attachmentsFault(attachments) === undefined ? [] : ['attachments']).toEqual(fields);
      expect(apiRefuses(FileAppealDto, fileAppealBody(values)).map((field) => field.replace(/\.\d+$/, ''))).toEqual(fields);
    });

    it('offers exactly the meeting kinds and attendances the API takes', () => {
      expect(Object.keys(zhCN.meetingKinds).sort()).toEqual([...MEETING_KINDS].sort());
      expect(Object.keys(zhCN.attendances).sort()).toEqual([...ATTENDANCES].sort());
    });
  });
});
