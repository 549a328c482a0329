import { ROLES, Role } from '../../apps/api/src/auth/actor';
import { setTimeout as delay } from 'node:timers/promises';
import { CircularDocumentStore, CircularPublisher, DEFAULT_CHROMIUM_PATH } from '@app/circulars';
import { monthPeriod, whatIfStreamOf } from '@app/domain';
import { createPostgresPool, PostgresEventStore } from '@app/event-store';
import { derivedEventId, ReferenceData, toNewEvent } from '@app/issues';
import { CircularStreamReader } from '@app/read-models';
import { startProjector } from '../../apps/projector/src/projector';
import { ApiTestApp, bearer, seedOrganisation, startApiTestApp, whistledTo } from './api-test-app';

/**
 * Every endpoint × every role × own / another unit's path / another's resource through one's own path.
 * A POST that passes authorisation carries If-Match "999" and must stop at the concurrency check (409
 * CONCURRENT_CHANGE), so the matrix proves who gets through without writing anything.
 */
type Variant = 'own' | 'other-unit' | 'foreign-resource';

interface Endpoint {
  method: 'get' | 'post';
  /** OpenAPI path, to prove the matrix covers every documented route. */
  route: string;
  roles: readonly Role[];
  scopedTo?: 'station' | 'street' | 'department';
  /** Does the path name an issue (so another station's issue / a task not routed to you can be addressed)? */
  namesIssue?: boolean;
  path: (unit: string, issueId: string) => string;
  body?: Record<string, unknown>;
}

const YEAR = new Date().getUTCFullYear();
/** Published in the setup, so that the reads of one circular answer 200 to those allowed. */
const CIRCULAR_ID = 'monthly-2026-03';
const PERIOD = 'from=2026-03-01&to=2026-03-31';
/** Kept in the setup, so that reading it answers 200 to those allowed. */
const WHAT_IF_ID = derivedEventId('matrix/what-if');

