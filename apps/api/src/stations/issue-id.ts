import { createHash } from 'node:crypto';
import { SHANGHAI } from '@app/domain';

/**
 * Issue ids are `YYYYMMDD-xxxxxxxx` (local raise date, then 8 hex of the request's cause): readable, and a
 * retried request with the same Idempotency-Key names the same issue.
 */
export function issueIdFor(at: number, causationId: string): string {
  const date = SHANGHAI.localDate(at).replace(/-/g, '');
  return `${date}-${createHash('sha256').update(causationId).digest('hex').slice(0, 8)}`;
}
