import { DomainErrorKind, DomainErrors, isDomainError, kindOf } from '@app/domain';
import { WrongExpectedRevisionError } from '@app/event-store';
import { HttpException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { ProblemDocument } from './problem-document';
import { ProblemException } from './problem.exception';

const TITLES: Record<number, string> = {
  400: 'The request is not valid',
  401: 'Authentication is required',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict with the current state',
  413: 'The request body is too large',
  415: 'Unsupported media type',
  422: 'The request cannot be processed',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

export function problemType(code: string): string {
  return `/api/problems/${code.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

/** The status a domain error answers with, by its kind in the catalogue. */
export const DOMAIN_ERROR_STATUS: Readonly<Record<DomainErrorKind, number>> = {
  'not-found': 404,
  'refused-input': 422,
  'conflict-with-state': 409,
};

/** Any thrown value → the problem document the API answers with. */
export function toProblem(exception: unknown, instance: string): ProblemDocument {
  const base = (status: number, code: string, title: string, detail: string): ProblemDocument => ({
    type: problemType(code),
    title,
    status,
    detail,
    instance,
    code,
    errors: [],
  });
  if (exception instanceof HttpException && 'problem' in exception) {
    return { ...(exception as HttpException & { problem: ProblemDocument }).problem, instance };
  }
  if (exception instanceof ProblemException) {
    return {
      ...base(exception.getStatus(), exception.code, exception.title, exception.message),
      errors: exception.fieldErrors,
      ...exception.extensions,
    };
  }
  if (isDomainError(exception)) {
    const status = DOMAIN_ERROR_STATUS[kindOf(exception.code)];
    return {
      ...base(status, exception.code, TITLES[status], exception.message),
      errors: (exception instanceof DomainErrors ? exception.errors : [exception]).flatMap((e) =>
        e.field !== undefined ? [{ field: e.field, reason: e.message }] : [],
      ),
    };
  }
  if (exception instanceof WrongExpectedRevisionError) {
    const current = exception.actual === 'no_stream' ? null : exception.actual;
    return {
      ...base(
        409,
        'CONCURRENT_CHANGE',
        'The issue changed since you read it',
        `expected revision ${String(exception.expected)}, the issue is at ${String(current)}`,
      ),
      currentRevision: current,
    };
  }
  if (exception instanceof ThrottlerException) {
    return base(429, HTTP_CODES[429], TITLES[429], 'rate limit exceeded; retry later');
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? [(response as { message: unknown }).message].flat().join('; ')
        : exception.message;
    const problem = base(status, HTTP_CODES[status] ?? `HTTP_${status}`, TITLES[status] ?? 'Error', message);
    // Terminus answers 503 with each indicator's state; keep it so the caller sees which service is down.
    const details =
      typeof response === 'object' && response !== null && 'details' in response
        ? (response as { details: Record<string, unknown> }).details
        : undefined;
    return details === undefined ? problem : { ...problem, detail: 'a dependency is down', details };
  }
  const status = httpStatusOf(exception);
  if (status !== undefined && status < 500) {
    // body-parser errors (malformed JSON, too large) carry a status of their own.
    return base(status, HTTP_CODES[status] ?? `HTTP_${status}`, TITLES[status] ?? 'Error', (exception as Error).message);
  }
  return base(500, HTTP_CODES[500], TITLES[500], 'an unexpected error occurred; it has been logged');
}

function httpStatusOf(exception: unknown): number | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const status = (exception as { status?: unknown; statusCode?: unknown }).status ?? (exception as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}
