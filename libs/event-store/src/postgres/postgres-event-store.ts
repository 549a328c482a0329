import { Client, Pool, type PoolClient } from 'pg';
import {
  chainEvents,
  classifyExistingIds,
  expectationHolds,
  validateAppend,
  type StoredEventLocation,
} from '../append-rules';
import { WrongExpectedRevisionError, type ActualRevision } from '../event-store.errors';
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
import { EventSubscription } from '../event-subscription';

/**
 * Gap-free global order (the bigserial gap problem): a bigserial value is drawn when a row is inserted, not when
 * its transaction commits, so a reader could see position 11 committed while position 10 is still in flight and
 * move its checkpoint past 10 for ever. Every append therefore takes this transaction-scoped advisory lock
 * immediately before its INSERT. PostgreSQL makes a commit visible before it releases the transaction's locks, so
 * the next append draws its positions only after the previous one is visible (or rolled back): positions are
 * handed out in commit order and "global_position > checkpoint" never skips a row. The price is that appends
 * commit one at a time; the lock is held only for the INSERT and the commit, everything else runs outside it.
 */
export const APPEND_LOCK_KEY = 7_264_913_001;

/** Channel notified (on commit) after every append, with the batch's last global position. */
export const APPENDED_CHANNEL = 'event_store_appended';

const UNIQUE_VIOLATION = '23505';
const PAGE_SIZE = 1000;

export type PostgresEventStoreOptions = {
  connectionString: string;
  /** A pool to share; without it the store opens (and closes) its own. */
  pool?: Pool;
  /** How often a live subscription polls when no notification arrives (missed NOTIFY, lost listener). */
  pollIntervalMs?: number;
  /** Events fetched per round trip by a subscription. */
  subscriptionBatchSize?: number;
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
  private listener: Client | undefined;
  private listenerStarting: Promise<void> | undefined;
  private listenerRetry: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: PostgresEventStoreOptions) {
    super();
    this.ownsPool = options.pool === undefined;
    this.pool = options.pool ?? new Pool({ connectionString: options.connectionString });
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.subscriptionBatchSize = options.subscriptionBatchSize ?? 500;
  }

  override async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const expected = options.expectedRevision;
    validateAppend(streamId, events, expected);
    // A unique violation means a concurrent writer got there first; the next round re-reads the stream and then
    // reports the conflict, recognises an idempotent retry, or (for 'any' / 'stream_exists') appends after it.
    for (;;) {
      const client = await this.pool.connect();
      try {
        return await this.tryAppend(client, streamId, events, options);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      } finally {
        client.release();
      }
    }
  }

  private async tryAppend(
    client: PoolClient,
    streamId: string,
    events: NewEvent[],
    { expectedRevision }: AppendOptions,
  ): Promise<AppendResult> {
    await client.query('BEGIN');
    try {
      const last = await client.query<{ revision: number; hash: string }>(
        'SELECT revision, hash FROM events WHERE stream_id = $1 ORDER BY revision DESC LIMIT 1',
        [streamId],
      );
      const actual: ActualRevision = last.rows.length === 0 ? 'no_stream' : last.rows[0].revision;
      const stored = await client.query<{
        id: string;
        stream_id: string;
        revision: number;
        global_position: string;
      }>('SELECT id, stream_id, revision, global_position FROM events WHERE id = ANY($1::uuid[])', [
        events.map((event) => event.id),
      ]);
      const locations: StoredEventLocation[] = stored.rows.map((row) => ({
        id: row.id,
        streamId: row.stream_id,
        revision: row.revision,
      }));
      const outcome = classifyExistingIds(streamId, events, expectedRevision, locations);
      if (outcome.kind === 'already_appended') {
        await client.query('COMMIT');
        const lastRow = stored.rows.find((row) => row.id === outcome.lastEventId)!;
        return {
          nextExpectedRevision: outcome.lastRevision,
          lastGlobalPosition: BigInt(lastRow.global_position),
        };
      }
      if (outcome.kind === 'conflict' || !expectationHolds(expectedRevision, actual)) {
        throw new WrongExpectedRevisionError(streamId, expectedRevision, actual);
      }
      const chained = chainEvents(
        streamId,
        events,
        actual === 'no_stream' ? 0 : actual + 1,
        actual === 'no_stream' ? GENESIS_HASH : last.rows[0].hash,
      );
      await client.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK_KEY]);
      const inserted = await client.query<{ global_position: string }>(
        `INSERT INTO events (stream_id, revision, id, type, schema_version, data, metadata, previous_hash, hash)
         SELECT $1, (e->>'revision')::int, (e->>'id')::uuid, e->>'type', (e->>'schemaVersion')::int,
                e->'data', e->'metadata', e->>'previousHash', e->>'hash'
         FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS batch(e, ordinal)
         ORDER BY ordinal
         RETURNING global_position`,
        [streamId, JSON.stringify(chained)],
      );
      const lastGlobalPosition = inserted.rows
        .map((row) => BigInt(row.global_position))
        .reduce((max, position) => (position > max ? position : max));
      // Delivered by PostgreSQL only once the transaction commits.
      await client.query('SELECT pg_notify($1, $2)', [APPENDED_CHANNEL, lastGlobalPosition.toString()]);
      await client.query('COMMIT');
      return {
        nextExpectedRevision: chained[chained.length - 1].revision,
        lastGlobalPosition,
      };
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
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
    return result.rows.map(toRecordedEvent);
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

  private async *streamPages(streamId: string): AsyncIterable<RecordedEvent[]> {
    let fromRevision = 0;
    for (;;) {
      const page = await this.readStream(streamId, {
        fromRevision,
        maxCount: PAGE_SIZE,
      });
      if (page.length > 0) yield page;
      if (page.length < PAGE_SIZE) return;
      fromRevision = page[page.length - 1].revision + 1;
    }
  }

  /** One LISTEN connection per store wakes every subscription; polling covers the time it is down. */
  private ensureListener(): Promise<void> {
    if (this.closed || this.listener !== undefined || this.listenerStarting !== undefined) {
      return this.listenerStarting ?? Promise.resolve();
    }
    const client = new Client({
      connectionString: this.options.connectionString,
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
