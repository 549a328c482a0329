/**
 * The console checks a form as the API's DTOs do (class-validator: IsNotEmpty, MaxLength; the StorableTextGuard),
 * so the person sees every fault next to its field before sending; the API checks again and decides.
 * test/console/command-forms.unit.spec.ts runs both on the same inputs.
 */
export type TextRule = { required: boolean; maxLength: number };
export type FieldFault = { kind: 'required' } | { kind: 'tooLong'; maxLength: number } | { kind: 'unstorable' };

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
