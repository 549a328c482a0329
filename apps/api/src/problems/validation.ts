import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem } from './problem-document';
import { RequestValidationException } from './problem.exception';

/** class-validator errors as `{field, reason}` with dotted paths (`fourLists.problem`, `departments.1`). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason: reason.replace(/^\S+\s/, '') }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => new RequestValidationException(flattenValidationErrors(errors)),
  });
}
