// Two worker processes and two projector processes share the work by leases (PostgreSQL session advisory locks) on
// the Temporal dev server; one of each is killed with SIGKILL while issue events stream in. The survivors take over
// the dead processes' partitions from their checkpoints: every event is delivered and projected once in effect.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import {
  baseEntryOfYear,
  evolve,
  FEEDBACK_DEADLINE_EVENT_TYPES,
  IssueCommand,
  IssueEvent,
  IssueState,
  ledgerEntriesFor,
  parseInstant,
} from '@app/domain';
import { PostgresCheckpointStore } from '@app/event-store';
import { toEngineEvent } from '@app/issues';
import { KAFKA_CIRCULARS_CHECKPOINT, KAFKA_PUBLISHER_CHECKPOINT } from '@app/messaging';
import { createReadModelsDataSource, READ_MODEL_PROJECTIONS, rebuildReadModels } from '@app/read-models';
import { issueStateQuery, issueWorkflowIdOf, YEAR_END_WORKFLOW_TYPE, YearEndWorkflowInput, YearEndWorkflowResult } from '@app/temporal';
import { deleteTopicsStartingWith, infraConfig, waitFor } from '@app/testing';
import { Kafka, logLevel } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { dumpReadModels } from '../../libs/read-models/test/read-models.harness';
import { busyReason, CrashTestBed, raisedToDistrict, startWorkerProcess, waitUntilIdle, WorkerProcess } from './worker-process';

const ROOT = join(__dirname, '..', '..');
const DEPARTMENTS = ['d0', 'd1', 'd2', 'd3', 'd4', 'd5'];
const ISSUES = 40;
const PARTITIONS = 8;
const LEASE_INTERVAL_MS = 300;
const HOUR = 3_600_000;
/**
 * Domain time stands a few hours after the whistles (Monday 2 March 2026): every act lies in its past and every
 * feedback deadline and reminder in its future, so no timer races the acts appended while the workers run.
 */
const WHISTLE_DAY = parseInstant('2026-03-02T09:00:00+08:00');
const DOMAIN_NOW = parseInstant('2026-03-02T18:00:00+08:00');
const DELIVERY = Array.from({ length: PARTITIONS }, (_, i) => `temporal-delivery:issue/${i}-of-${PARTITIONS}`);
const WORKER_WORK = [...DELIVERY, ...['streak', 'calendar', 'organisation', 'appeal'].map((key) => `temporal-delivery:${key}`)];
const PROJECTOR_WORK = [
  ...READ_MODEL_PROJECTIONS.map((projection) => projection.name),
  KAFKA_PUBLISHER_CHECKPOINT,
  KAFKA_CIRCULARS_CHECKPOINT,
];

/** Issue n's acts: feedback on time, some closed (booked to the ledger), some joint with one department silent. */
function actsOf(issueId: string, n: number): IssueCommand[] {
  const whistleAt = WHISTLE_DAY + (n % 10) * 6 * 60_000 + Math.floor(n / 10) * 1000;
  const department = DEPARTMENTS[n % DEPARTMENTS.length];
  const other = DEPARTMENTS[(n + 1) % DEPARTMENTS.length];
  const acts: IssueCommand[] = [
    ...raisedToDistrict(issueId, `partitioned ${n}`, whistleAt),
    n % 3 === 0
      ? { type: 'BlowWhistle', mode: 'joint', departments: [department, other], at: whistleAt }
      : { type: 'BlowWhistle', mode: 'single', departments: [department], at: whistleAt },
    { type: 'GiveFeedback', departmentId: department, at: whistleAt + HOUR },
  ];
  if (n % 3 === 0) return acts;
  return [
    ...acts,
    { type: 'ReportResolution', departmentId: department, at: whistleAt + 2 * HOUR },
    { type: 'ConfirmClosing', at: whistleAt + 3 * HOUR, satisfaction: 'satisfied' },
  ];
}

/** A child process of the repository (ts-node) whose output is kept, with the leases it last reported. */
interface Running {
  readonly child: ChildProcess;
  output(): string;
  /** The work named in its last lease report. */
  held(): string[];
}

function leasesOf(output: string, marker: RegExp): string[] {
  const reports = [...output.matchAll(marker)];
  const last = reports.at(-1);
  return last === undefined ? [] : (JSON.parse(last[1]) as { held: string[] }).held;
}

