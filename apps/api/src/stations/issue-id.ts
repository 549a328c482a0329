import { createHash } from 'node:crypto';
import { SHANGHAI } from '@app/domain';

/**
 * Issue ids are `YYYYMMDD-xxxxxxxx` (local raise date, then 8 hex of the request's cause): readable, and a
 * retried request with the same Idempotency-Key names the same issue.
 */
export function issueIdFor(at: number, causationId: string): string {
  return meetingIdFor(SHANGHAI.localDate(at), causationId);
}

/** Meeting ids are named the same way, after the local date the meeting was held. */
export function meetingIdFor(date: string, causationId: string): string {
  return `${date.replace(/-/g, '')}-${createHash('sha256').update(causationId).digest('hex').slice(0, 8)}`;
}
