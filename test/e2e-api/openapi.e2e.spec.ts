import { ApiTestApp, startApiTestApp } from './api-test-app';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  security?: unknown[];
  parameters?: { name: string; in: string }[];
}

describe('OpenAPI document served at /api/docs-json', () => {
  let api: ApiTestApp;
  let operations: [string, Operation][];

  beforeAll(async () => {
    api = await startApiTestApp('api_openapi');
    const document = (await api.http().get('/api/docs-json').expect(200)).body as {
      openapi: string;
      paths: Record<string, Record<string, Operation>>;
    };
    expect(document.openapi).toMatch(/^3\./);
    operations = Object.entries(document.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, operation]): [string, Operation] => [`${method.toUpperCase()} ${path}`, operation]),
    );
  });

  afterAll(async () => {
    await api?.close();
  });

  it('documents every route Nest serves', () => {
    // Express 5 keeps its route table on `router`.
    const express = api.app.getHttpAdapter().getInstance() as {
      router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
    };
    const served = express.router.stack
      .flatMap((layer) =>
        layer.route
          ? Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`)
          : [],
      )
      .filter((route) => !route.includes('/api/docs'));
    expect(operations.map(([route]) => route).sort()).toEqual([...new Set(served)].sort());
  });

  it('gives every API operation a bearer requirement, a typed success and problem+json errors', () => {
    for (const [route, operation] of operations.filter(([r]) => r.includes('/api/v1/'))) {
      const success = Object.entries(operation.responses).find(([status]) => status.startsWith('2'));
      expect({ route, security: operation.security }).toEqual({ route, security: [{ bearer: [] }] });
      // A document route (a circular's PDF) answers its bytes; every other route answers JSON.
      const mediaType = route.endsWith('.pdf') ? 'application/pdf' : 'application/json';
      expect({ route, schema: success?.[1].content?.[mediaType]?.schema !== undefined }).toEqual({ route, schema: true });
      for (const status of ['400', '401', '403', '429']) {
        expect({ route, status, problem: operation.responses[status]?.content?.['application/problem+json'] !== undefined }).toEqual({
          route,
          status,
          problem: true,
        });
      }
    }
  });

  it('documents Idempotency-Key and If-Match on every POST', () => {
    for (const [route, operation] of operations.filter(([r]) => r.startsWith('POST'))) {
      const headers = (operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
      expect({ route, headers }).toEqual({ route, headers: expect.arrayContaining(['Idempotency-Key', 'If-Match']) });
    }
  });

  it('serves the Swagger UI at /api/docs', async () => {
    const page = await api.http().get('/api/docs').redirects(1).expect(200);
    expect(page.text).toContain('swagger-ui');
  });
});
