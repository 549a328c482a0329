// N issues through the live workflows on the Temporal dev server: each is raised, escalated twice and whistled at
// domain instants whose feedback deadline has already passed (clock offset), so its workflow fires the timer at
// once → Tick → FeedbackDeadlineMissed → ledger entry. Reports issues/s and p50/p99 from the missed deadline's
// event to its ledger entry (recorded_at of both, in the event store).
//   BENCH_ISSUES=10000 BENCH_CONCURRENCY=16 node -r ts-node/register/transpile-only -r tsconfig-paths/register bench/live-workflows.bench.ts
// With BENCH_WORKERS=1,2 it runs once per count, one after the other in the same run, each on a fresh database and task
// queue, with that many apps/worker processes sharing the delivery by leases (BENCH_PARTITIONS delivery partitions,
// default 8) instead of the worker in the bench process; it adds the workers' CPU seconds and the load average.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { Pool } from 'pg';
import { IssueCommand, parseInstant, ReferenceEvent, REFERENCE_STREAMS } from '@app/domain';
import { migrateEventStore, PostgresCheckpointStore, PostgresEventStore } from '@app/event-store';
import { derivedEventId, IssueCommandService, ReferenceData, toNewEvent } from '@app/issues';
import { circularScheduleIdOf, yearEndScheduleIdOf } from '@app/temporal';
import { createActivities, createWorker } from '@app/temporal/worker';
import { workerFeeds } from '../apps/worker/src/worker-feeds';
import { createFreshDatabase, infraConfig } from '@app/testing';
import { raisedToDistrict, startWorkerProcess, WorkerProcess } from '../test/temporal/worker-process';

const ISSUES = Number(process.env.BENCH_ISSUES ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const DEPARTMENTS = 50;
const WHISTLE_AT = parseInstant('2026-03-02T10:00:00+08:00');
const DOMAIN_NOW = parseInstant('2026-03-10T00:00:00+08:00');
const WORKER_COUNTS = process.env.BENCH_WORKERS?.split(',').map(Number);
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 8);

/** User + system CPU seconds a process has used so far (Linux /proc, 100 ticks a second). */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

async function main(): Promise<void> {
  if (WORKER_COUNTS === undefined) return live(undefined);
  for (const workers of WORKER_COUNTS) await live(workers);
}

