import { DEPARTMENT_EVENT_SCHEMA_VERSIONS, DepartmentEvent } from '@app/domain';
import { toEngineEvent, toNewEvent } from './event-envelope';

describe('stored department events at older schema versions', () => {
  const ledgerDifferences = [{ departmentId: 'cg', entryId: 'e1', expected: -3, recorded: null }];

  it('reads a v1 reconciliation report (ledger entries only) with no interview difference', () => {
    const v1 = {
      type: 'ReconciliationReported',
      schemaVersion: 1,
      data: { year: 2026, at: '2027-01-01T00:30:00.000Z', final: true, differences: ledgerDifferences },
    };
    expect(toEngineEvent<DepartmentEvent>(v1).data).toEqual({
      ...v1.data,
      interviewDifferences: [],
      waitingDeadlines: [],
      openAppeals: [],
    });
  });

  it('reads a v3 reconciliation report (before appeals) with no open appeal', () => {
    const v3 = {
      type: 'ReconciliationReported',
      schemaVersion: 3,
      data: { year: 2026, at: '2027-01-01T00:30:00.000Z', final: true, differences: [], interviewDifferences: [], waitingDeadlines: [] },
    };
    expect(toEngineEvent<DepartmentEvent>(v3).data).toEqual({ ...v3.data, openAppeals: [] });
  });

  it('writes reconciliation reports at the current version and reads them back unchanged', () => {
    const report: DepartmentEvent = {
      type: 'ReconciliationReported',
      data: {
        year: 2026,
        at: '2027-01-01T00:30:00.000Z',
        final: true,
        differences: ledgerDifferences,
        interviewDifferences: [{ departmentId: 'cg', deadlineIds: ['i1#1', 'i2#1'], expected: true, recorded: false }],
        waitingDeadlines: [{ departmentId: 'cg', issueId: 'i3', deadlineId: 'i3#1', due: '2027-01-05T16:00:00.000Z' }],
        openAppeals: [
          {
            appealId: 'appeal:i4#1',
            departmentId: 'cg',
            issueId: 'i4',
            deadlineId: 'i4#1',
            due: '2026-12-20T16:00:00.000Z',
            filedAt: '2026-12-22T02:00:00.000Z',
          },
        ],
      },
    };
    const stored = toNewEvent(report, '00000000-0000-4000-8000-000000000001');
    expect(stored.schemaVersion).toBe(DEPARTMENT_EVENT_SCHEMA_VERSIONS.ReconciliationReported);
    expect(stored.schemaVersion).toBeGreaterThan(1);
    expect(toEngineEvent({ type: stored.type, schemaVersion: stored.schemaVersion, data: stored.data })).toEqual(report);
  });
});
