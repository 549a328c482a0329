import 'reflect-metadata';
import { SATISFACTIONS } from '@app/domain';
import { ExecutionContext } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { GiveFeedbackDto } from '../../apps/api/src/departments/department-task-commands.dto';
import { ProblemException } from '../../apps/api/src/problems/problem.exception';
import { StorableTextGuard } from '../../apps/api/src/problems/storable-text.guard';
import { flattenValidationErrors } from '../../apps/api/src/problems/validation';
import { RaiseIssueDto, RejectClosingDto, UrgeDepartmentsDto } from '../../apps/api/src/stations/station-commands.dto';
import { zhCN } from '../../apps/console/src/i18n/zh-CN';
import {
  formFaults,
  GIVE_FEEDBACK,
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
});
