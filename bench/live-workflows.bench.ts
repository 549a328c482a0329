// N issues through the live workflows on a Temporal server: each is raised, escalated twice and whistled at domain
// instants whose feedback deadline has already passed (clock offset), so its workflow fires the timer at once → Tick →
// FeedbackDeadlineMissed → ledger entry. Reports issues/s and p50/p99 from the missed deadline's event to its ledger
// entry (recorded_at of both, in the event store), and the CPU seconds of each process the run stands on.
//   BENCH_ISSUES=10000 BENCH_CONCURRENCY=16 node -r ts-node/register/transpile-only -r tsconfig-paths/register bench/live-workflows.bench.ts
// Cases run one after the other in the same run, each on a fresh database and task queue:
//   BENCH_SERVERS=dev,production  the Temporal dev server (TEMPORAL_ADDRESS, else 127.0.0.1:17233) and the production
//                                 server (TEMPORAL_PRODUCTION_ADDRESS, else 127.0.0.1:17333); default dev
//   BENCH_WORKERS=1,2             that many apps/worker processes sharing the delivery by leases (BENCH_PARTITIONS
//                                 delivery partitions, default 8) instead of the worker in the bench process
//   BENCH_CASES=dev:1,production:2  instead of every server × worker count, these pairs; a third field sets the
//                                 workers' workflow cache (WORKER_MAX_CACHED_WORKFLOWS), as in dev:1:6000
import { randomUUID } from 'node:crypto';
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
import { createFreshDatabase, infraConfig, LOCAL_TEMPORAL_PRODUCTION_ADDRESS } from '@app/testing';
import { raisedToDistrict, startWorkerProcess, WorkerProcess } from '../test/temporal/worker-process';
import { cpuSecondsOf, cpuSecondsWithChildren, listenerOf, loadAverage, machineCpuSeconds, peakRssMegabytesOf } from './process-cpu';

const ISSUES = Number(process.env.BENCH_ISSUES ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const DEPARTMENTS = 50;
const WHISTLE_AT = parseInstant('2026-03-02T10:00:00+08:00');
const DOMAIN_NOW = parseInstant('2026-03-10T00:00:00+08:00');
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 8);

type TemporalServer = 'dev' | 'production';
/** One run: a server, that many worker processes (undefined: the worker in the bench process), their workflow cache. */
interface BenchCase {
  server: TemporalServer;
  workers: number | undefined;
  /** undefined: the SDK's default, sized from the heap. */
  workflowCache: number | undefined;
}

function temporalServerOf(name: string): TemporalServer {
  if (name === 'dev' || name === 'production') return name;
  throw new Error(`unknown Temporal server '${name}' in BENCH_SERVERS or BENCH_CASES: use dev or production`);
}

function benchCases(env: NodeJS.ProcessEnv): BenchCase[] {
  if (env.BENCH_CASES !== undefined) {
    return env.BENCH_CASES.split(',').map((pair) => {
      const [server, workers, workflowCache] = pair.split(':');
      return {
        server: temporalServerOf(server),
        workers: workers === undefined ? undefined : Number(workers),
        workflowCache: workflowCache === undefined ? undefined : Number(workflowCache),
      };
    });
  }
  const servers = (env.BENCH_SERVERS ?? 'dev').split(',').map(temporalServerOf);
  const workerCounts = env.BENCH_WORKERS?.split(',').map(Number) ?? [undefined];
  return servers.flatMap((server) => workerCounts.map((workers) => ({ server, workers, workflowCache: undefined })));
}

const temporalAddressOf = (server: TemporalServer): string =>
  server === 'dev' ? infraConfig().temporalAddress : (process.env.TEMPORAL_PRODUCTION_ADDRESS ?? LOCAL_TEMPORAL_PRODUCTION_ADDRESS);

const portOf = (address: string): number => Number(address.slice(address.lastIndexOf(':') + 1));

