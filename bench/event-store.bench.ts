/**
 * Event-store throughput on the local PostgreSQL: our PostgresEventStore side by side with Emmett's PostgreSQL
 * event store (same database, same events), and a raw COPY of the same rows as the physical limit.
 *   npm run bench:event-store -- [--events 6000] [--writers 8] [--batches 1,10,100] [--repeat 1] [--group-commit JSON]
 * --repeat runs each append case that many times, ours and emmett in alternating order, and reports the median.
 * CPU per event is this process's (Node) and every PostgreSQL process's (from /proc, Linux only) during a case.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import { dumbo } from '@event-driven-io/dumbo';
import { migrateEventStore, PostgresEventStore, type GroupCommitLimits, type NewEvent } from '@app/event-store';
import { createFreshDatabase } from '@app/testing';
import { Pool } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const EVENTS = arg('events', 6000);
const WRITERS = arg('writers', 8);
const REPEAT = arg('repeat', 1);
/** GroupCommitLimits to try instead of the store's defaults, as JSON: --group-commit '{"copyMinEvents":1}'. */
const GROUP_COMMIT = (() => {
  const index = process.argv.indexOf('--group-commit');
  return index === -1 ? {} : (JSON.parse(process.argv[index + 1]) as Partial<GroupCommitLimits>);
})();
const BATCH_SIZES = (() => {
  const index = process.argv.indexOf('--batches');
  return index === -1 ? [1, 10, 100] : process.argv[index + 1].split(',').map(Number);
})();

/** CPU seconds used so far by each postgres process of this machine (utime + stime in /proc/<pid>/stat). */
function postgresCpuSeconds(): Map<string, number> {
  const seconds = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (name !== 'postgres') continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      seconds.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return seconds;
}

/** CPU used since `before` by postgres processes; one that started meanwhile counts in full, one that ended not. */
function postgresCpuSince(before: Map<string, number>): number {
  let used = 0;
  for (const [pid, seconds] of postgresCpuSeconds()) used += seconds - (before.get(pid) ?? 0);
  return used;
}

type CaseMeasure = { eventsPerSecond: number; nodeMicros: number; postgresMicros: number };

/** Runs one store's appends and measures throughput and CPU per event on both sides. */
async function measure(events: number, run: () => Promise<number>): Promise<CaseMeasure> {
  const nodeBefore = process.cpuUsage();
  const postgresBefore = postgresCpuSeconds();
  const seconds = await run();
  const node = process.cpuUsage(nodeBefore);
  return {
    eventsPerSecond: rate(events, seconds),
    nodeMicros: (node.user + node.system) / events,
    postgresMicros: (postgresCpuSince(postgresBefore) * 1e6) / events,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

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
    const ours = new PostgresEventStore({
      connectionString: database.url,
      groupCommit: GROUP_COMMIT,
    });
    const emmett = getPostgreSQLEventStore(database.url);
    await emmett.schema.migrate();

    const perCase: string[] = [];
    for (const batchSize of BATCH_SIZES) {
      const oursRuns: CaseMeasure[] = [];
      const emmettRuns: CaseMeasure[] = [];
      for (let repetition = 0; repetition < REPEAT; repetition += 1) {
        const oursAppends = workload(`bench${batchSize}r${repetition}`, EVENTS, batchSize);
        const emmettAppends = workload(`emmett${batchSize}r${repetition}`, EVENTS, batchSize);
        const runOurs = () =>
          measure(EVENTS, () =>
            runWriters(oursAppends, async (streamId, batch, revision) => {
              const events: NewEvent[] = batch.map((n) => ({ id: randomUUID(), type: 'FeedbackDeadlineSet', schemaVersion: 1, data: payload(n), metadata: { actor: 'bench' } }));
              await ours.appendToStream(streamId, events, { expectedRevision: revision === -1 ? 'no_stream' : revision });
            }),
          );
        const runEmmett = () =>
          measure(EVENTS, () =>
            runWriters(emmettAppends, async (streamId, batch, revision) => {
              await emmett.appendToStream(
                streamId,
                batch.map((n) => ({ type: 'FeedbackDeadlineSet', data: payload(n), metadata: { actor: 'bench' } })),
                { expectedStreamVersion: BigInt(revision + 1) },
              );
            }),
          );
        // Alternating which store goes first keeps a warming or filling database from favouring one of them.
        if (repetition % 2 === 0) {
          oursRuns.push(await runOurs());
          emmettRuns.push(await runEmmett());
        } else {
          emmettRuns.push(await runEmmett());
          oursRuns.push(await runOurs());
        }
      }
      const oursRate = median(oursRuns.map((run) => run.eventsPerSecond));
      const emmettRate = median(emmettRuns.map((run) => run.eventsPerSecond));
      results.push({ case: `append, ${batchSize === 1 ? 'single events' : `batches of ${batchSize}`} (${WRITERS} writers)`, ours: oursRate, emmett: emmettRate });
      const show = (runs: CaseMeasure[]) =>
        runs.map((run) => `${run.eventsPerSecond.toLocaleString('en-US')}/s (node ${run.nodeMicros.toFixed(1)} µs, postgres ${run.postgresMicros.toFixed(1)} µs)`).join(' · ');
      perCase.push(
        `batches of ${batchSize}: ours ${show(oursRuns)}\n  emmett ${show(emmettRuns)}\n  ours / emmett per repetition: ${oursRuns.map((run, index) => (run.eventsPerSecond / emmettRuns[index].eventsPerSecond).toFixed(2)).join(', ')}; median ${(oursRate / emmettRate).toFixed(2)}`,
      );
    }

    const total = EVENTS * BATCH_SIZES.length * REPEAT;
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
    // The same COPY into a table with the events table's indexes and unique keys: what the rows cost to store and
    // index before any append rule (lock, link check, idempotency) or commit per group.
    await client.query('CREATE TABLE events_copy_indexed (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)');
    started = performance.now();
    await pipeline(async function* () {
      yield* copied;
    }, client.query(copyFrom('COPY events_copy_indexed FROM STDIN')));
    const copyInIndexed = rate(read, (performance.now() - started) / 1000);
    client.release();
    await pool.end();

    results.push({ case: 'append limit: raw COPY FROM of the same rows', ours: NaN, emmett: NaN, copy: copyIn });
    results.push({ case: 'raw COPY FROM of the same rows, into a table with the same indexes', ours: NaN, emmett: NaN, copy: copyInIndexed });
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
    process.stdout.write(`\nEach repetition, with CPU per event (this Node process; all PostgreSQL processes):\n${perCase.join('\n')}\n`);
    process.stdout.write(`\nread-all / raw COPY out: ours ${((oursRead / copyOut) * 100).toFixed(0)}%, emmett ${((emmettReadRate / copyOut) * 100).toFixed(0)}%\n`);
    const percent = (part: number, whole: number) => `${((part / whole) * 100).toFixed(0)}%`;
    for (const row of results.filter((r) => r.case.startsWith('append, '))) {
      process.stdout.write(
        `${row.case} / raw COPY FROM: ours ${percent(row.ours, copyIn)}, emmett ${percent(row.emmett, copyIn)}; ` +
          `/ COPY into the indexed table: ours ${percent(row.ours, copyInIndexed)}, emmett ${percent(row.emmett, copyInIndexed)}\n`,
      );
    }
  } finally {
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
