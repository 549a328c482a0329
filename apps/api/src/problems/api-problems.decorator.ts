import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, ProblemDocument } from './problem-document';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (the problem document names each field)',
  401: 'No or invalid bearer token',
  403: 'The role or scope may not use this route',
  404: "Not found (or not within the caller's scope)",
  409: 'Conflicts with the current state, or a concurrent change (currentRevision)',
  422: 'Refused by a rule, or an Idempotency-Key reused with another body',
  429: 'Rate limited',
  503: 'A server the API relies on (Temporal) did not answer; retry later',
};

/** Documents the problem responses a route can give, as application/problem+json. */
export function ApiProblems(...statuses: number[]) {
  const all = [...new Set([400, 401, 403, 429, ...statuses])].sort();
  return applyDecorators(
    ApiBearerAuth(),
    ApiExtraModels(ProblemDocument),
    ...all.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status],
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDocument) } } },
      }),
    ),
  );
}
