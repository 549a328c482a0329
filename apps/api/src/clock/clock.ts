import { EpochMs } from '@app/domain';

/**
 * The server clock commands are stamped with. The domain never reads time; the API asks this.
 * An abstract class so it is its own DI token, and tests or the demo can hand in another clock.
 */
export abstract class Clock {
  abstract now(): EpochMs;
}

export class SystemClock extends Clock {
  now(): EpochMs {
    return Date.now();
  }
}

/** Wall-clock time shifted by a fixed offset: lets a test act "days ago" against the live worker's real time. */
export class OffsetClock extends Clock {
  constructor(readonly offsetMs: number) {
    super();
  }

  now(): EpochMs {
    return Date.now() + this.offsetMs;
  }
}
