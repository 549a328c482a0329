import { createFreshDatabase, FreshDatabase } from '@app/testing';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { setTimeout as delay } from 'node:timers/promises';
import request from 'supertest';
import { ApiSettings } from '../../apps/api/src/api-settings';
import { AppModule, AppModuleOptions } from '../../apps/api/src/app.module';
import { Role } from '../../apps/api/src/auth/actor';
import { issueToken } from '../../apps/api/src/auth/issue-token';
import { Clock } from '../../apps/api/src/clock/clock';
import { configureApp } from '../../apps/api/src/configure-app';
import { loadIdentitySettings } from '../../apps/api/src/auth/identity-settings';

export interface ApiTestApp {
  app: INestApplication;
  database: FreshDatabase;
  http: () => ReturnType<typeof request>;
  token: (role: Role, scope?: string) => string;
  close(): Promise<void>;
}

/** The API on a fresh database of the real PostgreSQL, listening on an ephemeral port through supertest. */
export async function startApiTestApp(
  prefix: string,
  clock?: Clock,
  settings: Partial<ApiSettings> = {},
  options: Pick<AppModuleOptions, 'taskQueue' | 'identity'> & { database?: FreshDatabase } = {},
): Promise<ApiTestApp> {
  // A database given (a year another harness drove) stays its owner's to drop.
  const database = options.database ?? (await createFreshDatabase(prefix));
  const moduleRef = await Test.createTestingModule({
    imports: [
      AppModule.forRoot({
        taskQueue: options.taskQueue,
        identity: options.identity,
        databaseUrl: database.url,
        clock,
        settings: { HEALTH_CHECK_TEMPORAL: false, HEALTH_CHECK_KAFKA: false, THROTTLE_LIMIT: 1_000_000, ...settings },
      }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  configureApp(app);
  await app.init();
  const secret = loadIdentitySettings().JWT_SECRET;
  return {
    app,
    database,
    http: () => request(app.getHttpServer()),
    token: (role, scope) => issueToken(secret, { role, scope }),
    close: async () => {
      await app.close();
      if (options.database === undefined) await database.drop();
    },
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The organisation every API test starts from: one street, two stations, three district departments, one city department. */
export async function seedOrganisation(api: ApiTestApp): Promise<void> {
  const admin = bearer(api.token('admin'));
  const units: [string, Record<string, string>][] = [
    ['streets', { id: 'st1', name: '东城街道' }],
    ['stations', { id: 's1', name: '红领工作站一', streetId: 'st1' }],
    ['stations', { id: 's2', name: '红领工作站二', streetId: 'st1' }],
    ['district-departments', { id: 'cg', name: '区城管委' }],
    ['district-departments', { id: 'jt', name: '区交通局' }],
    ['district-departments', { id: 'sw', name: '区水务局' }],
    ['city-departments', { id: 'city-water', name: '市水务局' }],
  ];
  for (const [kind, body] of units) {
    await api.http().post(`/api/v1/admin/organisation/${kind}`).set(admin).send(body).expect(201);
  }
}

export const FOUR_LISTS = {
  problem: '小区路灯损坏，夜间出行不便',
  tasks: '更换路灯 12 盏',
  responsibleParty: '区城管委',
  acceptanceStandard: '全部路灯夜间正常照明',
};

/** Raises an issue at a station and escalates it to district level; returns its id. */
export async function raiseToDistrict(api: ApiTestApp, stationId: string): Promise<string> {
  const station = bearer(api.token('station', stationId));
  const raised = await api
    .http()
    .post(`/api/v1/stations/${stationId}/issues`)
    .set(station)
    .send({ title: '路灯损坏', fourLists: FOUR_LISTS })
    .expect(201);
  const issueId = raised.body.issueId as string;
  for (let step = 0; step < 2; step += 1) {
    await api.http().post(`/api/v1/stations/${stationId}/issues/${issueId}/escalations`).set(station).expect(200);
  }
  return issueId;
}

/** An issue of `stationId` raised, brought to district level and whistled by dispatch to `departments` (joint for two or more). */
export async function whistledTo(api: ApiTestApp, stationId: string, departments: string[]): Promise<string> {
  const issueId = await raiseToDistrict(api, stationId);
  await api
    .http()
    .post(`/api/v1/dispatch/issues/${issueId}/whistle`)
    .set(bearer(api.token('dispatch')))
    .send({ mode: departments.length > 1 ? 'joint' : 'single', departments })
    .expect(200);
  return issueId;
}

/** Reads until `done` holds (the read models follow the event store within moments), or fails naming `what`. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await delay(200);
  }
}
