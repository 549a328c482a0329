import { baseEntry, DepartmentEvent, LedgerEntry, toIso } from '@app/domain';
import type { ReferenceSnapshot } from '@app/issues';

/** The +60 a registered district department holds from the start of `year`, under the policy in force then. */
export function baseEntryOf(departmentId: string, year: number, snapshot: ReferenceSnapshot): LedgerEntry {
  const startOfYear = snapshot.zone.startOfDay(`${String(year).padStart(4, '0')}-01-01`);
  return baseEntry(departmentId, year, snapshot.policy.at(startOfYear), snapshot.zone);
}

export function ledgerEntryEvent(entry: LedgerEntry, causedBy: string | undefined): DepartmentEvent {
  return {
    type: 'LedgerEntryRecorded',
    data: {
      entryId: entry.entryId,
      departmentId: entry.departmentId,
      year: entry.year,
      at: toIso(entry.at),
      points: entry.points,
      reason: entry.reason,
      ...(entry.issueId !== undefined ? { issueId: entry.issueId } : {}),
      ...(entry.deadlineId !== undefined ? { deadlineId: entry.deadlineId } : {}),
      ...(causedBy !== undefined ? { causedBy } : {}),
    },
  };
}
