/**
 * The console checks a form as the API's DTOs do (class-validator: IsNotEmpty, MaxLength; the StorableTextGuard),
 * so the person sees every fault next to its field before sending; the API checks again and decides.
 * test/console/command-forms.unit.spec.ts runs both on the same inputs.
 */
export type TextRule = { required: boolean; maxLength: number };
export type FieldFault =
  | { kind: 'required' }
  | { kind: 'tooLong'; maxLength: number }
  | { kind: 'unstorable' }
  | { kind: 'tooMany'; max: number }
  | { kind: 'notANumber' }
  | { kind: 'notAnIssueId'; value: string };

// As the API's StorableTextGuard: PostgreSQL jsonb cannot hold U+0000, nor UTF-8 an unpaired surrogate.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** class-validator's length (validator.js isLength): a surrogate pair or a presentation sequence counts once. */
function lengthOf(value: string): number {
  const presentationSequences = value.match(/[^\uFE0F\uFE0E][\uFE0F\uFE0E]/g) ?? [];
  const surrogatePairs = value.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g) ?? [];
  return value.length - presentationSequences.length - surrogatePairs.length;
}

/** An optional text left empty is not sent at all (the API refuses an empty string where it takes none). */
export function textFault(value: string, rule: TextRule): FieldFault | undefined {
  if (value === '') return rule.required ? { kind: 'required' } : undefined;
  if (UNSTORABLE.test(value)) return { kind: 'unstorable' };
  if (lengthOf(value) > rule.maxLength) return { kind: 'tooLong', maxLength: rule.maxLength };
  return undefined;
}

/** Each field's fault by its dotted path in the request body, as the API's problem document names it. */
export function formFaults<Field extends string>(
  rules: Record<Field, TextRule>,
  values: Record<Field, string>,
): Partial<Record<Field, FieldFault>> {
  const faults: Partial<Record<Field, FieldFault>> = {};
  for (const field of Object.keys(rules) as Field[]) {
    const fault = textFault(values[field], rules[field]);
    if (fault !== undefined) faults[field] = fault;
  }
  return faults;
}

/** RaiseIssueDto and FourListsDto (apps/api/src/stations/station-commands.dto.ts). */
export const RAISE_ISSUE = {
  title: { required: true, maxLength: 200 },
  'fourLists.problem': { required: true, maxLength: 4000 },
  'fourLists.tasks': { required: true, maxLength: 4000 },
  'fourLists.responsibleParty': { required: true, maxLength: 400 },
  'fourLists.acceptanceStandard': { required: true, maxLength: 4000 },
} satisfies Record<string, TextRule>;
export type RaiseIssueField = keyof typeof RAISE_ISSUE;

export function raiseIssueBody(values: Record<RaiseIssueField, string>) {
  return {
    title: values.title,
    fourLists: {
      problem: values['fourLists.problem'],
      tasks: values['fourLists.tasks'],
      responsibleParty: values['fourLists.responsibleParty'],
      acceptanceStandard: values['fourLists.acceptanceStandard'],
    },
  };
}

/** RejectClosingDto: the reason is optional. */
export const REJECT_CLOSING = { reason: { required: false, maxLength: 2000 } } satisfies Record<string, TextRule>;
/** UrgeDepartmentsDto: an urging (跟踪督办) says what is urged. */
export const URGE_DEPARTMENTS = { note: { required: true, maxLength: 2000 } } satisfies Record<string, TextRule>;
/** GiveFeedbackDto (apps/api/src/departments/department-task-commands.dto.ts): the content is optional. */
export const GIVE_FEEDBACK = { content: { required: false, maxLength: 4000 } } satisfies Record<string, TextRule>;

/** The reasons and decisions of issue #16's commands (apps/api/src/accountability/accountability.dto.ts): at most 2000 characters. */
const REASON: TextRule = { required: true, maxLength: 2000 };
/** MeetingAttendanceDto: an excused department's reason, which the rules require (MEETING.EXCUSE_REASON_REQUIRED). */
export const EXCUSE_REASON: TextRule = REASON;
/** AdjustBaseDto, FileAppealDto, DecideAppealDto: each gives its written reason. */
export const ADJUST_BASE = { reason: REASON } satisfies Record<string, TextRule>;
export const FILE_APPEAL = { reason: REASON } satisfies Record<string, TextRule>;
export const DECIDE_APPEAL = { reason: REASON } satisfies Record<string, TextRule>;

/** A list typed into one box: one item a line (or separated by commas, 、 or spaces), blanks left out. */
export function listOf(text: string, separators: RegExp = /[\n,，、\s]+/): string[] {
  return text
    .split(separators)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

// As the API's ISSUE_ID (apps/api/src/issues/issue-dto.ts).
const ISSUE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** RecordMeetingDto.issues: at most 100 issue ids. */
export function issuesFault(text: string): FieldFault | undefined {
  const issues = listOf(text);
  if (issues.length > 100) return { kind: 'tooMany', max: 100 };
  const wrong = issues.find((issue) => !ISSUE_ID.test(issue));
  return wrong === undefined ? undefined : { kind: 'notAnIssueId', value: wrong };
}

/** FileAppealDto.attachments: at most 20 references, one a line, each at most 500 characters of storable text. */
export function attachmentsFault(text: string): FieldFault | undefined {
  const attachments = listOf(text, /\n+/);
  if (attachments.length > 20) return { kind: 'tooMany', max: 20 };
  for (const attachment of attachments) {
    const fault = textFault(attachment, { required: true, maxLength: 500 });
    if (fault !== undefined) return fault;
  }
  return undefined;
}

/** AdjustBaseDto.points and year: a number (that the year is whole, the points below zero and by halves is for the API). */
export function numberFault(text: string): FieldFault | undefined {
  if (text.trim() === '') return { kind: 'required' };
  return Number.isFinite(Number(text)) ? undefined : { kind: 'notANumber' };
}

export type MeetingAttendance = { departmentId: string; attendance: 'present' | 'excused' | 'absent'; reason: string };

/** RecordMeetingDto from the form: the issues discussed as a list, an excused department's reason when given (no one else's). */
export function recordMeetingBody(values: { kind: string; date: string; issues: string; attendance: readonly MeetingAttendance[] }) {
  return {
    kind: values.kind,
    date: values.date,
    issues: listOf(values.issues),
    attendance: values.attendance.map(({ departmentId, attendance, reason }) => ({
      departmentId,
      attendance,
      ...(attendance === 'excused' && reason !== '' ? { reason } : {}),
    })),
  };
}

/** The meeting form's faults by the paths the API names (`issues`, `attendance[1].reason`), before sending. */
export function recordMeetingFaults(values: Parameters<typeof recordMeetingBody>[0]): Record<string, FieldFault> {
  const faults: Record<string, FieldFault> = {};
  if (values.date === '') faults.date = { kind: 'required' };
  const issues = issuesFault(values.issues);
  if (issues !== undefined) faults.issues = issues;
  values.attendance.forEach((entry, index) => {
    const fault = entry.attendance === 'excused' ? textFault(entry.reason, EXCUSE_REASON) : undefined;
    if (fault !== undefined) faults[`attendance[${index}].reason`] = fault;
  });
  return faults;
}

/** FileAppealDto from the form: attachments one a line, left out when there is none. */
export function fileAppealBody(values: { issueId: string; deadlineId: string; reason: string; attachments: string }) {
  const attachments = listOf(values.attachments, /\n+/);
  return { issueId: values.issueId, deadlineId: values.deadlineId, reason: values.reason, ...(attachments.length > 0 ? { attachments } : {}) };
}
