import { DomainErrorCode } from './error-codes';

/**
 * A rule said no. `code` is one of the catalogue's (DOMAIN_ERROR_CODES), whose kind sets how the API answers; `message` is
 * for people. `field` names the input at fault when there is one.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A rule found several faults in one input (e.g. a year schedule): each is a DomainError naming its field. */
export class DomainErrors extends DomainError {
  constructor(readonly errors: readonly DomainError[]) {
    super(errors[0].code, errors.map((e) => e.message).join('; '), errors[0].field);
    this.name = 'DomainErrors';
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
