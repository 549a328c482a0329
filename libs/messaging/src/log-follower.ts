import type { CheckpointStore, EventStore, RecordedEvent, SubscriptionHandle } from '@app/event-store';

const RESUBSCRIBE_DELAY_MS = 1000;

export type LogFollowerOptions = {
  eventStore: EventStore;
  checkpoints: CheckpointStore;
  checkpointName: string;
  /** Only this category's events (e.g. 'circular'); the whole log when absent. */
  category?: string;
  /** Handles one event; the checkpoint moves past it only once this resolves. */
  onEvent: (event: RecordedEvent) => Promise<void>;
  onError?: (error: unknown) => void;
};

/**
 * Follows the log from a checkpoint saved after each event is handled: a failure stops the subscription, which
 * resubscribes from the checkpoint after a second, so a crash between handling and saving handles the event again.
 */
export class LogFollower {
  private handle: SubscriptionHandle | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = true;

  constructor(private readonly options: LogFollowerOptions) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.subscribe();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.handle?.stop();
  }

  async handleAndCheckpoint(event: RecordedEvent): Promise<void> {
    await this.options.onEvent(event);
    await this.options.checkpoints.save(this.options.checkpointName, event.globalPosition);
  }

  private async subscribe(): Promise<void> {
    const fromPosition = await this.options.checkpoints.load(this.options.checkpointName);
    this.handle = this.options.eventStore.subscribeToAll({
      fromPosition,
      ...(this.options.category !== undefined ? { category: this.options.category } : {}),
      onEvent: (event) => this.handleAndCheckpoint(event),
    });
    this.handle.done.catch((error: unknown) => {
      this.options.onError?.(error);
      if (this.stopped) return;
      this.retry = setTimeout(() => {
        if (!this.stopped) void this.subscribe().catch((failure: unknown) => this.options.onError?.(failure));
      }, RESUBSCRIBE_DELAY_MS);
    });
  }
}
