import { HISTORY_CATEGORIES, RecordedAct, REFERENCE_STREAMS } from '@app/domain';
import { EventStore } from '@app/event-store';
import { toEngineEvent } from './event-envelope';
import { issueIdOfStream } from './stream-ids';

/**
 * The recorded history a what-if replays (libs/domain scenarioOfHistory): every event of the history's categories
 * and of the reference streams, at its current schema version, in the store's commit (global) order.
 */
export async function readRecordedHistory(store: EventStore, pageSize = 5000): Promise<RecordedAct[]> {
  const acts: RecordedAct[] = [];
  const add = (recorded: Awaited<ReturnType<EventStore['readStream']>>[number]) => {
    const { type, data } = toEngineEvent(recorded);
    const issueId = issueIdOfStream(recorded.streamId);
    acts.push({ position: recorded.globalPosition, type, data, ...(issueId !== undefined ? { issueId } : {}) });
  };
  for (const streamId of Object.values(REFERENCE_STREAMS)) (await store.readStream(streamId)).forEach(add);
  for (const category of HISTORY_CATEGORIES) {
    let fromPosition: bigint | undefined;
    for (;;) {
      const page = await store.readAll({ category, maxCount: pageSize, ...(fromPosition !== undefined ? { fromPosition } : {}) });
      if (page.length === 0) break;
      page.forEach(add);
      fromPosition = page[page.length - 1].globalPosition;
    }
  }
  return acts.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
}
