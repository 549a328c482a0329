// How the benchmarks store a generated year as the live system would: each recorded act in the stream the live path
// appends it to, with derived ids so a seed can be told from another by its prefix.
import { appealStreamOf, ledgerStreamOf, RecordedAct, REFERENCE_STREAMS } from '@app/domain';
import { EventStore, NewEvent } from '@app/event-store';
import { derivedEventId, issueStreamOf, toNewEvent } from '@app/issues';

/** The stream the live system appends a recorded act's event to. */
export function streamOfAct(act: RecordedAct): string {
  if (act.issueId !== undefined) return issueStreamOf(act.issueId);
  const data = act.data as { departmentId?: string; year?: number; deadlineId?: string };
  switch (act.type) {
    case 'YearScheduleLoaded':
      return REFERENCE_STREAMS.calendar;
    case 'PolicyVersionAdopted':
      return REFERENCE_STREAMS.policy;
    case 'LedgerEntryRecorded':
      return ledgerStreamOf(data.departmentId as string, data.year as number);
    case 'AppealFiled':
    case 'AppealUpheld':
    case 'AppealOverturned':
      return appealStreamOf(data.deadlineId as string);
    default:
      return REFERENCE_STREAMS.organisation;
  }
}

export function newEventOfAct(act: RecordedAct, seed: string): NewEvent {
  return toNewEvent({ type: act.type, data: act.data } as never, derivedEventId(`${seed}/${act.position}`));
}

/**
 * Appends the acts in commit order, consecutive events of one stream as one append (as one act's events are live),
 * one append after the other: the global order is the history's.
 */
export async function appendInCommitOrder(store: EventStore, acts: readonly RecordedAct[], seed: string): Promise<void> {
  let batch: NewEvent[] = [];
  let batchStream = '';
  for (const act of acts) {
    const streamId = streamOfAct(act);
    if (streamId !== batchStream && batch.length > 0) {
      await store.appendToStream(batchStream, batch, { expectedRevision: 'any' });
      batch = [];
    }
    batchStream = streamId;
    batch.push(newEventOfAct(act, seed));
  }
  if (batch.length > 0) await store.appendToStream(batchStream, batch, { expectedRevision: 'any' });
}
