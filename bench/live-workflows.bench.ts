// N issues through the live workflows on the Temporal dev server: each is raised, escalated twice and whistled at
// domain instants whose feedback deadline has already passed (clock offset), so its workflow fires the timer at
// once → Tick → FeedbackDeadlineMissed → ledger entry. Reports issues/s and p50/p99 from the missed deadline's
// event to its ledger entry (recorded_at of both, in the event store).
//   BENCH_ISSUES=10000 BENCH_CONCURRENCY=16 node -r ts-node/register/transpile-only -r tsconfig-paths/register bench/live-workflows.bench.ts
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { Pool } from 'pg';
import { IssueCommand, parseInstant, ReferenceEvent, REFERENCE_STREAMS } from '@app/domain';
import { migrateEventStore, PostgresCheckpointStore, PostgresEventStore } from '@app/event-store';
import { derivedEventId, IssueCommandService, ReferenceData, toNewEvent } from '@app/issues';
import { createActivities, createWorker } from '@app/temporal/worker';
import { workerFeeds } from '../apps/worker/src/worker-feeds';
import { createFreshDatabase, infraConfig } from '@app/testing';

const ISSUES = Number(process.env.BENCH_ISSUES ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const DEPARTMENTS = 50;
const WHISTLE_AT = parseInstant('2026-03-02T10:00:00+08:00');
const DOMAIN_NOW = parseInstant('2026-03-10T00:00:00+08:00');

async function main(): Promise<void> {
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

  const connection = await NativeConnection.connect({ address: infra.temporalAddress });
  const clientConnection = await Connection.connect({ address: infra.temporalAddress });
  const client = new Client({ connection: clientConnection, namespace: infra.temporalNamespace });
  const worker = await createWorker({
    connection,
    namespace: infra.temporalNamespace,
    taskQueue,
    activities: createActivities({ store, reference }),
  });
  const workerRun = worker.run();
  const delivery = workerFeeds({
    store,
    checkpoints: new PostgresCheckpointStore(pool),
    client,
    taskQueue,
    clockOffsetMs: Date.now() - DOMAIN_NOW,
    reference,
  });
  await delivery.start();

  const started = Date.now();
  let next = 0;
  const lane = async () => {
    for (let n = next++; n < ISSUES; n = next++) {
      const issueId = `${run}-${n}`;
      const department = `d${n % DEPARTMENTS}`;
      const acts: IssueCommand[] = [
        {
          type: 'RaiseIssue',
          issueId,
          stationId: 'ws',
          title: `bench ${n}`,
          fourLists: { problem: 'p', tasks: 't', responsibleParty: 'r', acceptanceStandard: 'a' },
          at: WHISTLE_AT - 3000,
        },
        { type: 'EscalateIssue', at: WHISTLE_AT - 2000 },
        { type: 'EscalateIssue', at: WHISTLE_AT - 1000 },
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
  const { rows } = await pool.query<{ ms: number }>(
    `SELECT extract(epoch FROM (l.recorded_at - m.recorded_at)) * 1000 AS ms
       FROM events m JOIN events l ON l.type = 'LedgerEntryRecorded' AND l.metadata->>'causedBy' = m.id::text
      WHERE m.type = 'FeedbackDeadlineMissed' ORDER BY 1`,
  );
  const percentile = (p: number) => Number(rows[Math.min(rows.length - 1, Math.floor((p / 100) * rows.length))].ms).toFixed(0);
  console.log(
    `\nissues ${ISSUES}, concurrency ${CONCURRENCY}, ${cpus().length} cores (${cpus()[0].model})\n` +
      `appending commands: ${(ISSUES / ((appended - started) / 1000)).toFixed(1)} issues/s\n` +
      `end to end (first command → last ledger entry): ${(ISSUES / ((finished - started) / 1000)).toFixed(1)} issues/s in ${((finished - started) / 1000).toFixed(1)} s\n` +
      `missed deadline → ledger entry: p50 ${percentile(50)} ms, p99 ${percentile(99)} ms (${rows.length} entries)`,
  );

  await delivery.stop();
  worker.shutdown();
  await workerRun;
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
  await Promise.all([store.close(), pool.end(), clientConnection.close(), connection.close()]);
  await database.drop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
