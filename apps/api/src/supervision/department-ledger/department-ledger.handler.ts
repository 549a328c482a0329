import { DepartmentEvent, ledgerStreamOf, roundPoints } from '@app/domain';
import { EventStore } from '@app/event-store';
import { toEngineEvent } from '@app/issues';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { LedgerDto, LedgerEntryDto } from './department-ledger.dto';
import { DepartmentLedgerQuery } from './department-ledger.query';

/** The ledger stream itself (small: one per department and year), with its hash chain checked. */
@QueryHandler(DepartmentLedgerQuery)
export class DepartmentLedgerHandler implements IQueryHandler<DepartmentLedgerQuery> {
  constructor(private readonly store: EventStore) {}

  async execute(query: DepartmentLedgerQuery): Promise<LedgerDto> {
    const entries = await readLedger(this.store, query.departmentId, query.year);
    const verification = await this.store.verifyStream(ledgerStreamOf(query.departmentId, query.year));
    return {
      departmentId: query.departmentId,
      year: query.year,
      total: roundPoints(entries.reduce((sum, e) => sum + e.points, 0)),
      entries,
      verification: verification.ok
        ? { ok: true, checked: verification.checked }
        : { ok: false, revision: verification.revision, reason: verification.reason },
    };
  }
}

export async function readLedger(store: EventStore, departmentId: string, year: number): Promise<LedgerEntryDto[]> {
  const recorded = await store.readStream(ledgerStreamOf(departmentId, year));
  return recorded
    .map((e) => toEngineEvent<DepartmentEvent>(e))
    .flatMap((e) => (e.type === 'LedgerEntryRecorded' ? [e.data] : []))
    .map((d) => ({
      entryId: d.entryId,
      at: d.at,
      points: d.points,
      reason: d.reason,
      ...(d.issueId !== undefined ? { issueId: d.issueId } : {}),
      ...(d.deadlineId !== undefined ? { deadlineId: d.deadlineId } : {}),
      ...(d.causedBy !== undefined ? { causedBy: d.causedBy } : {}),
    }));
}
