import { ApiTestApp, bearer, startApiTestApp } from './api-test-app';

describe('GET /health and rate limiting', () => {
  let api: ApiTestApp;
  const LIMIT = 5;

  beforeAll(async () => {
    api = await startApiTestApp('api_health', undefined, {
      HEALTH_CHECK_TEMPORAL: true,
      HEALTH_CHECK_KAFKA: true,
      THROTTLE_LIMIT: LIMIT,
      THROTTLE_TTL_MS: 60_000,
    });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('reports PostgreSQL, Temporal (gRPC GetSystemInfo) and Kafka (describeCluster) up, without a token', async () => {
    const health = await api.http().get('/health').expect(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      details: {
        postgres: { status: 'up', version: expect.any(String) },
        temporal: { status: 'up', serverVersion: expect.any(String) },
        kafka: { status: 'up', brokers: expect.any(Number) },
      },
    });
  });

  it('answers 429 as a problem document once a client passes the limit', async () => {
    const token = bearer(api.token('supervisor'));
    const statuses: number[] = [];
    for (let n = 0; n < LIMIT + 2; n += 1) statuses.push((await api.http().get('/api/v1/organisation').set(token)).status);
    expect(statuses).toContain(429);
    const limited = await api.http().get('/api/v1/organisation').set(token).expect(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
  });
});

describe('GET /health with Temporal unreachable', () => {
  let api: ApiTestApp;
  const saved = process.env.TEMPORAL_ADDRESS;

  beforeAll(async () => {
    // Nothing listens on port 1: the configuration the app reads at start names an unreachable Temporal.
    process.env.TEMPORAL_ADDRESS = '127.0.0.1:1';
    api = await startApiTestApp('api_health_down', undefined, { HEALTH_CHECK_TEMPORAL: true, HEALTH_CHECK_KAFKA: true });
  });

  afterAll(async () => {
    if (saved === undefined) delete process.env.TEMPORAL_ADDRESS;
    else process.env.TEMPORAL_ADDRESS = saved;
    await api?.close();
  });

  it('answers 503 with a problem document naming Temporal down and the others up', async () => {
    const health = await api.http().get('/health').expect(503);
    expect(health.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(health.body).toMatchObject({
      status: 503,
      details: { postgres: { status: 'up' }, temporal: { status: 'down', address: '127.0.0.1:1' }, kafka: { status: 'up' } },
    });
  });
});
