import { DepartmentEvent } from '../department/department.events';
import { PolicyBook } from '../policy/policy';
import { instantOf, toIso } from '../time/instant';
import { TimeZone } from '../time/time-zone';
import { baseEntry, LedgerEntry } from './ledger';

/** The +60 a registered district department holds from the start of `year`, under the policy in force then. */
export function baseEntryOfYear(departmentId: string, year: number, policy: PolicyBook, zone: TimeZone): LedgerEntry {
  const startOfYear = zone.startOfDay(`${String(year).padStart(4, '0')}-01-01`);
  return baseEntry(departmentId, year, policy.at(startOfYear), zone);
}

/** The event that books `entry` in its ledger stream; `causedBy` is the stored event (its id) that caused it. */
export function ledgerEntryRecorded(entry: LedgerEntry, causedBy: string | undefined): DepartmentEvent {
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
      ...(entry.explanation !== undefined ? { explanation: entry.explanation } : {}),
      ...(entry.appealId !== undefined ? { appealId: entry.appealId } : {}),
      ...(causedBy !== undefined ? { causedBy } : {}),
    },
  };
}

/** The entries a ledger stream holds, as the rules read them. */
export function ledgerEntriesOf(events: readonly DepartmentEvent[]): LedgerEntry[] {
  return events.flatMap((event) => {
    if (event.type !== 'LedgerEntryRecorded') return [];
    const { causedBy: _causedBy, at, ...entry } = event.data;
    return [{ ...entry, at: instantOf(at) }];
  });
}
