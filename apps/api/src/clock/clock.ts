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

/**
 * DEMO ONLY: wall-clock time shifted by a fixed offset, so a demo can act "days ago" and let deadlines
 * that the worker computes from those instants fall due at once. Never configured in production.
 */
export class OffsetClock extends Clock {
  constructor(readonly offsetMs: number) {
    super();
  }

  now(): EpochMs {
    return Date.now() + this.offsetMs;
  }
}

/** A clock that stands still until moved; for tests. */
export class FixedClock extends Clock {
  constructor(private instant: EpochMs) {
    super();
  }

  now(): EpochMs {
    return this.instant;
  }

  set(instant: EpochMs): void {
    this.instant = instant;
  }
}
