import { createSigningKey, SigningKey, signToken, TestJwks } from '@app/testing';
import { issueToken } from '../../apps/api/src/auth/issue-token';
import { loadIdentitySettings } from '../../apps/api/src/auth/identity-settings';
import { ApiTestApp, bearer, seedOrganisation, startApiTestApp } from './api-test-app';

const ISSUER = 'https://id.district.example/realms/staff';
const AUDIENCE = 'whistle-engine';

/** The api with the district's identity provider configured (a JWKS served by the test) and local tokens off, as in production. */
describe('tokens from the identity provider, through HTTP', () => {
  const jwks = new TestJwks();
  let key: SigningKey;
  let api: ApiTestApp;
  const token = (claims: Record<string, unknown>, options: { audience?: string } = {}) =>
    signToken(key, claims, { issuer: ISSUER, audience: options.audience ?? AUDIENCE });

  beforeAll(async () => {
    key = await createSigningKey('district-2026', 'RS256');
    jwks.keys = [key.jwk];
    const jwksUrl = await jwks.start();
    api = await startApiTestApp('api_oidc', undefined, {}, {
      identity: {
        OIDC_ISSUER: ISSUER,
        OIDC_JWKS_URL: jwksUrl,
        OIDC_AUDIENCE: AUDIENCE,
        OIDC_ROLE_MAP: { 'whistle-admins': 'admin', 'whistle-station-staff': 'station', 'whistle-supervisors': 'supervisor' },
        localTokens: true,
      },
    });
    await seedOrganisation(api);
  });

  afterAll(async () => {
    await api?.close();
    await jwks.stop();
  });

  it("acts in the mapped role and scope, and the audit trail names the acting station", async () => {
    const station = await token({ roles: ['offline_access', 'whistle-station-staff'], whistle_scope: 's1' });
    const raised = await api
      .http()
      .post('/api/v1/stations/s1/issues')
      .set(bearer(station))
      .send({ title: '路灯损坏', fourLists: { problem: 'p', tasks: 't', responsibleParty: 'r', acceptanceStandard: 'a' } })
      .expect(201);
    await api.http().get('/api/v1/stations/s2/issues').set(bearer(station)).expect(403);
    const trail = await api
      .http()
      .get(`/api/v1/supervision/issues/${raised.body.issueId}/audit-trail`)
      .set(bearer(await token({ roles: 'whistle-supervisors' })))
      .expect(200);
    expect(trail.body.events[0].metadata.actor).toEqual({ role: 'station', id: 's1' });
  });

  it('answers 401 problem documents naming why a token is refused', async () => {
    const refusals = [
      [await token({ roles: ['whistle-admins'] }, { audience: 'another-app' }), /"aud" claim/],
      [await token({ roles: ['whistle-nobody'] }), /names no role of this engine/],
      [await token({ roles: ['whistle-station-staff'] }), /station, street and department tokens need a scope/],
    ] as const;
    for (const [refused, reason] of refusals) {
      const response = await api.http().get('/api/v1/organisation').set(bearer(refused)).expect(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ code: 'UNAUTHENTICATED', detail: expect.stringMatching(reason) });
    }
  });

  it('takes a local token only while local tokens are enabled', async () => {
    const local = issueToken(loadIdentitySettings().JWT_SECRET, { role: 'admin' });
    await api.http().get('/api/v1/organisation').set(bearer(local)).expect(200);
    const production = await startApiTestApp('api_oidc_prod', undefined, {}, {
      identity: { OIDC_ISSUER: ISSUER, OIDC_JWKS_URL: 'http://127.0.0.1:9/jwks.json', OIDC_AUDIENCE: AUDIENCE, localTokens: false },
    });
    try {
      const response = await production.http().get('/api/v1/organisation').set(bearer(local)).expect(401);
      expect(response.body.detail).toBe('local (HS256) tokens are not accepted here');
    } finally {
      await production.close();
    }
  });
});
