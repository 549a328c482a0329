// HTTP API benchmark: the department inbox query and the feedback command, beside a bare NestJS endpoint, in one run.
// Usage: node -r ts-node/register/transpile-only -r tsconfig-paths/register bench/api.bench.ts [--seconds 20] [--connections 32]
//          [--issues 200] [--inbox-rate 500] [--feedback-rate 200] [--max] [--cpu-prof <dir>]
// Needs `npm run infra:up`. The api, the projector and the bare app run as child processes on a fresh database.
// At a fixed rate (autocannon's overallRate) latencies are corrected for coordinated omission; --max adds the
// cases at the highest rate the connections reach; --cpu-prof writes the api's CPU profile into <dir>.
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createFreshDatabase } from '@app/testing';
import autocannon from 'autocannon';
import { Role } from '../apps/api/src/auth/actor';
import { issueToken } from '../apps/api/src/auth/issue-token';
import { loadIdentitySettings } from '../apps/api/src/auth/identity-settings';
import { cpuSecondsWithChildren, loadAverage, machineCpuSeconds } from './process-cpu';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '32' },
    issues: { type: 'string', default: '200' },
    'inbox-rate': { type: 'string', default: '500' },
    'feedback-rate': { type: 'string', default: '200' },
    max: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
  },
});
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const ISSUES = Number(values.issues);
const API_PORT = 3210;
const BARE_PORT = 3211;
const root = join(__dirname, '..');
const secret = loadIdentitySettings().JWT_SECRET;
const token = (role: Role, scope?: string) => issueToken(secret, { role, scope });
const children: ChildProcess[] = [];

function start(entry: string, env: Record<string, string>, profileDir?: string): ChildProcess {
  const register = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];
  // Node writes a --cpu-prof profile on exit, which the api's own SIGTERM handling (a re-raised signal) would skip.
  const args =
    profileDir === undefined
      ? [...register, entry]
      : [...register, '--cpu-prof', `--cpu-prof-dir=${profileDir}`, '-e', `process.on('SIGTERM', () => process.exit(0)); require('./${entry}');`];
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
}

async function waitFor(url: string): Promise<void> {
  for (let attempt = 0; attempt < 240; attempt += 1) {
    if (
      await fetch(url).then(
        (r) => r.status < 500,
        () => false,
      )
    )
      return;
    await delay(500);
  }
  throw new Error(`${url} did not answer`);
}

