import { HttpException } from '@nestjs/common';
import { FieldProblem } from './problem-document';

/** An HTTP error that already knows its problem code and fields. */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly fieldErrors: FieldProblem[] = [],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail, status);
  }
}

export class RequestValidationException extends ProblemException {
  constructor(errors: FieldProblem[]) {
    super(400, 'VALIDATION', 'The request is not valid', errors.map((e) => `${e.field} ${e.reason}`).join('; '), errors);
  }
}
