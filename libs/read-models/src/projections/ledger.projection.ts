import type { DepartmentEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { toEngineEvent } from '@app/issues';
import type { EntityManager } from 'typeorm';
import { LedgerEntryEntity } from '../entities/ledger-entry.entity';
import type { Projection } from '../projection';

export const LEDGER_PROJECTION = 'read-models.ledger';

/** The points ledger by department and year: one row per LedgerEntryRecorded. */
export const ledgerProjection: Projection = {
  name: LEDGER_PROJECTION,
  entities: [LedgerEntryEntity],
  async apply(recorded: RecordedEvent, tx: EntityManager): Promise<void> {
    if (recorded.type !== 'LedgerEntryRecorded') return;
    const { data } = toEngineEvent<Extract<DepartmentEvent, { type: 'LedgerEntryRecorded' }>>(recorded);
    // The entry id is derived from its cause: a second event for the same cause adds nothing.
    await tx
      .createQueryBuilder()
      .insert()
      .into(LedgerEntryEntity)
      .values({
        departmentId: data.departmentId,
        year: data.year,
        entryId: data.entryId,
        eventId: recorded.id,
        at: new Date(data.at),
        points: data.points,
        reason: data.reason,
        issueId: data.issueId ?? null,
        deadlineId: data.deadlineId ?? null,
        causedBy: data.causedBy ?? null,
      })
      .orIgnore()
      .execute();
  },
};
