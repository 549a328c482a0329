import type { EventStore, RecordedEvent } from '@app/event-store';

/** Every event of a small category (one stream per department, year or station), in global order. */
export async function readCategory(store: EventStore, category: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let fromPosition: bigint | undefined;
  for (;;) {
    const page = await store.readAll({ category, ...(fromPosition !== undefined ? { fromPosition } : {}) });
    if (page.length === 0) return events;
    events.push(...page);
    fromPosition = page[page.length - 1].globalPosition;
  }
}
