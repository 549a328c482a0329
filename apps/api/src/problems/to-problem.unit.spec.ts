import { DOMAIN_ERROR_CODES, DomainError, DomainErrorCode, kindOf } from '@app/domain';
import { WrongExpectedRevisionError } from '@app/event-store';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ForbiddenException, type ValidationError } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { ProblemException } from './problem.exception';
import { DOMAIN_ERROR_STATUS, toProblem } from './to-problem';
import { flattenValidationErrors } from './validation';

describe(toProblem.name, () => {
  it('answers a rule refusing an input with 422 naming the field and the domain code', () => {
    const sut = toProblem(new DomainError('WHISTLE.JOINT_NEEDS_TWO', 'a joint whistle names two or more departments', 'departments'), '/x');
    expect(sut).toEqual({
      type: '/api/problems/whistle-joint-needs-two',
      title: 'The request cannot be processed',
      status: 422,
      detail: 'a joint whistle names two or more departments',
      instance: '/x',
      code: 'WHISTLE.JOINT_NEEDS_TWO',
      errors: [{ field: 'departments', reason: 'a joint whistle names two or more departments' }],
    });
  });

  it('answers a rule refusing because of the current state with 409, and a missing issue with 404', () => {
    expect(toProblem(new DomainError('ISSUE.CLOSED', 'closed'), '/x')).toMatchObject({
      status: 409,
      title: 'Conflict with the current state',
      code: 'ISSUE.CLOSED',
      errors: [],
    });
    expect(toProblem(new DomainError('ISSUE.NOT_FOUND', 'the issue has not been raised'), '/x')).toMatchObject({
      status: 404,
      title: 'Not found',
      type: '/api/problems/issue-not-found',
      errors: [],
    });
  });

  it('answers every catalogued code with the status of its kind, whether or not it names a field', () => {
    const codes = Object.keys(DOMAIN_ERROR_CODES) as DomainErrorCode[];
    for (const code of codes) {
      const status = DOMAIN_ERROR_STATUS[kindOf(code)];
      expect([404, 409, 422]).toContain(status);
      expect(toProblem(new DomainError(code, 'no'), '/x').status).toBe(status);
      expect(toProblem(new DomainError(code, 'no', 'f'), '/x').status).toBe(status);
    }
  });

  it('is the table of domain codes in docs/api.md, with each status and meaning', () => {
    const docs = readFileSync(join(__dirname, '../../../../docs/api.md'), 'utf8');
    const documented = [...docs.matchAll(/^\| `([A-Z]+\.[A-Z_]+)` +\| (\d{3}) +\| (.+?) +\|$/gm)].map(([, code, status, meaning]) => [
      code,
      Number(status),
      meaning,
    ]);
    const catalogued = Object.entries(DOMAIN_ERROR_CODES).map(([code, { kind, meaning }]) => [code, DOMAIN_ERROR_STATUS[kind], meaning]);
    expect(documented).toEqual(catalogued);
  });

  it('answers a concurrent change with 409 and the revision the stream is at', () => {
    expect(toProblem(new WrongExpectedRevisionError('issue-1', 3, 5), '/x')).toMatchObject({
      status: 409,
      code: 'CONCURRENT_CHANGE',
      currentRevision: 5,
    });
    expect(toProblem(new WrongExpectedRevisionError('issue-1', 3, 'no_stream'), '/x')).toMatchObject({ currentRevision: null });
  });

  it('keeps HTTP errors, rate limits and body-parser errors as 4xx, and hides anything else behind a 500', () => {
    expect(toProblem(new ForbiddenException('no'), '/x')).toMatchObject({ status: 403, code: 'FORBIDDEN', detail: 'no' });
    expect(toProblem(new ThrottlerException(), '/x')).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(toProblem(Object.assign(new SyntaxError('Unexpected end of JSON input'), { status: 400 }), '/x')).toMatchObject({ status: 400 });
    expect(toProblem(new Error('secret connection string'), '/x')).toMatchObject({
      status: 500,
      detail: expect.not.stringContaining('secret'),
    });
  });

  it('passes a problem exception through with its fields', () => {
    const sut = toProblem(new ProblemException(400, 'VALIDATION', 'bad', 'If-Match is bad', [{ field: 'If-Match', reason: 'bad' }]), '/x');
    expect(sut).toMatchObject({ status: 400, title: 'bad', errors: [{ field: 'If-Match', reason: 'bad' }] });
  });
});

describe(flattenValidationErrors.name, () => {
  it('names nested fields with dotted paths and drops the property name from the reason', () => {
    const nested: ValidationError = { property: 'problem', constraints: { isNotEmpty: 'problem should not be empty' }, children: [] };
    const parent: ValidationError = { property: 'fourLists', children: [nested] };
    expect(flattenValidationErrors([parent])).toEqual([{ field: 'fourLists.problem', reason: 'should not be empty' }]);
  });
});