async function post(path: string, role: Role, scope: string | undefined, body: unknown = {}): Promise<{ issueId?: string }> {
  const response = await fetch(`http://127.0.0.1:${API_PORT}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token(role, scope)}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { issueId?: string };
}

async function seed(): Promise<string[]> {
  await post('/api/v1/admin/organisation/streets', 'admin', undefined, { id: 'st1', name: 'Street' });
  await post('/api/v1/admin/organisation/stations', 'admin', undefined, { id: 's1', name: 'Station', streetId: 'st1' });
  await post('/api/v1/admin/organisation/district-departments', 'admin', undefined, { id: 'cg', name: 'City management' });
  const fourLists = { problem: 'p', tasks: 't', responsibleParty: 'r', acceptanceStandard: 'a' };
  const ids: string[] = [];
  for (let n = 0; n < ISSUES; n += 1) {
    const { issueId } = await post('/api/v1/stations/s1/issues', 'station', 's1', { title: `issue ${n}`, fourLists });
    await post(`/api/v1/stations/s1/issues/${issueId}/escalations`, 'station', 's1');
    await post(`/api/v1/stations/s1/issues/${issueId}/escalations`, 'station', 's1');
    await post(`/api/v1/dispatch/issues/${issueId}/whistle`, 'dispatch', undefined, { mode: 'single', departments: ['cg'] });
    ids.push(issueId!);
  }
  return ids;
}

type Row = {
  name: string;
  rate: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** CPU of the measured server process and of the machine, in % of one core, over the case. */
  serverCpu: number;
  machineCpu: number;
  load: string;
};

async function measure(name: string, server: ChildProcess, rate: number | undefined, options: autocannon.Options): Promise<Row> {
  const [serverBefore, machineBefore] = [cpuSecondsWithChildren(server.pid!), machineCpuSeconds()];
  const started = Date.now();
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...(rate !== undefined ? { overallRate: rate } : {}), ...options });
  const seconds = (Date.now() - started) / 1000;
  const machineAfter = machineCpuSeconds();
  return {
    name,
    rate: rate === undefined ? 'max' : String(rate),
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    serverCpu: ((cpuSecondsWithChildren(server.pid!) - serverBefore) / seconds) * 100,
    machineCpu: ((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)) * cpus().length * 100,
    load: loadAverage(),
  };
}

async function main(): Promise<void> {
  const database = await createFreshDatabase('api_bench');
  try {
    // The throttler stays on: a one-second window keeps its list of hits near production's size (300 per minute), not the whole run's.
    const env = { DATABASE_URL: database.url, THROTTLE_LIMIT: '100000000', THROTTLE_TTL_MS: '1000', HEALTH_CHECK_TEMPORAL: 'false', HEALTH_CHECK_KAFKA: 'false' };
    const api = start('apps/api/src/main.ts', { ...env, HTTP_PORT: String(API_PORT) }, values['cpu-prof']);
    start('apps/projector/src/main.ts', env);
    const bare = start('bench/api-bench-bare.app.ts', { HTTP_PORT: String(BARE_PORT) });
    await waitFor(`http://127.0.0.1:${API_PORT}/health`);
    await waitFor(`http://127.0.0.1:${BARE_PORT}/bare`);
    const issues = await seed();
    const cg = `Bearer ${token('department', 'cg')}`;
    for (let attempt = 0; ; attempt += 1) {
      const inbox = (await (
        await fetch(`http://127.0.0.1:${API_PORT}/api/v1/departments/cg/inbox`, { headers: { authorization: cg } })
      ).json()) as { total: number };
      if (inbox.total === ISSUES) break;
      if (attempt > 600) throw new Error(`inbox shows ${inbox.total} of ${ISSUES} tasks`);
      await delay(200);
    }
    let next = 0;
    const bareCase = (rate: number | undefined) =>
      measure('bare NestJS GET /bare (reference)', bare, rate, { url: `http://127.0.0.1:${BARE_PORT}/bare` });
    const inboxCase = (rate: number | undefined) =>
      measure('GET /api/v1/departments/cg/inbox?pageSize=20', api, rate, {
        url: `http://127.0.0.1:${API_PORT}/api/v1/departments/cg/inbox?pageSize=20`,
        headers: { authorization: cg },
      });
    const feedbackCase = (rate: number | undefined) =>
      measure('POST …/tasks/{issueId}/feedback (Idempotency-Key each)', api, rate, {
        url: `http://127.0.0.1:${API_PORT}`,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => ({
              ...request,
              path: `/api/v1/departments/cg/tasks/${issues[next++ % issues.length]}/feedback`,
              headers: { authorization: cg, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
              body: JSON.stringify({ content: 'on it' }),
            }),
          },
        ],
      });
    const [inboxRate, feedbackRate] = [Number(values['inbox-rate']), Number(values['feedback-rate'])];
    const rows: Row[] = [];
    for (const run of [
      () => bareCase(inboxRate),
      () => inboxCase(inboxRate),
      () => bareCase(feedbackRate),
      () => feedbackCase(feedbackRate),
      ...(values.max ? [() => bareCase(undefined), () => inboxCase(undefined), () => feedbackCase(undefined)] : []),
    ])
      rows.push(await run());
    process.stdout.write(
      `machine: ${cpus().length} × ${cpus()[0].model}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`,
    );
    process.stdout.write(`autocannon ${CONNECTIONS} connections, ${SECONDS} s per case; ${ISSUES} tasks in cg's inbox\n`);
    process.stdout.write('CPU in % of one core over the case: the server measured (bare app or api), and the whole machine\n\n');
    process.stdout.write(
      '| case | rate asked | req/s | p50 (ms) | p99 (ms) | non-2xx | errors | server CPU | machine CPU | load average after |\n' +
        '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n',
    );
    for (const r of rows)
      process.stdout.write(
        `| ${r.name} | ${r.rate} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors} | ` +
          `${r.serverCpu.toFixed(0)} % | ${r.machineCpu.toFixed(0)} % | ${r.load} |\n`,
      );
  } finally {
    // autocannon stops at its deadline with requests in flight; let the api finish them before it stops.
    await delay(2000);
    children.forEach((child) => child.kill('SIGTERM'));
    await delay(1500);
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  children.forEach((child) => child.kill('SIGKILL'));
  process.exit(1);
});
