/**
 * Event-store throughput on the local PostgreSQL: our PostgresEventStore side by side with Emmett's PostgreSQL
 * event store (same database, same events), and a raw COPY of the same rows as the physical limit.
 *   npm run bench:event-store  [-- --events 6000 --writers 8]
 */
import { randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import { dumbo } from '@event-driven-io/dumbo';
import { migrateEventStore, PostgresEventStore, type NewEvent } from '@app/event-store';
import { createFreshDatabase } from '@app/testing';
import { Pool } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const EVENTS = arg('events', 6000);
const WRITERS = arg('writers', 8);

/** A FeedbackDeadlineSet-sized payload (~300 bytes of JSON). */
const payload = (n: number) => ({
  deadlineId: `I${n}:water:1`,
  departmentId: 'water',
  cause: 'whistle',
  startedAt: '2025-03-03T01:00:00.000Z',
  due: '2025-03-06T09:59:59.999Z',
  lastDay: '2025-03-06',
  provisional: false,
  note: 'x'.repeat(120),
});

type Workload = { streamId: string; batch: number[] }[];

/** `total` events cut into appends of `batchSize`, 10 appends per stream. */
function workload(prefix: string, total: number, batchSize: number): Workload {
  const appends: Workload = [];
  for (let n = 0; n < total; n += batchSize) {
    appends.push({ streamId: `${prefix}-${Math.floor(n / batchSize / 10)}`, batch: Array.from({ length: Math.min(batchSize, total - n) }, (_, i) => n + i) });
  }
  return appends;
}

/** Runs the appends with WRITERS concurrent writers; each stream is written by one writer, in order. */
async function runWriters(appends: Workload, append: (streamId: string, batch: number[], revision: number) => Promise<void>): Promise<number> {
  const byStream = new Map<string, Workload>();
  for (const item of appends) byStream.set(item.streamId, [...(byStream.get(item.streamId) ?? []), item]);
  const queue = [...byStream.values()];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      for (let stream = queue.shift(); stream !== undefined; stream = queue.shift()) {
        let revision = -1;
        for (const item of stream) {
          await append(item.streamId, item.batch, revision);
          revision += item.batch.length;
        }
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

const rate = (events: number, seconds: number) => Math.round(events / seconds);

async function main(): Promise<void> {
  const database = await createFreshDatabase('bench_event_store');
  const results: { case: string; ours: number; emmett: number; copy?: number }[] = [];
  try {
    await migrateEventStore(database.url);
    const ours = new PostgresEventStore({ connectionString: database.url });
    const emmett = getPostgreSQLEventStore(database.url);
    await emmett.schema.migrate();

    for (const batchSize of [1, 10, 100]) {
      const appends = workload(`bench${batchSize}`, EVENTS, batchSize);
      const oursSeconds = await runWriters(appends, async (streamId, batch, revision) => {
        const events: NewEvent[] = batch.map((n) => ({ id: randomUUID(), type: 'FeedbackDeadlineSet', schemaVersion: 1, data: payload(n), metadata: { actor: 'bench' } }));
        await ours.appendToStream(streamId, events, { expectedRevision: revision === -1 ? 'no_stream' : revision });
      });
      const emmettSeconds = await runWriters(appends, async (streamId, batch, revision) => {
        await emmett.appendToStream(
          streamId,
          batch.map((n) => ({ type: 'FeedbackDeadlineSet', data: payload(n), metadata: { actor: 'bench' } })),
          { expectedStreamVersion: BigInt(revision + 1) },
        );
      });
      results.push({ case: `append, ${batchSize === 1 ? 'single events' : `batches of ${batchSize}`} (${WRITERS} writers)`, ours: rate(EVENTS, oursSeconds), emmett: rate(EVENTS, emmettSeconds) });
    }

    const total = EVENTS * 3;
    let started = performance.now();
    let read = 0;
    for (let page = await ours.readAll({ maxCount: 1000 }); page.length > 0; page = await ours.readAll({ fromPosition: page[page.length - 1].globalPosition, maxCount: 1000 })) {
      read += page.length;
    }
    const oursRead = rate(read, (performance.now() - started) / 1000);

    const emmettPool = dumbo({ connectionString: database.url });
    started = performance.now();
    let emmettRead = 0;
    for (let after = 0n, more = true; more; ) {
      const batch = await readMessagesBatch(emmettPool.execute, { after, batchSize: 1000 });
      emmettRead += batch.messages.length;
      more = batch.messages.length > 0 && batch.areMessagesLeft;
      after = batch.currentGlobalPosition;
    }
    const emmettReadRate = rate(emmettRead, (performance.now() - started) / 1000);
    await emmettPool.close();

    // The physical limits: the same rows of our events table, copied out and copied back in.
    const pool = new Pool({ connectionString: database.url });
    const client = await pool.connect();
    let copiedBytes = 0;
    started = performance.now();
    const copied: Buffer[] = [];
    await pipeline(
      client.query(copyTo('COPY (SELECT * FROM events ORDER BY global_position) TO STDOUT')),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          copiedBytes += chunk.length;
          copied.push(chunk);
          done();
        },
      }),
    );
    const copyOut = rate(read, (performance.now() - started) / 1000);
    await client.query('CREATE TABLE events_copy (LIKE events INCLUDING DEFAULTS)');
    started = performance.now();
    const sink = client.query(copyFrom('COPY events_copy FROM STDIN'));
    await pipeline(async function* () {
      yield* copied;
    }, sink);
    const copyIn = rate(read, (performance.now() - started) / 1000);
    client.release();
    await pool.end();

    results.push({ case: 'append limit: raw COPY FROM of the same rows', ours: NaN, emmett: NaN, copy: copyIn });
    results.push({ case: `read all (${read} ours / ${emmettRead} emmett events, pages of 1000)`, ours: oursRead, emmett: emmettReadRate, copy: copyOut });

    await ours.close();
    await emmett.close();

    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    process.stdout.write(`machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; events per case: ${EVENTS}; total in store: ${total}; COPY out ${(copiedBytes / 2 ** 20).toFixed(1)} MiB\n\n`);
    process.stdout.write('| case | ours (events/s) | emmett-postgresql (events/s) | raw COPY (events/s) |\n|---|---:|---:|---:|\n');
    for (const row of results) {
      const show = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '—' : value.toLocaleString('en-US'));
      process.stdout.write(`| ${row.case} | ${show(row.ours)} | ${show(row.emmett)} | ${show(row.copy)} |\n`);
    }
    process.stdout.write(`\nread-all / raw COPY out: ours ${((oursRead / copyOut) * 100).toFixed(0)}%, emmett ${((emmettReadRate / copyOut) * 100).toFixed(0)}%\n`);
  } finally {
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
