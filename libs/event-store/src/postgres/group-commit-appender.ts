import type { Pool } from 'pg';
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
   * Events that must be waiting before a further statement is sent while one is in flight. PostgreSQL parses a
   * statement's events before it waits for the lock, so a large group overlaps its parsing with the commit ahead
   * of it; small groups gain nothing from that and are better gathered into the next commit (docs/benchmarks.md).
   */
  overlapMinEvents: number;
};

export const DEFAULT_GROUP_COMMIT_LIMITS: GroupCommitLimits = {
  maxBatches: 32,
  maxEvents: 2000,
  maxInFlight: 2,
  overlapMinEvents: 300,
};

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
 * running are sent together in the next one: one round trip, one lock acquisition, one WAL flush and one NOTIFY
 * for the whole group. event_store_append checks and inserts each batch on its own, so one caller's conflict never
 * fails another's append; a group that fails as a whole (a payload PostgreSQL refuses, or an id another writer
 * committed between the function's look-up of stored ids and its insert) is split and each
 * batch retried alone, which is safe because a batch whose ids are already stored is never inserted twice.
 */
export class GroupCommitAppender {
  private readonly queue: PendingBatch[] = [];
  private queuedEvents = 0;
  private inFlight = 0;

  private readonly limits: GroupCommitLimits;

  constructor(
    private readonly pool: Pick<Pool, 'query'>,
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
      (this.inFlight === 0 || (this.inFlight < this.limits.maxInFlight && this.queuedEvents >= this.limits.overlapMinEvents))
    ) {
      const group = this.takeGroup();
      this.inFlight += 1;
      void this.send(group).finally(() => {
        this.inFlight -= 1;
        this.drain();
      });
    }
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
      for (const batch of group) batch.alone = true;
      this.queue.unshift(...group);
      this.queuedEvents += group.reduce((count, batch) => count + batch.events.length, 0);
    }
  }
}
