import { DEFAULT_POLICY, policySchema } from '../policy/policy';
import { upcast } from '../shared/upcast';
import { foldPolicy, REFERENCE_EVENT_SCHEMA_VERSIONS, REFERENCE_EVENT_UPCASTERS } from './reference.events';

describe('PolicyVersionAdopted upcaster', () => {
  it('reads a version 1 policy, adopted before appeals and reminders, under their defaults', () => {
    const { appealPeriod: _appealPeriod, reminder: _reminder, ...v1Policy } = { ...DEFAULT_POLICY, deductionPer: 'issue' as const };
    const stored = { version: 2, effectiveFrom: '2026-07-01T00:00:00.000Z', policy: v1Policy, at: '2026-06-01T00:00:00.000Z' };
    const data = upcast('PolicyVersionAdopted', 1, stored, REFERENCE_EVENT_SCHEMA_VERSIONS, REFERENCE_EVENT_UPCASTERS);
    const book = foldPolicy(
      [{ type: 'PolicyVersionAdopted', data: data as typeof stored & { policy: typeof DEFAULT_POLICY } }],
      DEFAULT_POLICY,
    );
    const adopted = book.at(Date.parse('2026-08-01T00:00:00Z'));
    expect(policySchema.safeParse(adopted).success).toBe(true);
    expect(adopted).toMatchObject({
      deductionPer: 'issue',
      appealPeriod: { count: 5, unit: 'workingDays' },
      reminder: { workingDaysBefore: 1, hour: 9, minute: 0 },
    });
  });
});
