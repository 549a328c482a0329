import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { ChainedEvent, StoredEventLocation } from '../append-rules';
import type { StreamHead } from './stream-head-cache';

/** What the database reports about a stream when it refused a batch (event_store_stream_state). */
export type StreamState = {
  head: StreamHead | null;
  stored: (StoredEventLocation & { globalPosition: string })[];
};

export type BatchOutcome = { appended: true; lastGlobalPosition: string } | { appended: false; state: StreamState };

type PendingBatch = {
  streamId: string;
  events: ChainedEvent[];
  /** Sent in a group of its own, after a group it was part of failed. */
  alone: boolean;
  resolve(outcome: BatchOutcome): void;
  reject(error: unknown): void;
};

export type GroupCommitLimits = {
  /** Batches sent together in one statement (one transaction, one commit). */
  maxBatches: number;
  /** Events per statement; a single larger batch is still sent, alone. */
  maxEvents: number;
  /** Statements in flight at once; the ones after the first wait on the append lock. */
  maxInFlight: number;
  /**
   * Groups of at least this many events are written with COPY (migration 0005): about a third less PostgreSQL CPU
   * per event than event_store_append, for two extra round trips (COPY's own hand-shake and the look-up of the
   * positions), which only pay off when there are many events to share them.
   */
  copyMinEvents: number;
  /**
   * Events that must be waiting before a further statement is sent while one is in flight. A large group's rows
   * travel and are parsed while the commit ahead of it finishes; a few events gain little from that and are better
   * gathered into the next commit (docs/benchmarks.md).
   */
  overlapMinEvents: number;
  /**
   * Or: callers (batches) that must be waiting before a further statement is sent while one is in flight. Each of
   * them waits for a commit; once this many do, they get one of their own rather than wait for the one ahead.
   */
  overlapMinBatches: number;
};

export const DEFAULT_GROUP_COMMIT_LIMITS: GroupCommitLimits = {
  maxBatches: 32,
  maxEvents: 2000,
  maxInFlight: 2,
  copyMinEvents: 20,
  overlapMinEvents: 300,
  overlapMinBatches: 4,
};

/** The NOTICE in which the events table's trigger reports each stream's last position (migration 0005). */
const APPENDED_NOTICE = 'event_store_appended';

const COPY_EVENTS =
  'COPY events (stream_id, revision, id, type, schema_version, data, metadata, previous_hash, hash) FROM STDIN';

/** A value in COPY's text format: backslash, tab, newline and carriage return are escaped. */
function copyField(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (character) => COPY_ESCAPES[character]);
}
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function copyRows(group: PendingBatch[]): string {
  let rows = '';
  for (const { streamId, events } of group) {
    const stream = copyField(streamId);
    for (const event of events) {
      rows +=
        `${stream}\t${event.revision}\t${event.id}\t${copyField(event.type)}\t${event.schemaVersion}\t` +
        `${copyField(event.data)}\t${copyField(event.metadata)}\t${event.previousHash}\t${event.hash}\n`;
    }
  }
  return rows;
}

/**
 * One COPY of the group; returns the last position of each batch by stream (a COPY that succeeds holds at most one
 * batch per stream: a second one would repeat the first one's revisions). The table's trigger reports them in a
 * NOTICE; a connection that does not receive notices (client_min_messages above notice) reads them back by id.
 */
async function copyGroup(client: PoolClient, group: PendingBatch[]): Promise<Map<string, string>> {
  let reported: Record<string, string> | undefined;
  const onNotice = (notice: { message?: string; detail?: string }) => {
    if (notice.message === APPENDED_NOTICE && notice.detail !== undefined) reported = JSON.parse(notice.detail) as Record<string, string>;
  };
  client.on('notice', onNotice);
  try {
    await pipeline(Readable.from([copyRows(group)]), client.query(copyFrom(COPY_EVENTS)));
  } finally {
    client.off('notice', onNotice);
  }
  if (reported !== undefined && group.every(({ streamId }) => reported![streamId] !== undefined)) {
    return new Map(Object.entries(reported));
  }
  const lastIds = group.map(({ events }) => events[events.length - 1].id);
  const stored = await client.query<{ stream_id: string; global_position: string }>(
    'SELECT stream_id, global_position::text FROM events WHERE id = ANY($1::uuid[])',
    [lastIds],
  );
  return new Map(stored.rows.map((row) => [row.stream_id, row.global_position]));
}

/**
 * The statement's argument, [{ streamId, events: [...] }, ...], written out by hand: the payloads are canonical
 * JSON text already (they were hashed as such), and JSON.stringify would escape them into strings.
 */