/** CPU seconds so far of each process a case stands on, by name, and of the whole machine. */
async function cpuSnapshot(
  pool: Pool,
  server: TemporalServer,
  address: string,
  processes: readonly WorkerProcess[],
  database: string,
): Promise<Map<string, number>> {
  const seconds = new Map<string, number>();
  const { user, system } = process.cpuUsage();
  seconds.set('bench', (user + system) / 1e6);
  processes.forEach((worker, i) => seconds.set(`worker ${i + 1}`, cpuSecondsOf(worker.child.pid!)));
  seconds.set(`temporal ${server}`, cpuSecondsOf(listenerOf(portOf(address)) ?? 0));
  // Backends by database: the bench's (appends, the workers' reads, checkpoints, leases) and the production server's.
  const { rows } = await pool.query<{ pid: number; datname: string }>(
    "SELECT pid, datname FROM pg_stat_activity WHERE datname IN ($1, 'temporal', 'temporal_visibility')",
    [database],
  );
  for (const { pid, datname } of rows) {
    const key = `pg ${datname === database ? 'bench db' : 'temporal dbs'} backend ${pid}`;
    seconds.set(key, cpuSecondsOf(pid));
  }
  seconds.set('postgres', cpuSecondsWithChildren(listenerOf(Number(new URL(infraConfig().databaseUrl).port)) ?? 0));
  const machine = machineCpuSeconds();
  seconds.set('machine busy', machine.busy);
  seconds.set('machine total', machine.total);
  return seconds;
}

/**
 * What each process used between two snapshots, in CPU seconds; a backend gone by the end is not counted (the
 * PostgreSQL figures by database are lower bounds), `postgres` is every process of the server, other helpers' too.
 */
function cpuUsed(start: Map<string, number>, end: Map<string, number>): Map<string, number> {
  const used = new Map<string, number>();
  for (const [key, value] of end) {
    const name = key.replace(/ backend \d+$/, '');
    used.set(name, (used.get(name) ?? 0) + value - (start.get(key) ?? 0));
  }
  return used;
}

async function main(): Promise<void> {
  const results: string[] = [];
  for (const benchCase of benchCases(process.env)) results.push(await live(benchCase));
  console.log(`\n${results.join('\n')}`);
}