const ENDPOINTS: Endpoint[] = [
  {
    method: 'post',
    route: '/api/v1/stations/{stationId}/issues',
    roles: ['station'],
    scopedTo: 'station',
    path: (s) => `/api/v1/stations/${s}/issues`,
    body: { title: 't', fourLists: { problem: 'p', tasks: 't', responsibleParty: 'r', acceptanceStandard: 'a' } },
  },
  {
    method: 'get',
    route: '/api/v1/stations/{stationId}/issues',
    roles: ['station', 'supervisor'],
    scopedTo: 'station',
    path: (s) => `/api/v1/stations/${s}/issues`,
  },
  ...(
    [
      ['escalations', {}],
      ['resolution', {}],
      ['whistle', { mode: 'single', departments: ['jt'] }],
      ['urgings', { note: '请尽快反馈' }],
      ['coordination-meetings', {}],
      ['closing-confirmations', { satisfaction: 'satisfied' }],
      ['closing-rejections', {}],
    ] as const
  ).map(([action, body]): Endpoint => ({
    method: 'post',
    route: `/api/v1/stations/{stationId}/issues/{issueId}/${action}`,
    roles: ['station'],
    scopedTo: 'station',
    namesIssue: true,
    path: (s, i) => `/api/v1/stations/${s}/issues/${i}/${action}`,
    body,
  })),
  {
    method: 'get',
    route: '/api/v1/streets/{streetId}/issues',
    roles: ['street', 'supervisor'],
    scopedTo: 'street',
    path: (s) => `/api/v1/streets/${s}/issues?level=street&status=open`,
  },
  ...(['resolution', 'escalations'] as const).map((action): Endpoint => ({
    method: 'post',
    route: `/api/v1/streets/{streetId}/issues/{issueId}/${action}`,
    roles: ['street'],
    scopedTo: 'street',
    namesIssue: true,
    path: (s, i) => `/api/v1/streets/${s}/issues/${i}/${action}`,
    body: {},
  })),
  {
    method: 'get',
    route: '/api/v1/dispatch/issues',
    roles: ['dispatch', 'supervisor'],
    path: () => '/api/v1/dispatch/issues?level=district',
  },
  {
    method: 'post',
    route: '/api/v1/dispatch/issues/{issueId}/whistle',
    roles: ['dispatch'],
    path: (_, i) => `/api/v1/dispatch/issues/${i}/whistle`,
    body: { mode: 'single', departments: ['jt'] },
  },
  {
    method: 'post',
    route: '/api/v1/dispatch/issues/{issueId}/departments',
    roles: ['dispatch'],
    path: (_, i) => `/api/v1/dispatch/issues/${i}/departments`,
    body: { departmentId: 'jt' },
  },
  {
    method: 'get',
    route: '/api/v1/departments/{departmentId}/inbox',
    roles: ['department', 'supervisor'],
    scopedTo: 'department',
    path: (d) => `/api/v1/departments/${d}/inbox`,
  },
  {
    method: 'get',
    route: '/api/v1/departments/{departmentId}/tasks/{issueId}',
    roles: ['department', 'supervisor'],
    scopedTo: 'department',
    namesIssue: true,
    path: (d, i) => `/api/v1/departments/${d}/tasks/${i}`,
  },
  {
    method: 'post',
    route: '/api/v1/departments/{departmentId}/tasks/{issueId}/feedback',
    roles: ['department'],
    scopedTo: 'department',
    namesIssue: true,
    path: (d, i) => `/api/v1/departments/${d}/tasks/${i}/feedback`,
    body: { content: 'on it' },
  },
  {
    method: 'post',
    route: '/api/v1/departments/{departmentId}/tasks/{issueId}/resolution',
    roles: ['department'],
    scopedTo: 'department',
    namesIssue: true,
    path: (d, i) => `/api/v1/departments/${d}/tasks/${i}/resolution`,
    body: {},
  },
  {
    method: 'get',
    route: '/api/v1/supervision/issues/{issueId}/audit-trail',
    roles: ['supervisor'],
    path: (_, i) => `/api/v1/supervision/issues/${i}/audit-trail`,
  },
  {
    method: 'get',
    route: '/api/v1/supervision/departments/{departmentId}/ledger/{year}',
    roles: ['department', 'supervisor'],
    scopedTo: 'department',
    path: (d) => `/api/v1/supervision/departments/${d}/ledger/${YEAR}`,
  },
  {
    method: 'get',
    route: '/api/v1/supervision/rankings/{year}',
    roles: ['supervisor'],
    path: () => `/api/v1/supervision/rankings/${YEAR}`,
  },
  { method: 'get', route: '/api/v1/supervision/interviews', roles: ['supervisor'], path: () => '/api/v1/supervision/interviews' },
  {
    method: 'get',
    route: '/api/v1/supervision/reconciliations/{year}',
    roles: ['supervisor'],
    path: () => `/api/v1/supervision/reconciliations/${YEAR}`,
  },
  {
    method: 'post',
    route: '/api/v1/supervision/reconciliations/{year}/provisional',
    roles: ['supervisor', 'admin'],
    path: () => `/api/v1/supervision/reconciliations/${YEAR}/provisional`,
  },
  { method: 'get', route: '/api/v1/supervision/rates/{year}', roles: ['supervisor'], path: () => `/api/v1/supervision/rates/${YEAR}` },
  {
    method: 'get',
    route: '/api/v1/supervision/rates/{year}/monthly',
    roles: ['supervisor'],
    path: () => `/api/v1/supervision/rates/${YEAR}/monthly`,
  },
  { method: 'get', route: '/api/v1/supervision/overview', roles: ['supervisor'], path: () => '/api/v1/supervision/overview' },
  {
    method: 'get',
    route: '/api/v1/supervision/assessment-bonuses/{year}',
    roles: ['supervisor'],
    path: () => `/api/v1/supervision/assessment-bonuses/${YEAR}`,
  },
  { method: 'get', route: '/api/v1/supervision/issues', roles: ['supervisor'], path: () => '/api/v1/supervision/issues' },
  { method: 'get', route: '/api/v1/supervision/access-log', roles: ['auditor'], path: () => '/api/v1/supervision/access-log' },
  {
    method: 'get',
    route: '/api/v1/supervision/issues/{issueId}',
    roles: ['supervisor'],
    path: (_, i) => `/api/v1/supervision/issues/${i}`,
  },
  ...(
    [
      ['streets', { id: 'x1', name: 'x' }],
      ['stations', { id: 'x2', name: 'x', streetId: 'st1' }],
      ['district-departments', { id: 'x3', name: 'x' }],
      ['city-departments', { id: 'x4', name: 'x' }],
    ] as const
  ).map(([kind, body]): Endpoint => ({
    method: 'post',
    route: `/api/v1/admin/organisation/${kind}`,
    roles: ['admin'],
    path: () => `/api/v1/admin/organisation/${kind}`,
    body,
  })),
  {
    method: 'post',
    route: '/api/v1/admin/calendar/years',
    roles: ['admin'],
    path: () => '/api/v1/admin/calendar/years',
    body: { year: 2099, holidays: ['2099-01-01'], workdays: [] },
  },
  {
    method: 'post',
    route: '/api/v1/admin/policy/versions',
    roles: ['admin'],
    path: () => '/api/v1/admin/policy/versions',
    body: { effectiveFrom: '2099-01-01T00:00:00Z', policy: {} },
  },
  { method: 'get', route: '/api/v1/supervision/circulars', roles: ['supervisor'], path: () => '/api/v1/supervision/circulars' },
  ...['', '.pdf', '/content'].map((suffix): Endpoint => ({
    method: 'get',
    route: `/api/v1/supervision/circulars/{circularId}${suffix}`,
    roles: ['supervisor'],
    path: () => `/api/v1/supervision/circulars/${CIRCULAR_ID}${suffix}`,
  })),
  {
    method: 'post',
    route: '/api/v1/supervision/circulars',
    roles: ['supervisor', 'admin'],
    path: () => '/api/v1/supervision/circulars',
    body: { from: '2026-03-01', to: '2026-03-31' },
  },
  {
    method: 'post',
    route: '/api/v1/supervision/what-if/{year}',
    roles: ['supervisor'],
    path: () => `/api/v1/supervision/what-if/${YEAR}`,
    body: { feedback: { count: 5 } },
  },
  {
    method: 'get',
    route: '/api/v1/supervision/what-if/{year}/{whatIfId}',
    roles: ['supervisor'],
    path: () => `/api/v1/supervision/what-if/${YEAR}/${WHAT_IF_ID}`,
  },
  {
    method: 'get',
    route: '/api/v1/supervision/station-evaluations',
    roles: ['supervisor'],
    path: () => `/api/v1/supervision/station-evaluations?${PERIOD}`,
  },
  { method: 'get', route: '/api/v1/supervision/surveys', roles: ['supervisor'], path: () => '/api/v1/supervision/surveys' },
  {
    method: 'post',
    route: '/api/v1/supervision/stations/{stationId}/surveys',
    roles: ['supervisor'],
    path: () => '/api/v1/supervision/stations/s1/surveys',
    body: { from: '2026-03-01', to: '2026-03-31', respondents: 10, aware: 8, satisfied: 5, basicallySatisfied: 3 },
  },
  // Accountability (issue #16): meetings and attendance, base-score decisions, appeals.
  {
    method: 'post',
    route: '/api/v1/stations/{stationId}/meetings',
    roles: ['station'],
    scopedTo: 'station',
    path: (s) => `/api/v1/stations/${s}/meetings`,
    body: { kind: 'work-dispatch', date: '2026-01-05', attendance: [{ departmentId: 'cg', attendance: 'present' }] },
  },
  {
    method: 'get',
    route: '/api/v1/stations/{stationId}/meetings',
    roles: ['station', 'supervisor'],
    scopedTo: 'station',
    path: (s) => `/api/v1/stations/${s}/meetings`,
  },
  { method: 'get', route: '/api/v1/supervision/meetings', roles: ['supervisor'], path: () => '/api/v1/supervision/meetings' },
  {
    method: 'get',
    route: '/api/v1/departments/{departmentId}/attendance',
    roles: ['department', 'supervisor'],
    scopedTo: 'department',
    path: (d) => `/api/v1/departments/${d}/attendance`,
  },
  {
    method: 'post',
    route: '/api/v1/supervision/departments/{departmentId}/base-adjustments',
    roles: ['supervisor'],
    path: () => '/api/v1/supervision/departments/cg/base-adjustments',
    body: { year: YEAR, points: -10, reason: '缺席工作调度会' },
  },
  {
    method: 'post',
    route: '/api/v1/departments/{departmentId}/appeals',
    roles: ['department'],
    scopedTo: 'department',
    path: (d) => `/api/v1/departments/${d}/appeals`,
    body: { issueId: 'i1', deadlineId: 'i1#1', reason: '未收到派单' },
  },
  {
    method: 'get',
    route: '/api/v1/departments/{departmentId}/appeals',
    roles: ['department', 'supervisor'],
    scopedTo: 'department',
    path: (d) => `/api/v1/departments/${d}/appeals`,
  },
  { method: 'get', route: '/api/v1/supervision/appeals', roles: ['supervisor'], path: () => '/api/v1/supervision/appeals?status=open' },
  {
    method: 'post',
    route: '/api/v1/supervision/appeal-decisions',
    roles: ['supervisor'],
    path: () => '/api/v1/supervision/appeal-decisions',
    body: { deadlineId: 'i1#1', outcome: 'upheld', reason: '理由不成立' },
  },
  { method: 'get', route: '/api/v1/organisation', roles: ROLES, path: () => '/api/v1/organisation' },
  { method: 'get', route: '/api/v1/calendar/years/{year}', roles: ROLES, path: () => `/api/v1/calendar/years/${YEAR}` },
  { method: 'get', route: '/api/v1/policy/versions', roles: ROLES, path: () => '/api/v1/policy/versions' },
];