function groupJson(group: PendingBatch[]): string {
  const batches = group.map(({ streamId, events }) => {
    const eventsJson = events.map(
      (event) =>
        `{"id":${JSON.stringify(event.id)},"type":${JSON.stringify(event.type)},"schemaVersion":${event.schemaVersion},` +
        `"data":${event.data},"metadata":${event.metadata},"revision":${event.revision},` +
        `"previousHash":${JSON.stringify(event.previousHash)},"hash":${JSON.stringify(event.hash)}}`,
    );
    return `{"streamId":${JSON.stringify(streamId)},"events":[${eventsJson.join(',')}]}`;
  });
  return `[${batches.join(',')}]`;
}

/**
 * Group commit for appends. All appends commit one after another under the append lock (gap-free order), so the
 * throughput is bounded by the time one commit holds it. Batches that callers submit while a statement is
 * running are sent together in the next one: one lock acquisition, one WAL flush and one NOTIFY for the whole
 * group. A small group is one event_store_append statement (one round trip), which checks and inserts each batch
 * on its own, so one caller's conflict never fails another's append; a large group is one COPY, which the table's
 * triggers check as a whole (migration 0005). A group that fails as a whole (a COPY with any refused batch, a
 * payload PostgreSQL refuses, an id another writer committed between the function's look-up of stored ids and its
 * insert) is split and each batch retried alone through event_store_append, which is safe because a batch whose
 * ids are already stored is never inserted twice.
 */
export class GroupCommitAppender {
  private readonly queue: PendingBatch[] = [];
  private queuedEvents = 0;
  private inFlight = 0;

  private readonly limits: GroupCommitLimits;

  constructor(
    private readonly pool: Pick<Pool, 'query' | 'connect'>,
    limits: Partial<GroupCommitLimits> = {},
  ) {
    this.limits = { ...DEFAULT_GROUP_COMMIT_LIMITS, ...limits };
  }

  submit(streamId: string, events: ChainedEvent[]): Promise<BatchOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, events, alone: false, resolve, reject });
      this.queuedEvents += events.length;
      this.drain();
    });
  }

  private drain(): void {
    while (
      this.queue.length > 0 &&
      (this.inFlight === 0 || (this.inFlight < this.limits.maxInFlight && this.enoughWaitToOverlap()))
    ) {
      const group = this.takeGroup();
      this.inFlight += 1;
      void this.send(group).finally(() => {
        this.inFlight -= 1;
        this.drain();
      });
    }
  }

  private enoughWaitToOverlap(): boolean {
    return this.queuedEvents >= this.limits.overlapMinEvents || this.queue.length >= this.limits.overlapMinBatches;
  }

  private takeGroup(): PendingBatch[] {
    const group = [this.queue.shift()!];
    let events = group[0].events.length;
    while (
      !group[0].alone &&
      this.queue.length > 0 &&
      !this.queue[0].alone &&
      group.length < this.limits.maxBatches &&
      events + this.queue[0].events.length <= this.limits.maxEvents
    ) {
      const next = this.queue.shift()!;
      events += next.events.length;
      group.push(next);
    }
    this.queuedEvents -= events;
    return group;
  }

  private async send(group: PendingBatch[]): Promise<void> {
    const events = group.reduce((count, batch) => count + batch.events.length, 0);
    if (!group[0].alone && events >= this.limits.copyMinEvents) {
      await this.copy(group);
      return;
    }
    try {
      // Outside an explicit transaction: the statement commits (and releases the append lock) as it ends.
      const result = await this.pool.query<{ outcomes: BatchOutcome[] }>('SELECT event_store_append($1::jsonb) AS outcomes', [
        groupJson(group),
      ]);
      result.rows[0].outcomes.forEach((outcome, index) => group[index].resolve(outcome));
    } catch (error) {
      if (group.length === 1) {
        group[0].reject(error);
        return;
      }
      this.retryAlone(group);
    }
  }

  /**
   * Writes the group with one COPY, which outside a transaction commits as it ends; the table's triggers take the
   * append lock and check each stream's first link (migration 0005). Anything refused (a moved head, a stored id,
   * a payload PostgreSQL rejects) fails the whole COPY, and each batch is then sent alone through
   * event_store_append, which reports its stream state or its error.
   */
  private async copy(group: PendingBatch[]): Promise<void> {
    let positions: Map<string, string>;
    try {
      const client = await this.pool.connect();
      try {
        positions = await copyGroup(client, group);
        client.release();
      } catch (error) {
        client.release(error instanceof Error ? error : true);
        throw error;
      }
    } catch {
      this.retryAlone(group);
      return;
    }
    for (const batch of group) batch.resolve({ appended: true, lastGlobalPosition: positions.get(batch.streamId)! });
  }

  private retryAlone(group: PendingBatch[]): void {
    for (const batch of group) batch.alone = true;
    this.queue.unshift(...group);
    this.queuedEvents += group.reduce((count, batch) => count + batch.events.length, 0);
  }
}