/** One case; returns its summary line (a row of the table in docs/benchmarks.md). */
async function live({ server, workers, workflowCache }: BenchCase): Promise<string> {
  const infra = infraConfig();
  const temporalAddress = temporalAddressOf(server);
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
  const connection = await NativeConnection.connect({ address: temporalAddress });
  const clientConnection = await Connection.connect({ address: temporalAddress });
  const client = new Client({ connection: clientConnection, namespace: infra.temporalNamespace });
  let stopWorkers: () => Promise<void>;
  let processes: WorkerProcess[] = [];
  if (workers === undefined) {
    const worker = await createWorker({
      connection,
      namespace: infra.temporalNamespace,
      taskQueue,
      activities: createActivities({ store, reference }),
      maxCachedWorkflows: workflowCache,
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
    const env = {
      TEMPORAL_ADDRESS: temporalAddress,
      WORKER_DELIVERY_PARTITIONS: String(PARTITIONS),
      LEASE_INTERVAL_MS: '500',
      ...(workflowCache === undefined ? {} : { WORKER_MAX_CACHED_WORKFLOWS: String(workflowCache) }),
    };
    processes = await Promise.all(
      Array.from({ length: workers }, () => startWorkerProcess({ databaseUrl: database.url, taskQueue, clockOffsetMs, env })),
    );
    // Until every worker holds its share the first one started would do all the delivery.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    stopWorkers = async () => {
      for (const worker of processes) await worker.kill();
    };
  }
  const databaseName = new URL(database.url).pathname.slice(1);
  const cpuAtStart = await cpuSnapshot(pool, server, temporalAddress, processes, databaseName);
  const loadAtStart = loadAverage();

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
    process.stdout.write(`\rledger entries ${n}/${ISSUES} after ${((Date.now() - started) / 1000).toFixed(0)} s`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const finished = Date.now();
  const used = cpuUsed(cpuAtStart, await cpuSnapshot(pool, server, temporalAddress, processes, databaseName));
  const loadAtEnd = loadAverage();
  // The in-bench worker's peak is the bench process's (maxRSS in kilobytes).
  const workerPeakRss = (
    workers === undefined
      ? [process.resourceUsage().maxRSS / 1024]
      : processes.map((worker) => peakRssMegabytesOf(worker.child.pid!) ?? Number.NaN)
  )
    .map((megabytes) => `${megabytes.toFixed(0)} MB`)
    .join(' + ');
  const cacheSize = workflowCache === undefined ? 'SDK default' : String(workflowCache);
  const { rows } = await pool.query<{ ms: number }>(
    `SELECT extract(epoch FROM (l.recorded_at - m.recorded_at)) * 1000 AS ms
       FROM events m JOIN events l ON l.type = 'LedgerEntryRecorded' AND l.metadata->>'causedBy' = m.id::text
      WHERE m.type = 'FeedbackDeadlineMissed' ORDER BY 1`,
  );
  const percentile = (p: number) => Number(rows[Math.min(rows.length - 1, Math.floor((p / 100) * rows.length))].ms).toFixed(0);
  const wallSeconds = (finished - started) / 1000;
  const cpu = (name: string) => (used.get(name) ?? 0).toFixed(1);
  const workerCpu = processes.map((_, i) => cpu(`worker ${i + 1}`)).join(' + ');
  const busyShare = (100 * (used.get('machine busy') ?? 0)) / (used.get('machine total') ?? 1);
  const cpuLine =
    `CPU s: bench ${cpu('bench')}${workers === undefined ? ' (with the worker)' : `, workers ${workerCpu}`}, temporal ${server} ${cpu(`temporal ${server}`)}, ` +
    `postgres: bench db ${cpu('pg bench db')}, temporal dbs ${cpu('pg temporal dbs')}, all ${cpu('postgres')}; ` +
    `machine busy ${cpu('machine busy')} of ${cpu('machine total')} (${busyShare.toFixed(0)} %)`;
  const endToEnd = `${(ISSUES / wallSeconds).toFixed(1)} issues/s (${wallSeconds.toFixed(1)} s)`;
  const appending = `${(ISSUES / ((appended - started) / 1000)).toFixed(1)} issues/s`;
  const [p50, p99] = [percentile(50), percentile(99)];
  const latency = `${p50} ms / ${p99} ms`;
  console.log(
    `\n${server} server at ${temporalAddress}; issues ${ISSUES}, concurrency ${CONCURRENCY}, ${cpus().length} cores (${cpus()[0].model}), ` +
      `load average ${loadAtStart} at the start, ${loadAtEnd} at the end\n` +
      (workers === undefined ? 'worker and delivery in the bench process\n' : `${workers} worker process(es), ${PARTITIONS} delivery partitions\n`) +
      `workflow cache: ${cacheSize}; workers' peak RSS ${workerPeakRss}\n` +
      `appending commands: ${appending}\n` +
      `end to end (first command → last ledger entry): ${endToEnd}\n` +
      `missed deadline → ledger entry: p50 ${p50} ms, p99 ${p99} ms (${rows.length} entries)\n${cpuLine}`,
  );

  await stopWorkers();
  await endWorkflows(client, infra.temporalNamespace, taskQueue);
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
  return (
    `| ${server} | ${workers ?? 'in bench'} | ${cacheSize} | ${workerPeakRss} | ${ISSUES} | ${loadAtStart} → ${loadAtEnd} | ${appending} | **${endToEnd}** | ${latency} | ` +
    `${cpu('bench')} | ${workerCpu || '—'} | ${cpu(`temporal ${server}`)} | ${cpu('pg bench db')} | ${cpu('pg temporal dbs')} | ${cpu('postgres')} | ${busyShare.toFixed(0)} % |`
  );
}

/**
 * The issues stay open (missed, nothing more due): their workflows are ended in one batch job, and the next case
 * starts once it is done, so the server's work for this one is not counted in the next.
 */
async function endWorkflows(client: Client, namespace: string, taskQueue: string): Promise<void> {
  const jobId = randomUUID();
  try {
    await client.workflowService.startBatchOperation({
      namespace,
      jobId,
      reason: 'live-workflows bench finished',
      visibilityQuery: `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'`,
      terminationOperation: {},
      // The server's default is 50 a second: over three minutes for N = 10,000.
      maxOperationsPerSecond: 1000,
    });
    // BatchOperationState: 0 unspecified, 1 running; the job may not be found for a moment after its start.
    const until = Date.now() + 20 * 60_000;
    for (let state = 0; state <= 1 && Date.now() < until; ) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const job = await client.workflowService.describeBatchOperation({ namespace, jobId }).catch(() => undefined);
      state = job?.state ?? 0;
      process.stdout.write(`\rending the workflows: ${String(job?.completeOperationCount ?? 0)}/${String(job?.totalOperationCount ?? '?')}`);
    }
    process.stdout.write('\n');
  } catch (error) {
    console.error(`could not end the workflows of ${taskQueue} (${String(error)}): terminate them with the temporal CLI`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
