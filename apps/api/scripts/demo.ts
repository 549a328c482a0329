// The demo a newcomer can watch: a fresh database, the api, the projector and the Temporal worker as child
// processes, then one issue closed at community level by its station, one at street level by its street, one
// whistled by its own station and one by the leading group's office, an urging, one department reporting in on
// time and one missing its deadline — and the inbox, an audit trail, a ledger, the rates and the ranking.
//
// DEMO ONLY, clearly not production: a DEMO policy (feedback within 1 calendar day) is adopted, and the worker
// runs with TEMPORAL_CLOCK_OFFSET_MS so that its domain clock is ahead of the wall clock by just enough for
// the missed deadline to fall due about DEMO_MISS_AFTER_S seconds after the whistles. The rules are not shortened.
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { loadEngineConfig } from '@app/config';
import { Client } from 'pg';
import { Role } from '../src/auth/actor';
import { issueToken } from '../src/auth/issue-token';
import { loadIdentitySettings } from '../src/auth/identity-settings';

const root = join(__dirname, '../../..');
const logDir = join(root, '.data/demo');
const PORT = Number(process.env.DEMO_PORT ?? 3000);
const BASE = `http://127.0.0.1:${PORT}`;
const MISS_AFTER_MS = Number(process.env.DEMO_MISS_AFTER_S ?? 20) * 1000;
const config = loadEngineConfig();
const demoDatabaseUrl = (() => {
  const url = new URL(config.DATABASE_URL);
  url.pathname = '/whistle_demo';
  return url.toString();
})();
const children: ChildProcess[] = [];
/** A task queue of this run's own, so no workflow left by an earlier demo (with another clock offset) runs here. */
const TASK_QUEUE = `whistle-demo-${Date.now()}`;

const say = (text: string) => process.stdout.write(`${text}\n`);
const heading = (text: string) => say(`\n\x1b[1m== ${text} ==\x1b[0m`);
const token = (role: Role, scope?: string) => issueToken(loadIdentitySettings().JWT_SECRET, { role, scope, subject: `demo-${role}` });

