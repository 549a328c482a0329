import type { CheckpointStore } from './checkpoint-store.port';
import type { EventStore, RecordedEvent, SubscriptionHandle } from './event-store.port';

/** What a feed does with the events it follows; `drain` waits for work handed over but not done. */
export interface LogConsumer {
  push(event: RecordedEvent): Promise<void>;
  /** Rejects when the consumer gave up (its effect failed): the follower starts it again from its checkpoint. */
  failed: Promise<never>;
  /** The global position up to which every event was handled and its checkpoint saved. */
  readonly deliveredUpTo: bigint | undefined;
  drain(): Promise<void>;
  close(): void;
}

/** One subscriber of the log: its checkpoint's key, the category (or stream) it follows, and its consumer. */
export interface LogFeed {
  /** The checkpoint is `<follower name>:<key>`. */
  key: string;
  /**
   * Key of the checkpoint a feed without one of its own starts from: a partition of a feed that ran unpartitioned (or
   * with another partition count) resumes there instead of at the start of the log.
   */
  resumeFrom?: string;
  category: string;
  consumer(save: (position: bigint) => Promise<void>): LogConsumer;
}

export interface LogFollowerOptions {
  store: EventStore;
  checkpoints: CheckpointStore;
  /** Prefix of every feed's checkpoint name. */
  name: string;
  feeds: LogFeed[];
  /** Wait before a failed feed follows again from its checkpoint (default 1 s). */
  restartDelayMs?: number;
}

/**
 * Follows the log from a checkpoint, one subscription per feed: each feed gets its events after its saved position
 * and saves its own checkpoint. A feed whose subscription or consumer fails (a downstream service unreachable) starts
 * again from its checkpoint; what it handled but had not saved is delivered again, so every feed must be idempotent.
 */
export class LogFollower {
  private running: { feed: LogFeed; handle: SubscriptionHandle; consumer: LogConsumer }[] = [];
  private readonly delivered = new Map<string, () => bigint | undefined>();
  private readonly restarts = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly options: LogFollowerOptions) {}

  async start(): Promise<void> {
    this.stopped = false;
    for (const feed of this.options.feeds) await this.follow(feed);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.restarts) clearTimeout(timer);
    this.restarts.clear();
    const running = this.running;
    this.running = [];
    await Promise.all(
      running.map(async ({ handle, consumer }) => {
        await handle.stop();
        await consumer.drain();
      }),
    );
  }

  /** The global position up to which the feed `key` has handled the log (for tests and health checks). */
  deliveredUpTo(key: string): bigint | undefined {
    return this.delivered.get(key)?.();
  }

  private async follow(feed: LogFeed): Promise<void> {
    const checkpoint = `${this.options.name}:${feed.key}`;
    const fromPosition =
      (await this.options.checkpoints.load(checkpoint)) ??
      (feed.resumeFrom === undefined ? undefined : await this.options.checkpoints.load(`${this.options.name}:${feed.resumeFrom}`));
    const consumer = feed.consumer((position) => this.options.checkpoints.save(checkpoint, position));
    this.delivered.set(feed.key, () => consumer.deliveredUpTo ?? fromPosition);
    const handle = this.options.store.subscribeToAll({ category: feed.category, fromPosition, onEvent: (event) => consumer.push(event) });
    const entry = { feed, handle, consumer };
    const restart = () => {
      if (!this.running.includes(entry)) return;
      this.running = this.running.filter((r) => r !== entry);
      consumer.close();
      void handle.stop().catch(() => undefined);
      const timer = setTimeout(() => {
        this.restarts.delete(timer);
        if (!this.stopped) void this.follow(feed).catch(() => undefined);
      }, this.options.restartDelayMs ?? 1000);
      this.restarts.add(timer);
    };
    handle.done.catch(restart);
    consumer.failed.catch(restart);
    this.running.push(entry);
  }
}

/** A consumer that handles one event at a time, in global order, and saves the checkpoint after each. */
export function sequentialConsumer(
  handle: (event: RecordedEvent) => Promise<unknown>,
  save: (position: bigint) => Promise<void>,
): LogConsumer {
  let idle: Promise<void> = Promise.resolve();
  let deliveredUpTo: bigint | undefined;
  return {
    failed: new Promise<never>(() => undefined),
    get deliveredUpTo() {
      return deliveredUpTo;
    },
    push: (event) => {
      const work = (async () => {
        await handle(event);
        await save(event.globalPosition);
        deliveredUpTo = event.globalPosition;
      })();
      idle = work.catch(() => undefined);
      return work;
    },
    drain: () => idle,
    close: () => undefined,
  };
}
