import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { Client, Pool } from 'pg';
import { createPostgresPool } from './postgres-pool';
import { chainEvents, classifyExistingIds, expectationHolds, validateAppend, type ChainedEvent } from '../append-rules';
import { WrongExpectedRevisionError, type ActualRevision } from '../event-store.errors';
import {
  DEFAULT_READ_ALL_MAX_COUNT,
  EventStore,
  type AppendOptions,
  type AppendResult,
  type ExpectedRevision,
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
import { EventSubscription } from '../event-subscription';
import { GroupCommitAppender, type BatchOutcome, type GroupCommitLimits, type StreamState } from './group-commit-appender';
import { StreamHeadCache } from './stream-head-cache';

/**
 * Gap-free global order (the bigserial gap problem): a bigserial value is drawn when a row is inserted, not when
 * its transaction commits, so a reader could see position 11 committed while position 10 is still in flight and
 * move its checkpoint past 10 for ever. Every INSERT or COPY into events therefore takes this transaction-scoped
 * advisory lock before it draws positions and keeps it until its commit: a statement trigger of the table takes it
 * (migration 0005), whoever the writer is; event_store_append (migration 0003) takes it itself. PostgreSQL makes a
 * commit visible before it releases the transaction's locks, so the next append draws its positions only after
 * the previous one is visible (or rolled back): positions are handed out in commit order and
 * "global_position > checkpoint" never skips a row. The price is that appends commit one at a time, so each
 * commit holds the lock for as short as possible (one statement, hashes computed before it) and appends submitted
 * meanwhile share the next commit (GroupCommitAppender). The SQL functions spell this key out; keep them equal.
 */
export const APPEND_LOCK_KEY = 7_264_913_001;

/** Channel notified (on commit) after every append, with the batch's last global position. */
export const APPENDED_CHANNEL = 'event_store_appended';

const UNIQUE_VIOLATION = '23505';

export type PostgresEventStoreOptions = {
  connectionString: string;
  /** TLS to PostgreSQL (pg's `ssl` option), for the store's own pool and its LISTEN connection. */
  ssl?: TlsOptions;
  /** A pool to share; without it the store opens (and closes) its own. */
  pool?: Pool;
  /** How often a live subscription polls when no notification arrives (missed NOTIFY, lost listener). */
  pollIntervalMs?: number;
  /** Events fetched per round trip by a subscription. */
  subscriptionBatchSize?: number;
  /** How appends submitted at the same time are grouped into one commit (see GroupCommitAppender). */
  groupCommit?: Partial<GroupCommitLimits>;
};

type EventRow = {
  global_position: string;
  stream_id: string;
  revision: number;
  id: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  recorded_at: Date;
  previous_hash: string;
  hash: string;
};

const EVENT_COLUMNS =
  'global_position, stream_id, revision, id, type, schema_version, data, metadata, recorded_at, previous_hash, hash';

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    revision: row.revision,
    globalPosition: BigInt(row.global_position),
    recordedAt: row.recorded_at,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === UNIQUE_VIOLATION;
}