const SCOPES: Record<Role, string | undefined> = {
  station: 's1',
  street: 'st1',
  department: 'cg',
  dispatch: undefined,
  supervisor: undefined,
  admin: undefined,
  auditor: undefined,
};

function expectedStatus(endpoint: Endpoint, role: Role, variant: Variant): number {
  if (!endpoint.roles.includes(role)) return 403;
  if (variant === 'other-unit' && role === endpoint.scopedTo) return 403;
  // The issue belongs to s1 (street st1) and is routed to cg only: through another unit's path it does not exist.
  if (variant === 'foreign-resource' || (variant === 'other-unit' && endpoint.namesIssue)) return 404;
  return endpoint.method === 'get' ? 200 : 409;
}

describe('role × scope matrix', () => {
  let api: ApiTestApp;
  /** I1: raised by s1, at district level, whistled to cg. I2: raised by s2, at community level. I3: raised by s3 of street st2. */
  let ownIssue: string;
  let foreignIssue: string;
  let otherStreetIssue: string;
  /** The units each scoped role acts for in the matrix (its own, another) and another's issue reached through its own path. */
  const units = () => ({
    station: { own: 's1', other: 's2', foreignIssue },
    street: { own: 'st1', other: 'st2', foreignIssue: otherStreetIssue },
    department: { own: 'cg', other: 'jt', foreignIssue },
  });
  let projector: { stop(): Promise<void> } | undefined;

  beforeAll(async () => {
    api = await startApiTestApp('api_matrix');
    // Some supervision reads come from the read models: project the setup before the matrix runs.
    projector = await startProjector({ ...process.env, DATABASE_URL: api.database.url }, () => undefined);
    await seedOrganisation(api);
    ownIssue = await whistledTo(api, 's1', ['cg']);
    const raiseAt = async (stationId: string) =>
      (
        await api
          .http()
          .post(`/api/v1/stations/${stationId}/issues`)
          .set(bearer(api.token('station', stationId)))
          .send({ title: 'other', fourLists: { problem: 'p', tasks: 't', responsibleParty: 'r', acceptanceStandard: 'a' } })
          .expect(201)
      ).body.issueId as string;
    foreignIssue = await raiseAt('s2');
    const admin = bearer(api.token('admin'));
    await api.http().post('/api/v1/admin/organisation/streets').set(admin).send({ id: 'st2', name: '西城街道' }).expect(201);
    await api
      .http()
      .post('/api/v1/admin/organisation/stations')
      .set(admin)
      .send({ id: 's3', name: '红领工作站三', streetId: 'st2' })
      .expect(201);
    otherStreetIssue = await raiseAt('s3');
    const store = new PostgresEventStore({ connectionString: api.database.url });
    const pool = createPostgresPool({ connectionString: api.database.url }, 'matrix circulars');
    const reference = new ReferenceData(store);
    await new CircularPublisher(store, new CircularStreamReader(store, reference), new CircularDocumentStore(pool), {
      districtName: '大观区',
      numberPrefix: '大观红领办',
      chromiumPath: DEFAULT_CHROMIUM_PATH,
    }).publish({
      circularId: CIRCULAR_ID,
      kind: 'monthly',
      period: monthPeriod('2026-03'),
      at: Date.parse('2026-04-01T00:00:00Z'),
      actor: { role: 'system' },
    });
    await store.appendToStream(
      whatIfStreamOf(YEAR),
      [
        toNewEvent(
          {
            type: 'WhatIfRefused',
            data: { whatIfId: WHAT_IF_ID, year: YEAR, policy: {}, at: new Date().toISOString(), cause: 'history', problems: [] },
          },
          derivedEventId(`whatif:${WHAT_IF_ID}`),
        ),
      ],
      { expectedRevision: 'any' },
    );
    await Promise.all([store.close(), pool.end()]);
    const supervisor = bearer(api.token('supervisor'));
    for (let attempt = 0; (await api.http().get(`/api/v1/supervision/issues/${ownIssue}`).set(supervisor)).status !== 200; attempt += 1) {
      if (attempt > 300) throw new Error('the projector did not project the setup issue within 60 s');
      await delay(200);
    }
  });

  afterAll(async () => {
    await projector?.stop();
    await api?.close();
  });

  it('covers every route of the served OpenAPI document', async () => {
    const document = (await api.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(document.paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
      .filter((route) => route !== 'get /health')
      .sort();
    expect(ENDPOINTS.map((e) => `${e.method} ${e.route}`).sort()).toEqual(documented);
  });

  const cases = ENDPOINTS.flatMap((endpoint) =>
    ROLES.flatMap((role) => {
      const variants: Variant[] = endpoint.scopedTo
        ? ['own', 'other-unit', ...(endpoint.namesIssue ? (['foreign-resource'] as const) : [])]
        : ['own'];
      return variants.map((variant) => ({
        endpoint,
        role,
        variant,
        label: `${endpoint.method.toUpperCase()} ${endpoint.route} as ${role} (${variant})`,
      }));
    }),
  );

  it.each(cases)('$label', async ({ endpoint, role, variant }) => {
    const scoped = units()[endpoint.scopedTo ?? 'department'];
    const unit = variant === 'other-unit' ? scoped.other : scoped.own;
    const issueId = variant === 'foreign-resource' ? scoped.foreignIssue : ownIssue;
    const call =
      endpoint.method === 'get'
        ? api.http().get(endpoint.path(unit, issueId))
        : api
            .http()
            .post(endpoint.path(unit, issueId))
            .set('If-Match', '"999"')
            .send(endpoint.body ?? {});
    const response = await call.set(bearer(api.token(role, SCOPES[role])));
    const expected = expectedStatus(endpoint, role, variant);
    expect({ status: response.status, code: response.body.code }).toMatchObject({
      status: expected,
      ...(expected === 409 ? { code: 'CONCURRENT_CHANGE' } : {}),
    });
    if (expected >= 400) expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers 401 with a problem document on every route without a token', async () => {
    for (const endpoint of ENDPOINTS) {
      const response = await (endpoint.method === 'get'
        ? api.http().get(endpoint.path('s1', ownIssue))
        : api
            .http()
            .post(endpoint.path('s1', ownIssue))
            .send(endpoint.body ?? {}));
      expect({ route: endpoint.route, status: response.status, code: response.body.code }).toEqual({
        route: endpoint.route,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    }
  });

  it('wrote nothing while refusing: the issue still has the events of raise, two escalations and the whistle', async () => {
    const trail = await api
      .http()
      .get(`/api/v1/supervision/issues/${ownIssue}/audit-trail`)
      .set(bearer(api.token('supervisor')))
      .expect(200);
    expect(trail.body.events.map((e: { type: string }) => e.type)).toEqual([
      'IssueRaised',
      'LevelTimeLimitSet',
      'IssueEscalated',
      'LevelTimeLimitSet',
      'IssueEscalated',
      'WhistleBlown',
      'FeedbackDeadlineSet',
    ]);
    expect(trail.body.verification.ok).toBe(true);
  });
});
