import {
  baseEntryOfYear,
  EpochMs,
  foldIssue,
  IssueEvent,
  issueStreamOf,
  LedgerEntry,
  ledgerEntriesFor,
  ledgerEntryRecorded,
  ledgerStreamOf,
  yearOf,
} from '@app/domain';
import { EventStore } from '@app/event-store';
import { derivedEventId, ReferenceData, toEngineEvent, toNewEvent } from '@app/issues';

/** The event named is not at that revision of its issue's stream: the caller's reference is wrong, a retry cannot help. */
export class EventNotAtRevisionError extends Error {
  constructor(eventId: string, revision: number, streamId: string) {
    super(`event ${eventId} is not revision ${revision} of ${streamId}`);
    this.name = 'EventNotAtRevisionError';
  }
}

/** Appends one ledger entry; its id comes from the entry id, so booking it again is a no-op in the store. */
export async function appendLedgerEntry(store: EventStore, entry: LedgerEntry, causedBy: string | undefined): Promise<void> {
  await store.appendToStream(
    ledgerStreamOf(entry.departmentId, entry.year),
    [toNewEvent(ledgerEntryRecorded(entry, causedBy), derivedEventId(entry.entryId), causedBy ? { causedBy } : {})],
    // Entries are independent facts with derived ids, written by many issue workflows: no order to protect.
    { expectedRevision: 'any' },
  );
}

/**
 * Books the ledger entries (RULES.md §4, libs/domain ledgerEntriesFor) in `ledger-<department>-<year>`: the base
 * score of a year, and the entries an issue event causes (a missed deadline, a confirmed closing), each once.
 */
export class LedgerBooking {
  // Ledger streams whose base entry this process has seen stored: the base append (a no-op then) is skipped.
  private readonly basesStored = new Set<string>();

  constructor(
    private readonly store: EventStore,
    private readonly reference: ReferenceData,
  ) {}

  /** Grants the base score of `year` to every registered district department; returns how many there are. */
  async openYear(year: number): Promise<number> {
    const snapshot = await this.reference.snapshot();
    for (const department of snapshot.chart.departments) {
      await appendLedgerEntry(this.store, baseEntryOfYear(department.id, year, snapshot.policy, snapshot.zone), undefined);
    }
    return snapshot.chart.departments.length;
  }

  /**
   * A registered district department holds its base score from the start of the year, so it ranks with it before
   * any other entry is booked: the year of `now` (domain time), or of its registration if later. The year-end
   * workflow opens every following year.
   */
  async openRegisteredDepartment(departmentId: string, registeredAt: EpochMs, now: EpochMs): Promise<void> {
    const snapshot = await this.reference.snapshot();
    const year = yearOf(snapshot.zone.localDate(Math.max(now, registeredAt)));
    await appendLedgerEntry(this.store, baseEntryOfYear(departmentId, year, snapshot.policy, snapshot.zone), undefined);
  }

  /** Books what the event at `revision` of the issue's stream causes; returns the number of entries. */
  async bookIssueEvent(issueId: string, revision: number, eventId: string): Promise<number> {
    const { before, event } = await this.issueAround(issueId, revision, eventId);
    if (before === null) return 0;
    const snapshot = await this.reference.snapshot();
    const entries = ledgerEntriesFor(event, before, (at) => snapshot.policy.at(at), snapshot.zone);
    for (const entry of entries) {
      const ledger = ledgerStreamOf(entry.departmentId, entry.year);
      if (!this.basesStored.has(ledger)) {
        await appendLedgerEntry(this.store, baseEntryOfYear(entry.departmentId, entry.year, snapshot.policy, snapshot.zone), undefined);
        this.basesStored.add(ledger);
      }
      await appendLedgerEntry(this.store, entry, eventId);
    }
    return entries.length;
  }

  /** The issue just before and just after its event at `revision`, read from the store (the source of truth). */
  private async issueAround(issueId: string, revision: number, eventId: string) {
    const streamId = issueStreamOf(issueId);
    const recorded = await this.store.readStream(streamId, { fromRevision: 0, maxCount: revision + 1 });
    const target = recorded[revision];
    if (target === undefined || target.id !== eventId) throw new EventNotAtRevisionError(eventId, revision, streamId);
    const before = foldIssue(recorded.slice(0, revision).map((e) => toEngineEvent<IssueEvent>(e)));
    return { before, event: toEngineEvent<IssueEvent>(target) };
  }
}
