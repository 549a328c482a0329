import {
  BACKWARDS,
  END,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  KurrentDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
  streamNameFilter,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type Filter,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import {
  chainEvents,
  classifyExistingIds,
  expectationHolds,
  validateAppend,
  type StoredEventLocation,
} from '../append-rules';
import { InvalidAppendError, WrongExpectedRevisionError, type ActualRevision } from '../event-store.errors';
import {
  DEFAULT_READ_ALL_MAX_COUNT,
  EventStore,
  type AppendOptions,
  type AppendResult,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
  type SubscriptionHandle,
  type VerificationResult,
  type VerifyAllScope,
} from '../event-store.port';
import { GENESIS_HASH, verifyStreams } from '../hash-chain';

/** Key of the event metadata under which the chain fields travel; user metadata sits beside it. */
export const CHAIN_METADATA_KEY = '_eventStore';

type ChainMetadata = {
  schemaVersion: number;
  previousHash: string;
  hash: string;
};

/** How far back an 'any' / 'stream_exists' append looks for an earlier copy of its batch. */
const IDEMPOTENCY_WINDOW = 1000;
const PAGE_SIZE = 1000;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function categoryFilter(category: string | undefined): Filter {
  return category === undefined ? excludeSystemEvents() : streamNameFilter({ regex: `^${escapeRegex(category)}(-|$)` });
}

/**
 * The same port on KurrentDB. Mapping: revision = stream revision; globalPosition = commit position of the event
 * in $all; the hash chain (schemaVersion, previousHash, hash) is stored in the event metadata under
 * CHAIN_METADATA_KEY; categories are a server-side stream-name regex filter on $all (no $ce- projection needed).
 * Limitation: KurrentDB has no index of event ids, so reuse of an id in another stream is not detected.
 */
export class KurrentDbEventStore extends EventStore {
  private readonly client: KurrentDBClient;
  private readonly subscriptions = new Set<SubscriptionHandle>();

  constructor(connectionString: string) {
    super();
    this.client = KurrentDBClient.connectionString(connectionString);
  }

  override async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const expected = options.expectedRevision;
    validateAppend(streamId, events, expected);
    for (const event of events) {
      if (event.metadata !== undefined && CHAIN_METADATA_KEY in event.metadata) {
        throw new InvalidAppendError(streamId, `metadata key ${CHAIN_METADATA_KEY} is reserved`);
      }
    }
    // A server-side conflict means a concurrent writer got there first: re-read, then report or retry.
    for (;;) {
      const [last] = await this.readStream(streamId, {
        direction: 'backwards',
        maxCount: 1,
      });
      const actual: ActualRevision = last === undefined ? 'no_stream' : last.revision;
      const outcome = classifyExistingIds(
        streamId,
        events,
        expected,
        await this.findBatch(streamId, events, expected, actual),
      );
      if (outcome.kind === 'already_appended') {
        const [stored] = await this.readStream(streamId, {
          fromRevision: outcome.lastRevision,
          maxCount: 1,
        });
        return {
          nextExpectedRevision: outcome.lastRevision,
          lastGlobalPosition: stored.globalPosition,
        };
      }
      if (outcome.kind === 'conflict' || !expectationHolds(expected, actual)) {
        throw new WrongExpectedRevisionError(streamId, expected, actual);
      }
      const chained = chainEvents(
        streamId,
        events,
        actual === 'no_stream' ? 0 : actual + 1,
        last === undefined ? GENESIS_HASH : last.hash,
      );
      try {
        const result = await this.client.appendToStream(
          streamId,
          chained.map((event) =>
            jsonEvent({
              id: event.id,
              type: event.type,
              data: JSON.parse(event.data) as Record<string, unknown>,
              metadata: {
                ...(JSON.parse(event.metadata) as Record<string, unknown>),
                [CHAIN_METADATA_KEY]: {
                  schemaVersion: event.schemaVersion,
                  previousHash: event.previousHash,
                  hash: event.hash,
                } satisfies ChainMetadata,
              },
            }),
          ),
          { streamState: actual === 'no_stream' ? NO_STREAM : BigInt(actual) },
        );
        return {
          nextExpectedRevision: Number(result.nextExpectedRevision),
          lastGlobalPosition: result.position?.commit ?? 0n,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
      }
    }
  }

  override async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision),
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      })) {
        const event = toRecordedEvent(resolved);
        if (event !== undefined) events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  override async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.fromPosition;
    const maxCount = options.maxCount ?? DEFAULT_READ_ALL_MAX_COUNT;
    const events: RecordedEvent[] = [];
    // KurrentDB reads $all from a position inclusively; ask for one more and drop the event at the checkpoint.
    for await (const resolved of this.client.readAll({
      direction: FORWARDS,
      fromPosition: after === undefined ? START : { commit: after, prepare: after },
      maxCount: maxCount + 1,
      filter: categoryFilter(options.category),
    })) {
      const event = toRecordedEvent(resolved);
      if (event === undefined || (after !== undefined && event.globalPosition <= after)) continue;
      events.push(event);
      if (events.length === maxCount) break;
    }
    return events;
  }

  override subscribeToAll(options: SubscribeToAllOptions): SubscriptionHandle {
    const after = options.fromPosition;
    const subscription = this.client.subscribeToAll({
      fromPosition: after === undefined ? START : { commit: after, prepare: after },
      filter: categoryFilter(options.category),
    });
    let stopping = false;
    const run = async () => {
      for await (const resolved of subscription) {
        if (stopping) return;
        const event = toRecordedEvent(resolved);
        if (event === undefined || (after !== undefined && event.globalPosition <= after)) continue;
        await options.onEvent(event);
      }
    };
    const done = run().finally(() => subscription.unsubscribe());
    done.catch(() => undefined);
    const handle: SubscriptionHandle = {
      done,
      stop: async () => {
        stopping = true;
        await subscription.unsubscribe();
        await done.catch(() => undefined);
      },
    };
    this.subscriptions.add(handle);
    void done.finally(() => this.subscriptions.delete(handle)).catch(() => undefined);
    return handle;
  }

  override async verifyStream(streamId: string): Promise<VerificationResult> {
    return verifyStreams([streamId], (id) => this.streamPages(id));
  }

  override async verifyAll(scope: VerifyAllScope = {}): Promise<VerificationResult> {
    const streamIds = new Set<string>();
    let fromPosition: bigint | undefined;
    const category = 'category' in scope ? scope.category : undefined;
    for (;;) {
      const page = await this.readAll({
        fromPosition,
        category,
        maxCount: PAGE_SIZE,
      });
      for (const event of page) {
        const inRange =
          'category' in scope ||
          ((scope.from === undefined || event.recordedAt >= scope.from) &&
            (scope.to === undefined || event.recordedAt < scope.to));
        if (inRange) streamIds.add(event.streamId);
      }
      if (page.length < PAGE_SIZE) break;
      fromPosition = page[page.length - 1].globalPosition;
    }
    return verifyStreams([...streamIds].sort(), (id) => this.streamPages(id));
  }

  override async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }

  /** Where the ids of the batch already sit in the part of the stream they could have been appended to. */
  private async findBatch(
    streamId: string,
    events: NewEvent[],
    expected: AppendOptions['expectedRevision'],
    actual: ActualRevision,
  ): Promise<StoredEventLocation[]> {
    if (actual === 'no_stream') return [];
    const window =
      typeof expected === 'number' || expected === 'no_stream'
        ? await this.readStream(streamId, {
            fromRevision: expected === 'no_stream' ? 0 : expected + 1,
            maxCount: events.length,
          })
        : await this.readStream(streamId, {
            direction: 'backwards',
            maxCount: IDEMPOTENCY_WINDOW,
          });
    const ids = new Set(events.map((event) => event.id.toLowerCase()));
    return window
      .filter((event) => ids.has(event.id.toLowerCase()))
      .map((event) => ({
        id: event.id,
        streamId: event.streamId,
        revision: event.revision,
      }));
  }

}

/** Maps a KurrentDB event; undefined for what this store did not write (links, binary or system events). */
function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (event === undefined || !event.isJson || event.streamId.startsWith('$')) return undefined;
  const { [CHAIN_METADATA_KEY]: chain, ...metadata } = (event.metadata ?? {}) as Record<string, unknown>;
  const links = (chain ?? {}) as Partial<ChainMetadata>;
  return {
    id: event.id,
    type: event.type,
    schemaVersion: links.schemaVersion ?? 1,
    data: event.data as Record<string, unknown>,
    metadata,
    streamId: event.streamId,
    revision: Number(event.revision),
    globalPosition: event.position?.commit ?? resolved.commitPosition ?? 0n,
    recordedAt: event.created,
    previousHash: links.previousHash ?? '',
    hash: links.hash ?? '',
  };
}
