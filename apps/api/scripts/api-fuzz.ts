// Starts the API on a fresh database with a seeded organisation and one issue per stage, then runs
// Schemathesis against /api/docs-json with a token of each role. Passes when no response is a 5xx and
// every response matches the document (status code, content type, schema, headers).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createFreshDatabase, endTaskQueueOnDevServer } from '@app/testing';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import { Role } from '../src/auth/actor';
import { issueToken } from '../src/auth/issue-token';
import { configureApp } from '../src/configure-app';
import { loadIdentitySettings } from '../src/auth/identity-settings';

const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
  'response_headers_conformance',
];
const ACTORS: { role: Role; scope?: string }[] = [
  { role: 'admin' },
  { role: 'supervisor' },
  { role: 'auditor' },
  { role: 'dispatch' },
  { role: 'station', scope: 's1' },
  { role: 'department', scope: 'cg' },
];
const MAX_EXAMPLES = process.env.FUZZ_MAX_EXAMPLES ?? '25';
const fuzzDir = join(__dirname, '../../../.data/api-fuzz');

async function main(): Promise<void> {
  mkdirSync(fuzzDir, { recursive: true });
  const database = await createFreshDatabase('api_fuzz');
  // A task queue of its own, with no worker: provisional year ends the fuzzer starts never run, and are ended below.
  const taskQueue = `api-fuzz-${randomUUID().slice(0, 8)}`;
  const app = await NestFactory.create(AppModule.forRoot({ databaseUrl: database.url, taskQueue, settings: { THROTTLE_LIMIT: 1_000_000 } }), {
    logger: ['error'],
  });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const secret = loadIdentitySettings().JWT_SECRET;
  const token = (role: Role, scope?: string) => issueToken(secret, { role, scope });
  try {
    await seed(base, token);
    const results: { label: string; status: number | null }[] = [];
    // One role at a time, spawned asynchronously: the API answers from this same process.
    for (const { role, scope } of ACTORS) {
      const label = scope ? `${role}:${scope}` : role;
      process.stdout.write(`\n=== schemathesis as ${label} ===\n`);
      const run = spawn(
        process.env.SCHEMATHESIS_BIN ?? 'st',
        [
          'run',
          `${base}/api/docs-json`,
          '--url',
          base,
          '--header',
          `Authorization: Bearer ${token(role, scope)}`,
          '--checks',
          CHECKS.join(','),
          '--phases',
          'examples,coverage,fuzzing',
          '--max-examples',
          MAX_EXAMPLES,
          '--workers',
          '1',
          '--seed',
          '20260101',
        ],
        // Schemathesis keeps its state in ./.schemathesis; keep it in the git-ignored data folder.
        { stdio: 'inherit', cwd: fuzzDir },
      );
      const [status] = (await once(run, 'exit')) as [number | null];
      results.push({ label, status });
    }
    process.stdout.write(`\n${results.map((r) => `${r.label}: ${r.status === 0 ? 'passed' : `FAILED (exit ${r.status})`}`).join('\n')}\n`);
    process.exitCode = results.every((r) => r.status === 0) ? 0 : 1;
  } finally {
    await app.close();
    await endTaskQueueOnDevServer(taskQueue, 'api fuzz finished');
    await database.drop();
  }
}


/** The organisation, and issues at each stage, so fuzzed ids sometimes hit real resources. */
async function seed(base: string, token: (role: Role, scope?: string) => string): Promise<void> {
  const post = async (path: string, role: Role, scope: string | undefined, body: unknown = {}) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token(role, scope)}` },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`seeding ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { issueId?: string };
  };
  await post('/api/v1/admin/organisation/streets', 'admin', undefined, { id: 'st1', name: 'Street 1' });
  await post('/api/v1/admin/organisation/stations', 'admin', undefined, { id: 's1', name: 'Station 1', streetId: 'st1' });
  await post('/api/v1/admin/organisation/district-departments', 'admin', undefined, { id: 'cg', name: 'City management' });
  await post('/api/v1/admin/organisation/district-departments', 'admin', undefined, { id: 'jt', name: 'Transport' });
  await post('/api/v1/admin/organisation/city-departments', 'admin', undefined, { id: 'city-water', name: 'City water' });
  const fourLists = { problem: 'p', tasks: 't', responsibleParty: 'r', acceptanceStandard: 'a' };
  for (let n = 0; n < 2; n += 1) {
    const { issueId } = await post('/api/v1/stations/s1/issues', 'station', 's1', { title: `issue ${n}`, fourLists });
    await post(`/api/v1/stations/s1/issues/${issueId}/escalations`, 'station', 's1');
    await post(`/api/v1/stations/s1/issues/${issueId}/escalations`, 'station', 's1');
    if (n === 0) await post(`/api/v1/dispatch/issues/${issueId}/whistle`, 'dispatch', undefined, { mode: 'single', departments: ['cg'] });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
