// The event-store port: the only way the rest of the engine reads or writes the source of truth.
// An abstract class so that it doubles as a Nest DI token without a separate Symbol.

export type NewEvent = {
  /** UUID; the idempotency key of the append. */
  id: string;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
};

export type RecordedEvent = NewEvent & {
  streamId: string;
  /** 0-based position inside the stream, as in KurrentDB. */
  revision: number;
  /** Position in the global log; strictly increasing in the order subscribers receive events. */
  globalPosition: bigint;
  recordedAt: Date;
  metadata: Record<string, unknown>;
  previousHash: string;
  hash: string;
};

/**
 * What the writer believes about the stream:
 * a number = revision of the stream's last event; 'no_stream' = no event yet;
 * 'stream_exists' = at least one event; 'any' = no check.
 */
export type ExpectedRevision = number | 'no_stream' | 'any' | 'stream_exists';

export type AppendOptions = { expectedRevision: ExpectedRevision };

export type AppendResult = {
  /** Revision of the last event of the batch: pass it as expectedRevision of the next append. */
  nextExpectedRevision: number;
  /** Global position of the last event of the batch. */
  lastGlobalPosition: bigint;
};

export type ReadDirection = 'forwards' | 'backwards';

export type ReadStreamOptions = {
  direction?: ReadDirection;
  /** Inclusive. Defaults to the start (forwards) or the end (backwards). */
  fromRevision?: number;
  maxCount?: number;
};

export type ReadAllOptions = {
  /** Exclusive: events strictly after this position. Omit to start at the beginning. */
  fromPosition?: bigint;
  /** Defaults to DEFAULT_READ_ALL_MAX_COUNT; page with the last event's globalPosition. */
  maxCount?: number;
  /** Stream-id prefix before the first '-', e.g. 'issue' for 'issue-I1'. */
  category?: string;
};

export const DEFAULT_READ_ALL_MAX_COUNT = 1000;

export type SubscribeToAllOptions = {
  /** Exclusive checkpoint: the last position the consumer has fully handled. */
  fromPosition?: bigint;
  category?: string;
  /** Called once per event, one at a time, in global order. A rejection stops the subscription. */
  onEvent: (event: RecordedEvent) => Promise<void>;
};

export type SubscriptionHandle = {
  /** Stops after the event in progress (if any) has been handled; resolves once stopped. */
  stop(): Promise<void>;
  /** Resolves when stopped by stop(); rejects with the error of onEvent (or of reading) that ended it. */
  readonly done: Promise<void>;
};

export type VerifyAllScope = { from?: Date; to?: Date } | { category: string };

export type VerificationResult =
  { ok: true; checked: number } | { ok: false; streamId: string; revision: number; reason: string };

export abstract class EventStore {
  abstract appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;

  /** Events of one stream; an empty array when the stream does not exist. */
  abstract readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /**
   * The events of several streams after a revision of each (-1: the whole stream), oldest first: what a reader
   * that keeps a few streams in memory asks to catch up. Adapters that can answer it in one round trip do.
   */
  async readStreamsAfter(after: ReadonlyMap<string, number>): Promise<Map<string, RecordedEvent[]>> {
    const read = await Promise.all(
      [...after].map(async ([streamId, revision]) => [streamId, await this.readStream(streamId, { fromRevision: revision + 1 })] as const),
    );
    return new Map(read);
  }

  /** One page of the global log (or of one category) in global order. */
  abstract readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /** Catches up from the checkpoint, then follows live. */
  abstract subscribeToAll(options: SubscribeToAllOptions): SubscriptionHandle;

  /** Recomputes the hash chain of one stream and names the first broken link. */
  abstract verifyStream(streamId: string): Promise<VerificationResult>;

  /**
   * Verifies, each from its genesis, the chain of every stream that has an event recorded in [from, to)
   * (only up to `to`), or of every stream in a category.
   */
  abstract verifyAll(scope?: VerifyAllScope): Promise<VerificationResult>;

  /** Releases connections and stops live subscriptions. */
  abstract close(): Promise<void>;

  /** One stream in pages, oldest first: what the hash-chain check walks, the same for every adapter. */
  protected async *streamPages(streamId: string, pageSize = 1000): AsyncIterable<RecordedEvent[]> {
    let fromRevision = 0;
    for (;;) {
      const page = await this.readStream(streamId, { fromRevision, maxCount: pageSize });
      if (page.length > 0) yield page;
      if (page.length < pageSize) return;
      fromRevision = page[page.length - 1].revision + 1;
    }
  }
}

/** The category of a stream id: its prefix before the first '-' (the whole id when there is none). */
export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash === -1 ? streamId : streamId.slice(0, dash);
}
