import { IdentitySettingsError, loadIdentitySettings } from './identity-settings';

const OIDC = { OIDC_ISSUER: 'https://id.district.example', OIDC_JWKS_URL: 'https://id.district.example/jwks', OIDC_AUDIENCE: 'whistle-engine' };

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadIdentitySettings(env);
  } catch (error) {
    if (error instanceof IdentitySettingsError) return error.problems;
    throw error;
  }
  throw new Error('the settings were accepted');
}

describe(loadIdentitySettings.name, () => {
  it('accepts local tokens by default outside production, and refuses them in production', () => {
    expect(loadIdentitySettings({}).localTokens).toBe(true);
    expect(loadIdentitySettings({ NODE_ENV: 'production', ...OIDC }).localTokens).toBe(false);
  });

  it('stops a production start that has neither an identity provider nor local tokens explicitly enabled', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual(['OIDC_ISSUER: is required in production (or LOCAL_TOKENS=enabled, local tokens only)']);
  });

  it('lets production enable local tokens explicitly, with a secret of its own', () => {
    expect(problemsOf({ NODE_ENV: 'production', LOCAL_TOKENS: 'enabled' })).toEqual(['JWT_SECRET: must be set in production when LOCAL_TOKENS=enabled']);
    expect(loadIdentitySettings({ NODE_ENV: 'production', LOCAL_TOKENS: 'enabled', JWT_SECRET: 'a-secret-of-the-district-0123' }).localTokens).toBe(true);
  });

  it('names each missing or malformed OIDC setting', () => {
    expect(problemsOf({ OIDC_ISSUER: OIDC.OIDC_ISSUER })).toEqual([
      'OIDC_JWKS_URL: is required with the other OIDC_ settings',
      'OIDC_AUDIENCE: is required with the other OIDC_ settings',
    ]);
    expect(problemsOf({ NODE_ENV: 'production', ...OIDC, OIDC_JWKS_URL: 'http://id.district.example/jwks' })).toEqual([
      'OIDC_JWKS_URL: must be https:// in production',
    ]);
    expect(problemsOf({ ...OIDC, OIDC_ALGORITHMS: 'RS256,HS256' })[0]).toMatch(/^OIDC_ALGORITHMS\.1: Invalid enum value/);
    expect(problemsOf({ ...OIDC, OIDC_CLOCK_TOLERANCE_S: '3600' })[0]).toMatch(/^OIDC_CLOCK_TOLERANCE_S: /);
    expect(problemsOf({ ...OIDC, OIDC_ROLE_MAP: 'district-supervisors=boss' })).toEqual([
      'OIDC_ROLE_MAP: "boss" is not a role (station, street, dispatch, department, supervisor, admin, auditor)',
    ]);
    expect(problemsOf({ ...OIDC, OIDC_ROLE_CLAIM: 'realm access' })).toEqual(['OIDC_ROLE_CLAIM: must be a claim name or a dotted path of claim names']);
  });

  it('reads the role map and the algorithm list', () => {
    const settings = loadIdentitySettings({ ...OIDC, OIDC_ROLE_MAP: 'ws-staff=station, dept-staff=department', OIDC_ALGORITHMS: 'ES256' });
    expect(settings.OIDC_ROLE_MAP).toEqual({ 'ws-staff': 'station', 'dept-staff': 'department' });
    expect(settings.OIDC_ALGORITHMS).toEqual(['ES256']);
  });
});