async function call<T = Record<string, unknown>>(
  method: 'GET' | 'POST',
  path: string,
  role: Role,
  scope?: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${BASE}${path}`, {
    method,
    headers: { authorization: `Bearer ${token(role, scope)}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

async function freshDemoDatabase(): Promise<void> {
  const admin = new Client({ connectionString: config.DATABASE_URL });
  await admin.connect();
  try {
    await admin.query('drop database if exists whistle_demo with (force)');
    await admin.query('create database whistle_demo');
  } finally {
    await admin.end();
  }
}

function start(name: string, entry: string, env: Record<string, string>): ChildProcess {
  const log = createWriteStream(join(logDir, `${name}.log`));
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', entry], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: demoDatabaseUrl, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  children.push(child);
  say(`  started ${name} (pid ${child.pid}, log .data/demo/${name}.log)`);
  return child;
}

async function until<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s (see .data/demo/*.log)`);
    await delay(500);
  }
}

async function stopAll(): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
}

const FOUR = (problem: string, tasks: string, party: string, standard: string) => ({
  problem,
  tasks,
  responsibleParty: party,
  acceptanceStandard: standard,
});

async function raiseToDistrict(stationId: string, title: string, fourLists: ReturnType<typeof FOUR>): Promise<string> {
  const { issueId } = await call<{ issueId: string }>('POST', `/api/v1/stations/${stationId}/issues`, 'station', stationId, {
    title,
    fourLists,
  });
  say(`  ${stationId} raised ${issueId} “${title}” at community level`);
  for (const level of ['street', 'district']) {
    await call('POST', `/api/v1/stations/${stationId}/issues/${issueId}/escalations`, 'station', stationId);
    say(`  ${stationId} escalated ${issueId} to ${level} level`);
  }
  return issueId;
}

async function main(): Promise<void> {
  mkdirSync(logDir, { recursive: true });
  heading('DEMO: fresh database whistle_demo, api + projector');
  await freshDemoDatabase();
  start('api', 'apps/api/src/main.ts', { HTTP_PORT: String(PORT), TEMPORAL_TASK_QUEUE: TASK_QUEUE });
  start('projector', 'apps/projector/src/main.ts', {});
  await until('api health', async () => ((await fetch(`${BASE}/health`)).ok ? true : undefined));
  say(`  api healthy at ${BASE} (OpenAPI UI: ${BASE}/api/docs)`);

  heading('Admin: the organisation and the DEMO policy');
  const units: [string, Record<string, string>][] = [
    ['streets', { id: 'dongcheng', name: '东城街道' }],
    ['stations', { id: 'hongling-1', name: '红领工作站（光明社区）', streetId: 'dongcheng' }],
    ['stations', { id: 'hongling-2', name: '红领工作站（商务楼宇）', streetId: 'dongcheng' }],
    ['district-departments', { id: 'cg', name: '区城管委' }],
    ['district-departments', { id: 'jt', name: '区交通局' }],
    ['district-departments', { id: 'sw', name: '区水务局' }],
    ['city-departments', { id: 'city-water', name: '市水务局' }],
  ];
  for (const [kind, body] of units) await call('POST', `/api/v1/admin/organisation/${kind}`, 'admin', undefined, body);
  say(`  registered ${units.map(([, u]) => `${u.id} ${u.name}`).join(', ')}`);
  const effectiveFrom = new Date(Date.now() + 2000).toISOString();
  await call('POST', '/api/v1/admin/policy/versions', 'admin', undefined, {
    effectiveFrom,
    policy: { feedback: { count: 1, unit: 'calendarDays' } },
  });
  say(`  DEMO policy version 2 from ${effectiveFrom}: feedback within 1 calendar day (the real rule is 3 working days)`);
  await delay(2500);

  heading('Below district: the station and the street resolve at their own level');
  const stairs = await call<{ issueId: string }>('POST', '/api/v1/stations/hongling-1/issues', 'station', 'hongling-1', {
    title: '楼道堆物',
    fourLists: FOUR('3 号楼楼道堆放杂物', '清理楼道', '物业', '楼道通畅'),
  });
  await call('POST', `/api/v1/stations/hongling-1/issues/${stairs.issueId}/resolution`, 'station', 'hongling-1');
  await call('POST', `/api/v1/stations/hongling-1/issues/${stairs.issueId}/closing-confirmations`, 'station', 'hongling-1', {
    satisfaction: 'satisfied',
  });
  say(`  hongling-1 raised ${stairs.issueId} “楼道堆物”, resolved it at community level and closed it (resident satisfied)`);
  const parking = await call<{ issueId: string }>('POST', '/api/v1/stations/hongling-2/issues', 'station', 'hongling-2', {
    title: '楼宇周边停车乱',
    fourLists: FOUR('商务楼宇门前车辆乱停', '划定停车位、劝导', '东城街道', '门前无乱停车辆'),
  });
  await call('POST', `/api/v1/stations/hongling-2/issues/${parking.issueId}/escalations`, 'station', 'hongling-2');
  const streetIssues = await until('the street issue in the street list', async () => {
    const page = await call<{ items: { issueId: string }[] }>('GET', '/api/v1/streets/dongcheng/issues?level=street&status=open', 'street', 'dongcheng');
    return page.items.some((i) => i.issueId === parking.issueId) ? page.items.length : undefined;
  });
  await call('POST', `/api/v1/streets/dongcheng/issues/${parking.issueId}/resolution`, 'street', 'dongcheng');
  await call('POST', `/api/v1/stations/hongling-2/issues/${parking.issueId}/closing-confirmations`, 'station', 'hongling-2', {
    satisfaction: 'basicallySatisfied',
  });
  say(
    `  hongling-2 escalated ${parking.issueId} “楼宇周边停车乱” to street level; dongcheng (${streetIssues} open there) resolved it, hongling-2 closed it (basically satisfied)`,
  );

  heading("At district level: a station blows the whistle, and the leading group's office coordinates another");
  const lamps = await raiseToDistrict('hongling-1', '小区路灯损坏', FOUR('光明社区 12 盏路灯不亮', '更换路灯', '区城管委', '夜间全部照明'));
  const flood = await raiseToDistrict(
    'hongling-2',
    '路口积水',
    FOUR('商务楼宇前路口雨后积水', '疏通雨水口、调整交通', '区城管委、区交通局', '雨后 2 小时内无积水'),
  );
  await call('POST', `/api/v1/stations/hongling-1/issues/${lamps}/whistle`, 'station', 'hongling-1', { mode: 'single', departments: ['cg'] });
  say(`  hongling-1 whistled its own ${lamps}: single → cg`);
  const joint = await call<{ appended: { type: string; data: { departmentId?: string; due?: string } }[] }>(
    'POST',
    `/api/v1/dispatch/issues/${flood}/whistle`,
    'dispatch',
    undefined,
    { mode: 'joint', departments: ['cg', 'jt'] },
  );
  const jtDue = joint.appended.find((e) => e.type === 'FeedbackDeadlineSet' && e.data.departmentId === 'jt')?.data.due;
  if (jtDue === undefined) throw new Error('the joint whistle set no deadline for jt');
  say(`  the office (dispatch) whistled ${flood}: joint → cg + jt; each must report in by ${jtDue} (DEMO policy)`);
  await call('POST', `/api/v1/stations/hongling-2/issues/${flood}/urgings`, 'station', 'hongling-2', { note: '雨季将至，请尽快反馈处理进展' });
  say(`  hongling-2 urged cg and jt on ${flood} (跟踪督办): on their inboxes and Kafka topics`);

  heading('cg reports in on time on both issues; jt stays silent');
  await call('POST', `/api/v1/departments/cg/tasks/${lamps}/feedback`, 'department', 'cg', { content: '已派人勘查，明日更换' });
  await call('POST', `/api/v1/departments/cg/tasks/${flood}/feedback`, 'department', 'cg', { content: '已疏通雨水口' });
  await call('POST', `/api/v1/departments/cg/tasks/${lamps}/resolution`, 'department', 'cg');
  await call('POST', `/api/v1/stations/hongling-1/issues/${lamps}/closing-confirmations`, 'station', 'hongling-1', {
    satisfaction: 'satisfied',
  });
  say(`  cg gave feedback on ${lamps} and ${flood}, reported ${lamps} resolved; hongling-1 confirmed it closed (销号, resident satisfied)`);

  const workerEntry = join(root, 'apps/worker/src/main.ts');
  if (!existsSync(workerEntry)) {
    say('\n  NOTE: apps/worker does not exist yet: no deadline will be ticked and no ledger entry written.');
  } else {
    // DEMO ONLY: the worker's domain clock runs ahead so jt's deadline falls due MISS_AFTER_MS from now.
    const offset = Date.now() + MISS_AFTER_MS - Date.parse(jtDue);
    heading(
      `Temporal worker with DEMO clock offset ${Math.round(offset / 3_600_000)} h: jt's deadline falls due in ${MISS_AFTER_MS / 1000} s`,
    );
    start('worker', 'apps/worker/src/main.ts', {
      TEMPORAL_CLOCK_OFFSET_MS: String(offset),
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    });
    const year = new Date(jtDue).getUTCFullYear();
    await until(
      'jt missed deadline in its ledger',
      async () => {
        const ledger = await call<{ entries: { reason: string }[] }>(
          'GET',
          `/api/v1/supervision/departments/jt/ledger/${year}`,
          'supervisor',
        );
        return ledger.entries.some((e) => e.reason === 'feedback-missed') ? true : undefined;
      },
      MISS_AFTER_MS + 90_000,
    );
    say('  the worker ticked the deadline: jt missed it (−3)');
  }

  await delay(1500);
  await report(lamps, flood);
}

async function report(lamps: string, flood: string): Promise<void> {
  const year = new Date().getUTCFullYear();
  heading("cg's inbox (GET /api/v1/departments/cg/inbox)");
  const inbox = await call<{
    items: { issueId: string; title: string; status: string; mode: string; nextDueAt: string | null; urgings: { note: string }[] }[];
  }>('GET', '/api/v1/departments/cg/inbox', 'department', 'cg');
  for (const task of inbox.items)
    say(
      `  ${task.issueId}  ${task.status.padEnd(15)} ${String(task.mode).padEnd(8)} next due ${task.nextDueAt ?? '—'}  ${task.title}${task.urgings.map((u) => `  督办: ${u.note}`).join('')}`,
    );

  heading(`Audit trail of ${flood} (GET /api/v1/supervision/issues/${flood}/audit-trail)`);
  const trail = await call<{
    events: { revision: number; type: string; metadata: { actor?: { role: string; id?: string } }; hash: string }[];
    verification: { ok: boolean };
  }>('GET', `/api/v1/supervision/issues/${flood}/audit-trail`, 'supervisor');
  for (const e of trail.events)
    say(
      `  #${String(e.revision).padStart(2)} ${e.type.padEnd(26)} by ${e.metadata.actor ? `${e.metadata.actor.role}${e.metadata.actor.id ? `:${e.metadata.actor.id}` : ''}` : '?'}  hash ${e.hash.slice(0, 12)}…`,
    );
  say(`  hash chain verified: ${trail.verification.ok ? 'intact' : 'BROKEN'}`);

  for (const department of ['cg', 'jt']) {
    heading(`Ledger of ${department} for ${year} (GET /api/v1/supervision/departments/${department}/ledger/${year})`);
    const ledger = await call<{ total: number; entries: { at: string; points: number; reason: string; issueId?: string }[] }>(
      'GET',
      `/api/v1/supervision/departments/${department}/ledger/${year}`,
      'supervisor',
    );
    for (const e of ledger.entries)
      say(`  ${e.at}  ${(e.points > 0 ? `+${e.points}` : String(e.points)).padStart(5)}  ${e.reason.padEnd(16)} ${e.issueId ?? ''}`);
    say(`  total ${ledger.total}`);
  }

  heading(`Rates ${year} (GET /api/v1/supervision/rates/${year})`);
  type Rates = { issuesClosed: number; resolutionRate: number | null; satisfaction: number | null };
  const rates = await call<{ items: (Rates & { departmentId: string })[]; stations: (Rates & { stationId: string })[]; streets: (Rates & { streetId: string })[] }>(
    'GET',
    `/api/v1/supervision/rates/${year}`,
    'supervisor',
  );
  const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)}%`);
  for (const [unit, row] of [
    ...rates.items.map((r) => [r.departmentId, r] as const),
    ...rates.stations.map((r) => [r.stationId, r] as const),
    ...rates.streets.map((r) => [r.streetId, r] as const),
  ])
    say(`  ${unit.padEnd(11)} closed ${String(row.issuesClosed).padStart(2)}  resolution ${percent(row.resolutionRate).padStart(4)}  satisfaction ${percent(row.satisfaction)}`);

  heading(`Provisional ranking ${year} (GET /api/v1/supervision/rankings/${year})`);
  const ranking = await call<{ ranking: { department: string; total: number; rank: number }[] }>(
    'GET',
    `/api/v1/supervision/rankings/${year}`,
    'supervisor',
  );
  for (const row of ranking.ranking) say(`  ${String(row.rank).padStart(2)}. ${row.department.padEnd(6)} ${row.total}`);
  say(`\n  issues: ${lamps} (whistled by its station, closed), ${flood} (urged; jt missed its deadline). Logs in .data/demo/.`);
}

main()
  .then(async () => {
    if (process.env.DEMO_EXIT === '1') {
      await stopAll();
      return;
    }
    say(`\napi, worker and projector keep running: ${BASE}/api/docs (OpenAPI UI), ${BASE}/console/; Ctrl-C stops them`);
    say(`a token: npm run token -- --role supervisor`);
    process.once('SIGINT', () => void stopAll().then(() => process.exit(0)));
    process.once('SIGTERM', () => void stopAll().then(() => process.exit(0)));
  })
  .catch(async (error: unknown) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    await stopAll();
    process.exit(1);
  });
