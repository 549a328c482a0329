// apps/worker as a child process, for the crash tests: started on a test database and task queue, killed with SIGKILL.
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Pool } from 'pg';
import { EpochMs, IssueCommand, ReferenceEvent } from '@app/domain';
import { migrateEventStore, PostgresEventStore } from '@app/event-store';
import { IssueCommandService, ReferenceData } from '@app/issues';
import { issueStateQuery, issueWorkflowIdOf } from '@app/temporal';
import { createFreshDatabase, endTaskQueueOnDevServer, FreshDatabase, infraConfig } from '@app/testing';
import { registerOrganisation } from '../../libs/issues/test/organisation.fixture';

const REPO_ROOT = join(__dirname, '..', '..');

/**
 * What a crash test stands on: a fresh, migrated database whose organisation is one street `st`, one station `ws` and
 * the given district departments; the write side over it; and a client of the dev server.
 */
export class CrashTestBed {
  private constructor(
    readonly database: FreshDatabase,
    readonly store: PostgresEventStore,
    readonly pool: Pool,
    readonly reference: ReferenceData,
    readonly commands: IssueCommandService,
    readonly connection: Connection,
    readonly client: Client,
  ) {}

  static async create(prefix: string, run: string, departments: readonly string[]): Promise<CrashTestBed> {
    const infra = infraConfig();
    const database = await createFreshDatabase(prefix);
    await migrateEventStore(database.url);
    const store = new PostgresEventStore({ connectionString: database.url });
    const reference = new ReferenceData(store);
    const connection = await Connection.connect({ address: infra.temporalAddress });
    const at = '2026-01-01T00:00:00Z';
    const organisation: ReferenceEvent[] = [
      { type: 'StreetRegistered', data: { id: 'st', name: 'street', at } },
      { type: 'StationRegistered', data: { id: 'ws', name: 'station', streetId: 'st', at } },
      ...departments.map((id): ReferenceEvent => ({ type: 'DistrictDepartmentRegistered', data: { id, name: id, at } })),
    ];
    await registerOrganisation(store, organisation, `${prefix}/${run}/organisation`);
    return new CrashTestBed(
      database,
      store,
      new Pool({ connectionString: database.url }),
      reference,
      new IssueCommandService(store, () => reference.decisionContext()),
      connection,
      new Client({ connection, namespace: infra.temporalNamespace }),
    );
  }

  /** Issues left open would wait on the shared dev server forever: their task queue's workflows are ended. */
  async close(taskQueue: string, worker: WorkerProcess | undefined): Promise<void> {
    worker?.child.kill('SIGKILL');
    await endTaskQueueOnDevServer(taskQueue, `${taskQueue} finished`);
    await this.connection.close();
    await this.store.close();
    await this.pool.end();
    await this.database.drop();
  }
}

/** An issue raised at station `ws` and escalated by hand to district level just before `whistleAt`. */
export function raisedToDistrict(issueId: string, title: string, whistleAt: EpochMs): IssueCommand[] {
  return [
    {
      type: 'RaiseIssue',
      issueId,
      stationId: 'ws',
      title,
      fourLists: { problem: 'p', tasks: 't', responsibleParty: 'r', acceptanceStandard: 'a' },
      at: whistleAt - 3000,
    },
    { type: 'EscalateIssue', at: whistleAt - 2000 },
    { type: 'EscalateIssue', at: whistleAt - 1000 },
  ];
}

export interface WorkerProcess {
  readonly child: ChildProcess;
  /** The last 20 000 characters it printed, for failure messages. */
  output(): string;
  /** SIGKILL, and wait until it is gone. */
  kill(): Promise<void>;
}

/** Starts `apps/worker/src/main.ts` with the given settings and resolves once it says it is ready. */
export async function startWorkerProcess(settings: {
  databaseUrl: string;
  taskQueue: string;
  clockOffsetMs: number;
  env?: Record<string, string>;
}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/worker/src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: settings.databaseUrl,
      TEMPORAL_TASK_QUEUE: settings.taskQueue,
      TEMPORAL_CLOCK_OFFSET_MS: String(settings.clockOffsetMs),
      ...settings.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (output.includes('worker ready')) resolve();
    });
    child.stderr?.on('data', keep);
    child.once('exit', (code, signal) => reject(new Error(`worker exited (${code ?? signal}) before it was ready:\n${output}`)));
  });
  return {
    child,
    output: () => output,
    kill: async () => {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * Why the live path is not idle yet ('' when it is): an issue event not yet delivered (by every delivery checkpoint
 * named) or tracked, or an issue workflow with work left or a timer already due in domain time
 * (`Date.now() - clockOffsetMs`).
 */
export async function busyReason(
  pool: Pool,
  client: Client,
  issueIds: readonly string[],
  clockOffsetMs: number,
  deliveryCheckpoints: readonly string[] = ['temporal-delivery:issue'],
): Promise<string> {
  const { rows } = await pool.query<{ name: string; position: string | null; head: string | null }>(
    "SELECT name, (SELECT position FROM checkpoints c WHERE c.name = n.name) AS position, (SELECT max(global_position) FROM events WHERE category = 'issue') AS head FROM unnest($1::text[]) AS n(name)",
    [[...deliveryCheckpoints, 'temporal-delivery:streak']],
  );
  for (const { name, position, head } of rows) {
    if (position === null || BigInt(position) < BigInt(head ?? 0)) return `${name} at ${position} of ${head}`;
  }
  const domainNow = Date.now() - clockOffsetMs;
  for (const issueId of issueIds) {
    const handle = client.workflow.getHandle(issueWorkflowIdOf(issueId));
    const description = await handle.describe().catch(() => undefined);
    if (description === undefined) return `${issueId}: no workflow`;
    if (description.status.name === 'COMPLETED') continue;
    if (description.status.name !== 'RUNNING') throw new Error(`workflow of ${issueId} is ${description.status.name}`);
    const view = await handle.query(issueStateQuery);
    if (view.pendingWork > 0) return `${issueId}: ${view.pendingWork} pending`;
    if (view.nextDue !== null && Date.parse(view.nextDue) <= domainNow) return `${issueId}: due ${view.nextDue} not ticked`;
  }
  return '';
}

/** Waits until `busy` answers '' three times in a row, 300 ms apart. */
export async function waitUntilIdle(busy: () => Promise<string>, describe: () => string, maxWaitMs = 60_000): Promise<void> {
  const until = Date.now() + maxWaitMs;
  let calm = 0;
  let reason = '';
  while (Date.now() < until) {
    reason = await busy();
    calm = reason === '' ? calm + 1 : 0;
    if (calm >= 3) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the worker did not become idle: ${reason}\n${describe()}`);
}
