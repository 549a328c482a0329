import type { RecordedEvent, SubscriptionHandle } from './event-store.port';

export type EventSubscriptionOptions = {
  fromPosition?: bigint;
  onEvent: (event: RecordedEvent) => Promise<void>;
  /** Next page of events strictly after the position, in global order. */
  readPage: (fromPosition: bigint) => Promise<RecordedEvent[]>;
  /** Longest wait between two reads when nothing wakes the subscription. */
  pollIntervalMs: number;
};

/**
 * Catch-up then live: reads pages after its checkpoint and hands events to onEvent one at a time; when a page
 * comes back empty it sleeps until wake() (a notification of an append) or the poll interval, whichever first.
 */
export class EventSubscription implements SubscriptionHandle {
  readonly done: Promise<void>;
  private position: bigint;
  private stopping = false;
  private wakeRequested = false;
  private sleeper: { timer: NodeJS.Timeout; resolve: () => void } | undefined;
  private resolveDone!: () => void;
  private rejectDone!: (error: unknown) => void;

  constructor(private readonly options: EventSubscriptionOptions) {
    this.position = options.fromPosition ?? 0n;
    this.done = new Promise<void>((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    // The failure stays observable through `done`; this only keeps an unobserved one from crashing the process.
    this.done.catch(() => undefined);
  }

  start(): void {
    this.run().then(this.resolveDone, this.rejectDone);
  }

  wake(): void {
    this.wakeRequested = true;
    this.sleeper?.resolve();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.sleeper?.resolve();
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      // Cleared before reading: a notification that lands during the read makes us read again, not sleep.
      this.wakeRequested = false;
      const page = await this.options.readPage(this.position);
      for (const event of page) {
        if (this.stopping) return;
        await this.options.onEvent(event);
        this.position = event.globalPosition;
      }
      if (page.length === 0 && !this.wakeRequested && !this.stopping) await this.sleep();
    }
  }

  private sleep(): Promise<void> {
    return new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.sleeper = undefined;
        resolve();
      };
      const timer = setTimeout(finish, this.options.pollIntervalMs);
      this.sleeper = { timer, resolve: finish };
    });
  }
}