export class PostgresEventStore extends EventStore {
  private readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly pollIntervalMs: number;
  private readonly subscriptionBatchSize: number;
  private readonly subscriptions = new Set<EventSubscription>();
  private readonly appender: GroupCommitAppender;
  private readonly heads = new StreamHeadCache();
  private listener: Client | undefined;
  private listenerStarting: Promise<void> | undefined;
  private listenerRetry: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: PostgresEventStoreOptions) {
    super();
    this.ownsPool = options.pool === undefined;
    this.pool = options.pool ?? createPostgresPool({ connectionString: options.connectionString, ssl: options.ssl }, 'event store');
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.subscriptionBatchSize = options.subscriptionBatchSize ?? 500;
    this.appender = new GroupCommitAppender(this.pool, options.groupCommit);
  }

  override async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const { expectedRevision } = options;
    validateAppend(streamId, events, expectedRevision);
    let next: AppendResult | ChainedEvent[] | undefined = this.chainOntoKnownHead(streamId, events, expectedRevision);
    for (;;) {
      const decided =
        next ?? this.decide(streamId, events, expectedRevision, await this.readStreamState(streamId, events));
      if (!Array.isArray(decided)) return decided;
      next = undefined;
      let outcome: BatchOutcome;
      try {
        outcome = await this.appender.submit(streamId, decided);
      } catch (error) {
        // An id that another process committed between event_store_append's look-up and its insert: decide again.
        if (isUniqueViolation(error)) continue;
        throw error;
      }
      if (outcome.appended) {
        const last = decided[decided.length - 1];
        this.heads.remember(streamId, { revision: last.revision, hash: last.hash });
        return { nextExpectedRevision: last.revision, lastGlobalPosition: BigInt(outcome.lastGlobalPosition) };
      }
      // The stream moved on (or the guessed head was wrong, or ids are stored): decide from what it reported.
      next = this.decide(streamId, events, expectedRevision, outcome.state);
    }
  }

  /** Chains the batch onto the head this process last saw, when the expectation says where it should go. */
  private chainOntoKnownHead(
    streamId: string,
    events: NewEvent[],
    expectedRevision: ExpectedRevision,
  ): ChainedEvent[] | undefined {
    if (expectedRevision === 'no_stream') return chainEvents(streamId, events, 0, GENESIS_HASH);
    const head = this.heads.get(streamId);
    if (head === undefined || (typeof expectedRevision === 'number' && head.revision !== expectedRevision)) {
      return undefined;
    }
    return chainEvents(streamId, events, head.revision + 1, head.hash);
  }

  /** Settles the append from the stream's actual state, or chains it onto the actual head to be sent again. */
  private decide(
    streamId: string,
    events: NewEvent[],
    expectedRevision: ExpectedRevision,
    state: StreamState,
  ): AppendResult | ChainedEvent[] {
    if (state.head !== null) this.heads.remember(streamId, state.head);
    const actual: ActualRevision = state.head === null ? 'no_stream' : state.head.revision;
    const outcome = classifyExistingIds(streamId, events, expectedRevision, state.stored);
    if (outcome.kind === 'already_appended') {
      const last = state.stored.find((location) => location.id === outcome.lastEventId)!;
      return { nextExpectedRevision: outcome.lastRevision, lastGlobalPosition: BigInt(last.globalPosition) };
    }
    if (outcome.kind === 'conflict' || !expectationHolds(expectedRevision, actual)) {
      throw new WrongExpectedRevisionError(streamId, expectedRevision, actual);
    }
    return state.head === null
      ? chainEvents(streamId, events, 0, GENESIS_HASH)
      : chainEvents(streamId, events, state.head.revision + 1, state.head.hash);
  }

  private async readStreamState(streamId: string, events: NewEvent[]): Promise<StreamState> {
    const result = await this.pool.query<{ state: StreamState }>(
      'SELECT event_store_stream_state($1, $2::uuid[]) AS state',
      [streamId, events.map((event) => event.id)],
    );
    return result.rows[0].state;
  }

  override async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? 2_147_483_647 : 0);
    const result = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events
       WHERE stream_id = $1 AND revision ${backwards ? '<=' : '>='} $2
       ORDER BY revision ${backwards ? 'DESC' : 'ASC'}
       LIMIT $3`,
      [streamId, from, options.maxCount ?? null],
    );
    const events = result.rows.map(toRecordedEvent);
    // A writer usually reads its stream before appending to it: remember the head so the append needs no look-up.
    const newest = backwards ? events[0] : events[events.length - 1];
    if (newest !== undefined) this.heads.remember(streamId, { revision: newest.revision, hash: newest.hash });
    return events;
  }

  override async readStreamsAfter(after: ReadonlyMap<string, number>): Promise<Map<string, RecordedEvent[]>> {
    // LATERAL keeps each stream's read a range scan of its (stream_id, revision) index, whatever the statistics say.
    const result = await this.pool.query<EventRow>(
      `SELECT e.* FROM unnest($1::text[], $2::integer[]) AS wanted(stream_id, after)
       CROSS JOIN LATERAL (
         SELECT ${EVENT_COLUMNS} FROM events
         WHERE events.stream_id = wanted.stream_id AND events.revision > wanted.after
       ) e
       ORDER BY e.stream_id, e.revision`,
      [[...after.keys()], [...after.values()]],
    );
    const read = new Map<string, RecordedEvent[]>([...after.keys()].map((streamId) => [streamId, []]));
    for (const row of result.rows) read.get(row.stream_id)!.push(toRecordedEvent(row));
    return read;
  }

  override async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const result = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events
       WHERE global_position > $1 AND ($2::text IS NULL OR category = $2)
       ORDER BY global_position
       LIMIT $3`,
      [
        (options.fromPosition ?? 0n).toString(),
        options.category ?? null,
        options.maxCount ?? DEFAULT_READ_ALL_MAX_COUNT,
      ],
    );
    return result.rows.map(toRecordedEvent);
  }

  override subscribeToAll(options: SubscribeToAllOptions): SubscriptionHandle {
    const subscription = new EventSubscription({
      ...options,
      readPage: (fromPosition) =>
        this.readAll({
          fromPosition,
          category: options.category,
          maxCount: this.subscriptionBatchSize,
        }),
      pollIntervalMs: this.pollIntervalMs,
    });
    this.subscriptions.add(subscription);
    void subscription.done.then(
      () => this.subscriptions.delete(subscription),
      () => this.subscriptions.delete(subscription),
    );
    void this.ensureListener();
    subscription.start();
    return subscription;
  }

  override async verifyStream(streamId: string): Promise<VerificationResult> {
    return verifyStreams([streamId], (id) => this.streamPages(id));
  }

  override async verifyAll(scope: VerifyAllScope = {}): Promise<VerificationResult> {
    const streams =
      'category' in scope
        ? await this.pool.query<{ stream_id: string }>(
            'SELECT DISTINCT stream_id FROM events WHERE category = $1 ORDER BY stream_id',
            [scope.category],
          )
        : await this.pool.query<{ stream_id: string }>(
            `SELECT DISTINCT stream_id FROM events
             WHERE ($1::timestamptz IS NULL OR recorded_at >= $1) AND ($2::timestamptz IS NULL OR recorded_at < $2)
             ORDER BY stream_id`,
            [scope.from ?? null, scope.to ?? null],
          );
    return verifyStreams(
      streams.rows.map((row) => row.stream_id),
      (id) => this.streamPages(id),
    );
  }

  override async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    clearTimeout(this.listenerRetry);
    await this.listenerStarting?.catch(() => undefined);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    if (this.ownsPool) await this.pool.end();
  }


  /** One LISTEN connection per store wakes every subscription; polling covers the time it is down. */
  private ensureListener(): Promise<void> {
    if (this.closed || this.listener !== undefined || this.listenerStarting !== undefined) {
      return this.listenerStarting ?? Promise.resolve();
    }
    const client = new Client({
      connectionString: this.options.connectionString,
      ssl: this.options.ssl,
    });
    const dropAndRetry = () => {
      if (this.listener === client) this.listener = undefined;
      void client.end().catch(() => undefined);
      if (!this.closed && this.subscriptions.size > 0) {
        clearTimeout(this.listenerRetry);
        this.listenerRetry = setTimeout(() => void this.ensureListener(), this.pollIntervalMs);
      }
    };
    client.on('notification', () => {
      for (const subscription of this.subscriptions) subscription.wake();
    });
    client.on('error', dropAndRetry);
    this.listenerStarting = (async () => {
      try {
        await client.connect();
        await client.query(`LISTEN ${APPENDED_CHANNEL}`);
        if (this.closed) {
          await client.end();
          return;
        }
        this.listener = client;
        // Anything appended while the listener was down is picked up by this wake-up.
        for (const subscription of this.subscriptions) subscription.wake();
      } catch {
        dropAndRetry();
      } finally {
        this.listenerStarting = undefined;
      }
    })();
    return this.listenerStarting;
  }
}
