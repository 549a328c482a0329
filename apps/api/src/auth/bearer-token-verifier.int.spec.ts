import { ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { JWTPayload } from 'jose';
import { createSigningKey, SigningKey, signToken, TestJwks } from '@app/testing/test-identity-provider';
import { BearerTokenVerifier } from './bearer-token-verifier';
import { IdentitySettings, loadIdentitySettings } from './identity-settings';
import { issueToken } from './issue-token';

const ISSUER = 'https://id.district.example/realms/staff';
const AUDIENCE = 'whistle-engine';
const nowS = () => Math.floor(Date.now() / 1000);

const sign = (key: SigningKey, claims: JWTPayload, options: { issuer?: string; audience?: string; exp?: number; nbf?: number } = {}) =>
  signToken(key, claims, { issuer: ISSUER, audience: AUDIENCE, ...options });

async function refusal(verification: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await verification;
  } catch (error) {
    if (error instanceof UnauthorizedException || error instanceof ServiceUnavailableException) {
      return { status: error.getStatus(), message: error.message };
    }
    throw error;
  }
  throw new Error('the token was accepted');
}

describe(BearerTokenVerifier.name, () => {
  const jwks = new TestJwks();
  let jwksUrl: string;
  let oldKey: SigningKey;
  let currentKey: SigningKey;
  let nextKey: SigningKey;

  const settings = (overrides: Partial<IdentitySettings> = {}): IdentitySettings => ({
    ...loadIdentitySettings({}),
    OIDC_ISSUER: ISSUER,
    OIDC_JWKS_URL: jwksUrl,
    OIDC_AUDIENCE: AUDIENCE,
    localTokens: false,
    ...overrides,
  });

  beforeAll(async () => {
    jwksUrl = await jwks.start();
    [oldKey, currentKey, nextKey] = await Promise.all([createSigningKey('2026-a', 'RS256'), createSigningKey('2026-b', 'ES256'), createSigningKey('2027-a', 'RS256')]);
  });

  beforeEach(() => {
    jwks.keys = [oldKey.jwk, currentKey.jwk];
    jwks.fetches = 0;
  });

  afterAll(() => jwks.stop());

  it('accepts RS256 and ES256 tokens signed by keys of the JWKS, fetching the JWKS once', async () => {
    const sut = new BearerTokenVerifier(settings());
    await expect(sut.verify(await sign(oldKey, { roles: ['supervisor'] }))).resolves.toEqual({ subject: 'zhang.wei', role: 'supervisor' });
    await expect(sut.verify(await sign(currentKey, { roles: 'department', whistle_scope: 'cg' }))).resolves.toEqual({
      subject: 'zhang.wei',
      role: 'department',
      scope: 'cg',
    });
    expect(jwks.fetches).toBe(1);
  });

  it('follows a rotation once its cached JWKS is stale: the new key is accepted, the key rotated out is refused', async () => {
    const sut = new BearerTokenVerifier(settings({ OIDC_JWKS_CACHE_MAX_AGE_S: 0.2 }));
    const byOldKey = await sign(oldKey, { roles: ['supervisor'] });
    await expect(sut.verify(byOldKey)).resolves.toMatchObject({ role: 'supervisor' });
    jwks.keys = [currentKey.jwk, nextKey.jwk];
    await new Promise((resolve) => setTimeout(resolve, 250));
    await expect(sut.verify(await sign(nextKey, { roles: ['supervisor'] }))).resolves.toMatchObject({ role: 'supervisor' });
    await expect(refusal(sut.verify(byOldKey))).resolves.toEqual({ status: 401, message: expect.stringContaining('ERR_JWKS_NO_MATCHING_KEY') });
    expect(jwks.fetches).toBe(2);
  });

  it('refuses a token signed by a key that is not in the JWKS under a known kid', async () => {
    const impostor = await createSigningKey(oldKey.kid, 'RS256');
    await expect(refusal(new BearerTokenVerifier(settings()).verify(await sign(impostor, { roles: ['admin'] })))).resolves.toEqual({
      status: 401,
      message: expect.stringContaining('ERR_JWS_SIGNATURE_VERIFICATION_FAILED'),
    });
  });

  it('refuses a wrong audience and a wrong issuer', async () => {
    const sut = new BearerTokenVerifier(settings());
    await expect(refusal(sut.verify(await sign(currentKey, { roles: ['admin'] }, { audience: 'another-app' })))).resolves.toEqual({
      status: 401,
      message: expect.stringMatching(/"aud" claim.*ERR_JWT_CLAIM_VALIDATION_FAILED/),
    });
    await expect(refusal(sut.verify(await sign(currentKey, { roles: ['admin'] }, { issuer: 'https://id.elsewhere.example' })))).resolves.toEqual({
      status: 401,
      message: expect.stringMatching(/"iss" claim.*ERR_JWT_CLAIM_VALIDATION_FAILED/),
    });
  });

  it('allows the configured clock skew on exp and nbf, and no more', async () => {
    const sut = new BearerTokenVerifier(settings({ OIDC_CLOCK_TOLERANCE_S: 30 }));
    await expect(sut.verify(await sign(currentKey, { roles: ['admin'] }, { exp: nowS() - 10 }))).resolves.toMatchObject({ role: 'admin' });
    await expect(sut.verify(await sign(currentKey, { roles: ['admin'] }, { nbf: nowS() + 10 }))).resolves.toMatchObject({ role: 'admin' });
    await expect(refusal(sut.verify(await sign(currentKey, { roles: ['admin'] }, { exp: nowS() - 60 })))).resolves.toEqual({
      status: 401,
      message: expect.stringContaining('ERR_JWT_EXPIRED'),
    });
    await expect(refusal(sut.verify(await sign(currentKey, { roles: ['admin'] }, { nbf: nowS() + 60 })))).resolves.toEqual({
      status: 401,
      message: expect.stringContaining('ERR_JWT_CLAIM_VALIDATION_FAILED'),
    });
  });

  it('refuses alg none, and an algorithm that is not configured', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'none' })}.${encode({ iss: ISSUER, aud: AUDIENCE, sub: 'x', exp: nowS() + 300, roles: ['admin'] })}.`;
    const sut = new BearerTokenVerifier(settings({ OIDC_ALGORITHMS: ['RS256'] }));
    await expect(refusal(sut.verify(unsigned))).resolves.toEqual({ status: 401, message: expect.stringContaining('ERR_JOSE_ALG_NOT_ALLOWED') });
    await expect(refusal(sut.verify(await sign(currentKey, { roles: ['admin'] })))).resolves.toEqual({
      status: 401,
      message: expect.stringContaining('ERR_JOSE_ALG_NOT_ALLOWED'),
    });
  });

  it('takes local HS256 tokens only when local tokens are enabled', async () => {
    const secret = loadIdentitySettings({}).JWT_SECRET;
    const local = issueToken(secret, { role: 'station', scope: 's1' });
    await expect(new BearerTokenVerifier(settings({ localTokens: true })).verify(local)).resolves.toEqual({ subject: 'station:s1', role: 'station', scope: 's1' });
    await expect(refusal(new BearerTokenVerifier(settings({ localTokens: false })).verify(local))).resolves.toEqual({
      status: 401,
      message: 'local (HS256) tokens are not accepted here',
    });
    const expired = issueToken(secret, { role: 'station', scope: 's1', expiresInSeconds: -1 });
    await expect(refusal(new BearerTokenVerifier(settings({ localTokens: true })).verify(expired))).resolves.toEqual({
      status: 401,
      message: expect.stringContaining('ERR_JWT_EXPIRED'),
    });
  });

  describe('claims → role and scope', () => {
    it('maps the identity provider role values through OIDC_ROLE_MAP, from a nested claim', async () => {
      const sut = new BearerTokenVerifier(
        settings({ OIDC_ROLE_CLAIM: 'realm_access.roles', OIDC_SCOPE_CLAIM: 'org.unit', OIDC_ROLE_MAP: { 'whistle-station-staff': 'station' } }),
      );
      const token = await sign(currentKey, { realm_access: { roles: ['offline_access', 'whistle-station-staff'] }, org: { unit: 's1' } });
      await expect(sut.verify(token)).resolves.toEqual({ subject: 'zhang.wei', role: 'station', scope: 's1' });
    });

    it('knows the street role, scoped to a street, mapped or by its own name', async () => {
      const mapped = new BearerTokenVerifier(settings({ OIDC_ROLE_MAP: { 'whistle-street-staff': 'street' } }));
      await expect(mapped.verify(await sign(currentKey, { roles: ['whistle-street-staff'], whistle_scope: 'st1' }))).resolves.toEqual({
        subject: 'zhang.wei',
        role: 'street',
        scope: 'st1',
      });
      const named = new BearerTokenVerifier(settings());
      await expect(refusal(named.verify(await sign(currentKey, { roles: ['street'] })))).resolves.toEqual({
        status: 401,
        message: "the bearer token's claims are invalid: station, street and department tokens need a scope",
      });
    });

    it('refuses a token with no engine role, with several, and a unit role without its scope', async () => {
      const sut = new BearerTokenVerifier(settings());
      await expect(refusal(sut.verify(await sign(currentKey, { roles: ['offline_access'] })))).resolves.toEqual({
        status: 401,
        message: "the bearer token's roles claim names no role of this engine",
      });
      await expect(refusal(sut.verify(await sign(currentKey, { roles: ['supervisor', 'admin'] })))).resolves.toEqual({
        status: 401,
        message: expect.stringContaining('several roles (supervisor, admin)'),
      });
      await expect(refusal(sut.verify(await sign(currentKey, { roles: ['department'] })))).resolves.toEqual({
        status: 401,
        message: "the bearer token's claims are invalid: station, street and department tokens need a scope",
      });
    });
  });

  it('answers 503 when the JWKS cannot be fetched', async () => {
    const sut = new BearerTokenVerifier(settings({ OIDC_JWKS_URL: 'http://127.0.0.1:9/jwks.json' }));
    await expect(refusal(sut.verify(await sign(currentKey, { roles: ['admin'] })))).resolves.toEqual({
      status: 503,
      message: "the identity provider's keys could not be fetched",
    });
  });
});