describe('partitioned workers and projectors (two of each, one of each killed)', () => {
  const run = randomUUID().slice(0, 8);
  const taskQueue = `partitioned-${run}`;
  const topicPrefix = `partitioned${run}.`;
  const clockOffsetMs = Date.now() - DOMAIN_NOW;
  const kafka = new Kafka({ clientId: 'partitioned-test', brokers: infraConfig().kafkaBrokers, logLevel: logLevel.NOTHING });
  const projectors = new Set<ChildProcess>();
  const workers: WorkerProcess[] = [];
  let bed: CrashTestBed;
  let dataSource: DataSource;
  const issueIds: string[] = [];

  beforeAll(async () => {
    bed = await CrashTestBed.create('partitioned', run, DEPARTMENTS);
    dataSource = await createReadModelsDataSource(bed.database.url).initialize();
  });

  afterAll(async () => {
    for (const child of projectors) child.kill('SIGKILL');
    for (const worker of workers) worker.child.kill('SIGKILL');
    await deleteTopicsStartingWith(kafka, topicPrefix);
    if (dataSource?.isInitialized) await dataSource.destroy();
    await bed?.close(taskQueue, undefined);
  });

  async function startWorker(): Promise<Running> {
    const worker = await startWorkerProcess({
      databaseUrl: bed.database.url,
      taskQueue,
      clockOffsetMs,
      env: { WORKER_DELIVERY_PARTITIONS: String(PARTITIONS), LEASE_INTERVAL_MS: String(LEASE_INTERVAL_MS) },
    });
    workers.push(worker);
    return { child: worker.child, output: worker.output, held: () => leasesOf(worker.output(), /worker leases (\{.*\})/g) };
  }

  async function startProjector(): Promise<Running> {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/projector/src/main.ts'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: bed.database.url,
          KAFKA_TOPIC_PREFIX: topicPrefix,
          EVENT_STORE: 'postgres',
          LEASE_INTERVAL_MS: String(LEASE_INTERVAL_MS),
          TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    projectors.add(child);
    child.once('exit', () => projectors.delete(child));
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-50_000);
        if (output.includes('"projector started"')) resolve();
      });
      child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-50_000)));
      child.once('exit', (code) => reject(new Error(`projector exited (${code}) before starting: ${output}`)));
    });
    return { child, output: () => output, held: () => leasesOf(output, /^(\{.*"message":"leases".*\})$/gm) };
  }

  /** Waits until the two processes hold disjoint shares that together cover `all`, each no more than its fair share. */
  async function shared(first: Running, second: Running, all: readonly string[], what: string): Promise<void> {
    const fair = Math.ceil(all.length / 2);
    await waitFor(
      async () => {
        const [a, b] = [first.held(), second.held()];
        return a.length <= fair && b.length <= fair && new Set([...a, ...b]).size === all.length && a.every((name) => !b.includes(name));
      },
      `the ${what} to share their work (${first.held().length} + ${second.held().length} of ${all.length})`,
      90_000,
    );
  }

  async function kill(child: ChildProcess): Promise<void> {
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  async function checkpoint(name: string): Promise<bigint> {
    return (await new PostgresCheckpointStore(bed.pool).load(name)) ?? 0n;
  }

  // Four processes bundling or connecting on a loaded two-core machine, then a stream of 240 acts.
  it('delivers and projects every event once in effect; the survivors take over the killed processes’ partitions', async () => {
    const began = Date.now();
    // Every start settles before a failed one is thrown, so that afterAll finds and stops those that did start.
    const started = await Promise.allSettled([startWorker(), startWorker(), startProjector(), startProjector()]);
    const failed = started.find((start): start is PromiseRejectedResult => start.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    const [workerA, workerB, projectorA, projectorB] = started.map((start) => (start as PromiseFulfilledResult<Running>).value);
    await shared(workerA, workerB, WORKER_WORK, 'workers');
    await shared(projectorA, projectorB, PROJECTOR_WORK, 'projectors');
    const sharedAt = Date.now();

    const acts: { issueId: string; step: number; command: IssueCommand }[] = [];
    for (let n = 0; n < ISSUES; n += 1) {
      const issueId = `${run}-${n}`;
      issueIds.push(issueId);
      actsOf(issueId, n).forEach((command, step) => acts.push({ issueId, step, command }));
    }
    // The acts arrive in time order, as in a running district (the feedback streaks rely on it).
    acts.sort((a, b) => a.command.at - b.command.at);
    const victimWork = workerB.held().filter((name) => DELIVERY.includes(name));
    const victimProjections = projectorB.held();
    expect(victimWork.length).toBeGreaterThan(0);
    expect(victimProjections.length).toBeGreaterThan(0);
    const killAt = { worker: Math.floor(acts.length / 3), projector: Math.floor((2 * acts.length) / 3) };
    const atKill: Record<string, bigint> = {};
    for (const [index, { issueId, step, command }] of acts.entries()) {
      if (index === killAt.worker) {
        for (const name of victimWork) atKill[name] = await checkpoint(name);
        await kill(workerB.child);
      }
      if (index === killAt.projector) {
        for (const name of victimProjections) atKill[name] = await checkpoint(name);
        await kill(projectorB.child);
      }
      await bed.commands.execute(issueId, command, { causationId: `partitioned/${issueId}/${step}`, actor: { role: 'test' } });
      await delay(20);
    }
    // The killed processes had been following the log: their partitions' checkpoints had moved (the circulars'
    // publisher follows a category no event of this test is in).
    for (const name of [...victimWork, ...victimProjections])
      if (name !== KAFKA_CIRCULARS_CHECKPOINT) expect({ name, moved: atKill[name] > 0n }).toEqual({ name, moved: true });

    const appendedAt = Date.now();
    await waitFor(
      async () => WORKER_WORK.every((name) => workerA.held().includes(name)),
      'the surviving worker to take every partition',
      30_000,
    );
    await waitFor(
      async () => PROJECTOR_WORK.every((name) => projectorA.held().includes(name)),
      'the surviving projector to take everything',
      30_000,
    );
    await waitUntilIdle(
      () => busyReason(bed.pool, bed.client, issueIds, clockOffsetMs, DELIVERY),
      () => workerA.output(),
      90_000,
    );
    // The year end's own recomputation agrees with the ledger the partitions booked.
    const yearEnd = await bed.client.workflow.execute<(input: YearEndWorkflowInput) => Promise<YearEndWorkflowResult>>(
      YEAR_END_WORKFLOW_TYPE,
      {
        taskQueue,
        workflowId: `yearend-2026-provisional-${run}`,
        args: [{ year: 2026, final: false, clockOffsetMs }],
      },
    );
    expect(yearEnd.differences).toBe(0);

    const last = (await bed.store.readAll({ maxCount: 1_000_000 })).at(-1)!.globalPosition;
    await waitFor(
      async () => (await Promise.all(PROJECTOR_WORK.slice(0, -1).map(checkpoint))).every((p) => p === last),
      'the projections to reach the end of the log',
      60_000,
    );

    process.stdout.write(
      `partitioned: shared after ${sharedAt - began} ms, ${acts.length} acts in ${appendedAt - sharedAt} ms, idle and projected ${Date.now() - appendedAt} ms later; ` +
        `killed worker held ${victimWork.join(' ')}; killed projector held ${victimProjections.join(' ')}\n`,
    );

    // Every event of every issue reached its workflow: each folded its stream's last revision and has no work left.
    for (const issueId of issueIds) {
      const stream = await bed.store.readStream(`issue-${issueId}`);
      const view = await bed.client.workflow.getHandle(issueWorkflowIdOf(issueId)).query(issueStateQuery);
      expect({ issueId, lastRevision: view.lastRevision, pendingWork: view.pendingWork }).toEqual({
        issueId,
        lastRevision: stream.at(-1)!.revision,
        pendingWork: 0,
      });
    }

    // The ledger is exactly what libs/domain books from the stored streams (and the base entries), each entry once.
    const reference = await bed.reference.snapshot();
    const expectedLedger = new Map<string, number>();
    for (const id of DEPARTMENTS) {
      const base = baseEntryOfYear(id, 2026, reference.policy, reference.zone);
      expectedLedger.set(base.entryId, base.points);
    }
    const deadlineEvents = new Set<string>();
    for (const issueId of issueIds) {
      let before: IssueState = null;
      for (const recorded of await bed.store.readStream(`issue-${issueId}`)) {
        const event = toEngineEvent<IssueEvent>(recorded);
        if (before !== null)
          for (const entry of ledgerEntriesFor(event, before, (at) => reference.policy.at(at), reference.zone))
            expectedLedger.set(entry.entryId, entry.points);
        if (FEEDBACK_DEADLINE_EVENT_TYPES.has(event.type)) deadlineEvents.add(recorded.id);
        before = evolve(before, event);
      }
    }
    const { rows: ledgerRows } = await bed.pool.query<{ entry: string; points: number; n: string }>(
      "SELECT data->>'entryId' AS entry, max((data->>'points')::float8) AS points, count(*) AS n FROM events WHERE type = 'LedgerEntryRecorded' GROUP BY 1",
    );
    expect(ledgerRows.filter((r) => r.n !== '1')).toEqual([]);
    expect(expectedLedger.size).toBeGreaterThan(DEPARTMENTS.length);
    expect(new Map(ledgerRows.map((r) => [r.entry, Number(r.points)]))).toEqual(expectedLedger);

    // Every deadline event tracked in its department's streak once; no timer had anything to settle or remind.
    const { rows: trackedRows } = await bed.pool.query<{ cause: string; n: string }>(
      "SELECT metadata->>'causedBy' AS cause, count(*) AS n FROM events WHERE type = 'FeedbackDeadlineTracked' GROUP BY 1",
    );
    expect(trackedRows.filter((r) => r.n !== '1')).toEqual([]);
    expect(new Set(trackedRows.map((r) => r.cause))).toEqual(deadlineEvents);
    const { rows: timerRows } = await bed.pool.query(
      "SELECT id FROM events WHERE type IN ('FeedbackDeadlineMissed', 'FeedbackReminderSent')",
    );
    expect(timerRows).toEqual([]);

    // The read models the two projectors built across the kill equal a rebuild from the log.
    const survivor = projectorA.child;
    const stopped = once(survivor, 'exit');
    survivor.kill('SIGTERM');
    await stopped;
    const projected = await dumpReadModels(dataSource);
    await rebuildReadModels({ dataSource, eventStore: bed.store, checkpoints: new PostgresCheckpointStore(bed.pool) });
    expect(projected.audit_event).toHaveLength(Number(last));
    expect(projected).toEqual(await dumpReadModels(dataSource));
  }, 240_000);
});
