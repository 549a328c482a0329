import { ApplicationFailure } from '@temporalio/activity';
import {
  evolve,
  foldIssue,
  IssueEvent,
  issueStreamOf,
  isDomainError,
  LedgerEntry,
  ledgerEntriesFor,
  ledgerStreamOf,
  parseInstant,
} from '@app/domain';
import { EventStore } from '@app/event-store';
import { derivedEventId, IssueCommandService, ReferenceData, toEngineEvent, toNewEvent } from '@app/issues';
import { baseEntryOf, ledgerEntryEvent } from './ledger-entries';
import { DeliveredIssueEvent } from './issue-workflow.contract';

export interface IssueActivityDeps {
  store: EventStore;
  commands: IssueCommandService;
  reference: ReferenceData;
}

const SYSTEM_ACTOR = { role: 'system', id: 'temporal' } as const;

export type IssueActivities = ReturnType<typeof createIssueActivities>;

export function createIssueActivities({ store, commands, reference }: IssueActivityDeps) {
  // Ledger streams whose base entry this process has seen stored: the base append (a no-op then) is skipped.
  const basesStored = new Set<string>();

  /** The issue just before and just after its event at `revision`, read from the store (the source of truth). */
  async function issueAround(issueId: string, revision: number, eventId: string) {
    const recorded = await store.readStream(issueStreamOf(issueId), { fromRevision: 0, maxCount: revision + 1 });
    const target = recorded[revision];
    if (target === undefined || target.id !== eventId) {
      throw ApplicationFailure.nonRetryable(`event ${eventId} is not revision ${revision} of ${issueStreamOf(issueId)}`);
    }
    const before = foldIssue(recorded.slice(0, revision).map((e) => toEngineEvent<IssueEvent>(e)));
    const event = toEngineEvent<IssueEvent>(target);
    return { before, event, after: evolve(before, event) };
  }

  return {
    /** A timer fired: settles everything due at `due` (domain instant). The causation makes a retry write nothing. */
    async tickIssue(input: { issueId: string; due: string }): Promise<DeliveredIssueEvent[]> {
      return executeSystemCommand(
        commands,
        input.issueId,
        { type: 'Tick', at: parseInstant(input.due) },
        `${issueStreamOf(input.issueId)}/tick/${input.due}`,
      );
    },

    /** The calendar of a year was published: recompute provisional time limits and deadlines. */
    async recomputeProvisionalDeadlines(input: { issueId: string; calendarEventId: string; at: string }): Promise<DeliveredIssueEvent[]> {
      return executeSystemCommand(
        commands,
        input.issueId,
        { type: 'RecomputeProvisionalDeadlines', at: parseInstant(input.at) },
        `${issueStreamOf(input.issueId)}/recompute/${input.calendarEventId}`,
      );
    },

    /** Books the ledger entries an issue event causes (missed deadline, confirmed closing), each once. */
    async recordLedgerEntries(input: { issueId: string; eventId: string; revision: number }): Promise<number> {
      const { before, event } = await issueAround(input.issueId, input.revision, input.eventId);
      if (before === null) return 0;
      const snapshot = await reference.snapshot();
      const entries = ledgerEntriesFor(event, before, (at) => snapshot.policy.at(at), snapshot.zone);
      for (const entry of entries) {
        const ledger = ledgerStreamOf(entry.departmentId, entry.year);
        if (!basesStored.has(ledger)) {
          await appendLedgerEntry(store, baseEntryOf(entry.departmentId, entry.year, snapshot), undefined);
          basesStored.add(ledger);
        }
        await appendLedgerEntry(store, entry, input.eventId);
      }
      return entries.length;
    },
  };
}

async function executeSystemCommand(
  commands: IssueCommandService,
  issueId: string,
  command: Parameters<IssueCommandService['execute']>[1],
  causationId: string,
): Promise<DeliveredIssueEvent[]> {
  try {
    // Its own events, stored: the workflow folds them at once instead of waiting for the delivery to bring them.
    return (await commands.execute(issueId, command, { causationId, actor: SYSTEM_ACTOR })).stored;
  } catch (error) {
    // A rule said no (e.g. the issue closed meanwhile): retrying cannot change the answer.
    if (isDomainError(error)) throw ApplicationFailure.nonRetryable(error.message, error.code);
    throw error;
  }
}

/** Appends one ledger entry; its id comes from the entry id, so booking it again is a no-op in the store. */
export async function appendLedgerEntry(store: EventStore, entry: LedgerEntry, causedBy: string | undefined): Promise<void> {
  await store.appendToStream(
    ledgerStreamOf(entry.departmentId, entry.year),
    [toNewEvent(ledgerEntryEvent(entry, causedBy), derivedEventId(entry.entryId), causedBy ? { causedBy } : {})],
    // Entries are independent facts with derived ids, written by many issue workflows: no order to protect.
    { expectedRevision: 'any' },
  );
}
