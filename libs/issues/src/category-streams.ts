import { EventStore, RecordedEvent } from '@app/event-store';

/**
 * Every stream of a category, read in pages of the global order: each stream's events in order. For the small
 * categories a decision or a report reads whole (meetings, appeals).
 */
export async function streamsOfCategory(store: EventStore, category: string, pageSize = 1000): Promise<Map<string, RecordedEvent[]>> {
  const byStream = new Map<string, RecordedEvent[]>();
  let fromPosition: bigint | undefined;
  for (;;) {
    const page = await store.readAll({ category, maxCount: pageSize, ...(fromPosition !== undefined ? { fromPosition } : {}) });
    if (page.length === 0) return byStream;
    for (const event of page) {
      const events = byStream.get(event.streamId);
      if (events === undefined) byStream.set(event.streamId, [event]);
      else events.push(event);
    }
    fromPosition = page[page.length - 1].globalPosition;
  }
}
