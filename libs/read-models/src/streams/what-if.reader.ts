import { whatIfStreamOf, type WhatIfEvent } from '@app/domain';
import type { EventStore } from '@app/event-store';
import { toEngineEvent } from '@app/issues';

/** A what-if as kept in `whatif-<year>`: compared (both runs and the changes) or refused (why). */
export type KeptWhatIf = { status: 'compared' | 'refused' } & WhatIfEvent['data'];

/** Reads the what-ifs (规则推演) kept per year: a small stream, read whole. */
export class WhatIfReader {
  constructor(private readonly store: EventStore) {}

  /** The revision of `whatif-<year>` (undefined: no what-if kept yet): what a request's If-Match names. */
  async revision(year: number): Promise<number | undefined> {
    const events = await this.store.readStream(whatIfStreamOf(year));
    return events.length === 0 ? undefined : events[events.length - 1].revision;
  }

  /** The what-if with this id, once its workflow has kept it; undefined before. */
  async whatIf(year: number, whatIfId: string): Promise<KeptWhatIf | undefined> {
    const events = (await this.store.readStream(whatIfStreamOf(year))).map((e) => toEngineEvent<WhatIfEvent>(e));
    const kept = events.find((e) => e.data.whatIfId === whatIfId);
    if (kept === undefined) return undefined;
    return { status: kept.type === 'WhatIfCompared' ? 'compared' : 'refused', ...kept.data };
  }
}
