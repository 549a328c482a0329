import { issueIdFor } from './issue-id';

describe(issueIdFor.name, () => {
  const at = Date.parse('2026-03-02T16:30:00Z'); // 2026-03-03 00:30 in Asia/Shanghai

  it('names the issue by its local raise date and its cause', () => {
    expect(issueIdFor(at, 'idempotency:station:s1:k1')).toMatch(/^20260303-[0-9a-f]{8}$/);
  });

  it('gives a retried cause the same id and another cause another id', () => {
    expect(issueIdFor(at, 'idempotency:station:s1:k1')).toBe(issueIdFor(at + 1000, 'idempotency:station:s1:k1'));
    expect(issueIdFor(at, 'idempotency:station:s1:k1')).not.toBe(issueIdFor(at, 'idempotency:station:s1:k2'));
  });
});
