// HTTP API benchmark: the department inbox query and the feedback command, beside a bare NestJS endpoint, in one run.
// Usage: node -r ts-node/register/transpile-only -r tsconfig-paths/register bench/api.bench.ts [--seconds 10] [--connections 10] [--issues 200]
// Needs `npm run infra:up`. The api, the projector and the bare app run as child processes on a fresh database.
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

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    issues: { type: 'string', default: '200' },
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

function start(entry: string, env: Record<string, string>): void {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', entry], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
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

type Row = { name: string; requestsPerSecond: number; p50: number; p99: number; non2xx: number; errors: number };

async function measure(name: string, options: autocannon.Options): Promise<Row> {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options });
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function main(): Promise<void> {
  const database = await createFreshDatabase('api_bench');
  try {
    const env = { DATABASE_URL: database.url, THROTTLE_LIMIT: '100000000', HEALTH_CHECK_TEMPORAL: 'false', HEALTH_CHECK_KAFKA: 'false' };
    start('apps/api/src/main.ts', { ...env, HTTP_PORT: String(API_PORT) });
    start('apps/projector/src/main.ts', env);
    start('bench/api-bench-bare.app.ts', { HTTP_PORT: String(BARE_PORT) });
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
    const rows = [
      await measure('bare NestJS GET /bare (reference)', { url: `http://127.0.0.1:${BARE_PORT}/bare` }),
      await measure('GET /api/v1/departments/cg/inbox?pageSize=20', {
        url: `http://127.0.0.1:${API_PORT}/api/v1/departments/cg/inbox?pageSize=20`,
        headers: { authorization: cg },
      }),
      await measure('POST …/tasks/{issueId}/feedback (Idempotency-Key each)', {
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
      }),
    ];
    process.stdout.write(
      `machine: ${cpus().length} × ${cpus()[0].model}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`,
    );
    process.stdout.write(`autocannon ${CONNECTIONS} connections, ${SECONDS} s per case; ${ISSUES} tasks in cg's inbox\n\n`);
    process.stdout.write('| case | req/s | p50 (ms) | p99 (ms) | non-2xx | errors |\n|---|---:|---:|---:|---:|---:|\n');
    for (const r of rows)
      process.stdout.write(`| ${r.name} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors} |\n`);
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