/** One run: in the bench process (workers undefined) or with that many worker processes. */
async function live(workers: number | undefined): Promise<void> {
  const infra = infraConfig();
  const database = await createFreshDatabase('bench_live_workflows');
  await migrateEventStore(database.url);
  const store = new PostgresEventStore({ connectionString: database.url });
  const pool = new Pool({ connectionString: database.url });
  const reference = new ReferenceData(store);
  const commands = new IssueCommandService(store, () => reference.decisionContext());
  const run = randomUUID().slice(0, 8);
  const taskQueue = `bench-${run}`;

  const organisation: ReferenceEvent[] = [
    { type: 'StreetRegistered', data: { id: 'st', name: 'street', at: '2026-01-01T00:00:00Z' } },
    { type: 'StationRegistered', data: { id: 'ws', name: 'station', streetId: 'st', at: '2026-01-01T00:00:00Z' } },
    ...Array.from({ length: DEPARTMENTS }, (_, i): ReferenceEvent => ({
      type: 'DistrictDepartmentRegistered',
      data: { id: `d${i}`, name: `department ${i}`, at: '2026-01-01T00:00:00Z' },
    })),
  ];
  await store.appendToStream(
    REFERENCE_STREAMS.organisation,
    organisation.map((e, i) => toNewEvent(e, derivedEventId(`bench-org/${run}/${i}`))),
    {
      expectedRevision: 'no_stream',
    },
  );

  const clockOffsetMs = Date.now() - DOMAIN_NOW;
  const connection = await NativeConnection.connect({ address: infra.temporalAddress });
  const clientConnection = await Connection.connect({ address: infra.temporalAddress });
  const client = new Client({ connection: clientConnection, namespace: infra.temporalNamespace });
  let stopWorkers: () => Promise<void>;
  let processes: WorkerProcess[] = [];
  if (workers === undefined) {
    const worker = await createWorker({
      connection,
      namespace: infra.temporalNamespace,
      taskQueue,
      activities: createActivities({ store, reference }),
    });
    const workerRun = worker.run();
    const delivery = workerFeeds({ store, checkpoints: new PostgresCheckpointStore(pool), client, taskQueue, clockOffsetMs, reference });
    await delivery.start();
    stopWorkers = async () => {
      await delivery.stop();
      worker.shutdown();
      await workerRun;
    };
  } else {
    const env = { WORKER_DELIVERY_PARTITIONS: String(PARTITIONS), LEASE_INTERVAL_MS: '500' };
    processes = await Promise.all(
      Array.from({ length: workers }, () => startWorkerProcess({ databaseUrl: database.url, taskQueue, clockOffsetMs, env })),
    );
    // Until every worker holds its share the first one started would do all the delivery.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    stopWorkers = async () => {
      for (const worker of processes) await worker.kill();
    };
  }
  const cpuAtStart = processes.map((worker) => cpuSecondsOf(worker.child.pid!));

  const started = Date.now();
  let next = 0;
  const lane = async () => {
    for (let n = next++; n < ISSUES; n = next++) {
      const issueId = `${run}-${n}`;
      const department = `d${n % DEPARTMENTS}`;
      const acts: IssueCommand[] = [
        ...raisedToDistrict(issueId, `bench ${n}`, WHISTLE_AT),
        { type: 'BlowWhistle', mode: 'single', departments: [department], at: WHISTLE_AT },
      ];
      for (const [step, command] of acts.entries()) {
        await commands.execute(issueId, command, { causationId: `bench/${issueId}/${step}`, actor: { role: 'bench' } });
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  const appended = Date.now();

  const countEntries = async () =>
    Number(
      (
        await pool.query<{ n: string }>(
          "SELECT count(*) AS n FROM events WHERE type = 'LedgerEntryRecorded' AND data->>'reason' = 'feedback-missed'",
        )
      ).rows[0].n,
    );
  for (let n = await countEntries(); n < ISSUES; n = await countEntries()) {
    process.stdout.write(`\rledger entries ${n}/${ISSUES}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const finished = Date.now();
  const workerCpu = processes.map((worker, i) => (cpuSecondsOf(worker.child.pid!) - cpuAtStart[i]).toFixed(1));
  const { rows } = await pool.query<{ ms: number }>(
    `SELECT extract(epoch FROM (l.recorded_at - m.recorded_at)) * 1000 AS ms
       FROM events m JOIN events l ON l.type = 'LedgerEntryRecorded' AND l.metadata->>'causedBy' = m.id::text
      WHERE m.type = 'FeedbackDeadlineMissed' ORDER BY 1`,
  );
  const percentile = (p: number) => Number(rows[Math.min(rows.length - 1, Math.floor((p / 100) * rows.length))].ms).toFixed(0);
  console.log(
    `\nissues ${ISSUES}, concurrency ${CONCURRENCY}, ${cpus().length} cores (${cpus()[0].model}), load average ${loadAverage()}\n` +
      (workers === undefined
        ? 'worker and delivery in the bench process\n'
        : `${workers} worker process(es), ${PARTITIONS} delivery partitions, worker CPU ${workerCpu.join(' + ')} s\n`) +
      `appending commands: ${(ISSUES / ((appended - started) / 1000)).toFixed(1)} issues/s\n` +
      `end to end (first command → last ledger entry): ${(ISSUES / ((finished - started) / 1000)).toFixed(1)} issues/s in ${((finished - started) / 1000).toFixed(1)} s\n` +
      `missed deadline → ledger entry: p50 ${percentile(50)} ms, p99 ${percentile(99)} ms (${rows.length} entries)`,
  );

  await stopWorkers();
  // The issues stay open (missed, nothing more due): end their workflows on the shared dev server in one batch job.
  await client.workflowService
    .startBatchOperation({
      namespace: infra.temporalNamespace,
      jobId: randomUUID(),
      reason: 'live-workflows bench finished',
      visibilityQuery: `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'`,
      terminationOperation: {},
    })
    .catch((error: unknown) =>
      console.error(`could not end the workflows of ${taskQueue} (${String(error)}): terminate them with the temporal CLI`),
    );
  // The worker processes created the year-end and circulars' schedules of the task queue.
  if (workers !== undefined) {
    for (const scheduleId of [yearEndScheduleIdOf(taskQueue), circularScheduleIdOf(taskQueue)]) {
      await client.schedule
        .getHandle(scheduleId)
        .delete()
        .catch(() => undefined);
    }
  }
  await Promise.all([store.close(), pool.end(), clientConnection.close(), connection.close()]);
  await database.drop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
