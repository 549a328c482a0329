import type { VerificationResult } from '@app/event-store';

/** How a hash-chain check is answered: how many links recompute, or the first broken one. */
export type StreamVerification = { ok: true; checked: number } | { ok: false; revision: number; reason: string };

export function verificationOf(result: VerificationResult): StreamVerification {
  return result.ok ? { ok: true, checked: result.checked } : { ok: false, revision: result.revision, reason: result.reason };
}
