import { applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';

/** Documents the Idempotency-Key and If-Match headers every POST takes. */
export function IdempotencyKeyHeader() {
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Same key and body → the same answer, no second event; same key, other body → 422',
      schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
    }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'The revision the client saw, e.g. "3"; another current revision → 409 with currentRevision',
      schema: { type: 'string', pattern: '^(W/)?"?\\d{1,9}"?$' },
    }),
  );
}
