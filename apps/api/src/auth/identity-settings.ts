import { z } from 'zod';
import { ROLES, Role } from './actor';

/**
 * How the API tells who calls: tokens from the district's identity provider (OIDC: RS256/ES256 signed, keys
 * from its JWKS URL), and the project's own HS256 tokens (`npm run token`) for local use. Validated at start-up
 * so a malformed value stops the process with its name. docs/security.md explains each setting.
 */
export const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;

const commaList = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

/** `idp-value=role,...`: the identity provider's role values and the engine role each stands for. */
const roleMap = z.string().transform((value, ctx): Record<string, Role> => {
  const map: Record<string, Role> = {};
  for (const pair of value.split(',').map((item) => item.trim()).filter(Boolean)) {
    const [claimValue, role, ...rest] = pair.split('=').map((part) => part.trim());
    if (!claimValue || !role || rest.length > 0) {
      ctx.addIssue({ code: 'custom', message: `"${pair}" is not claim-value=role` });
      return z.NEVER;
    }
    if (!(ROLES as readonly string[]).includes(role)) {
      ctx.addIssue({ code: 'custom', message: `"${role}" is not a role (${ROLES.join(', ')})` });
      return z.NEVER;
    }
    map[claimValue] = role as Role;
  }
  return map;
});

const DEVELOPMENT_SECRET = 'local-development-secret-change-me';

/** A claim name, or a dotted path into nested claims (`realm_access.roles`). */
const claimPath = z.string().regex(/^[A-Za-z0-9_:-]+(\.[A-Za-z0-9_:-]+)*$/, 'must be a claim name or a dotted path of claim names');

const identitySettingsSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    JWT_SECRET: z.string().min(16, 'must be at least 16 characters').default(DEVELOPMENT_SECRET),
    /** HS256 tokens signed with JWT_SECRET: on by default, except when NODE_ENV=production. */
    LOCAL_TOKENS: z.enum(['enabled', 'disabled']).optional(),
    OIDC_ISSUER: z.string().url('must be a URL').optional(),
    OIDC_JWKS_URL: z.string().url('must be a URL').optional(),
    OIDC_AUDIENCE: z.string().min(1).optional(),
    OIDC_ALGORITHMS: commaList.pipe(z.array(z.enum(ASYMMETRIC_ALGORITHMS)).min(1, 'must name at least one algorithm')).default('RS256,ES256'),
    OIDC_CLOCK_TOLERANCE_S: z.coerce.number().int().min(0).max(300).default(30),
    /** When set, a token older than this (by its iat) is refused even before its exp. */
    OIDC_MAX_TOKEN_AGE_S: z.coerce.number().int().min(60).optional(),
    OIDC_JWKS_CACHE_MAX_AGE_S: z.coerce.number().int().min(10).max(86_400).default(600),
    OIDC_ROLE_CLAIM: claimPath.default('roles'),
    OIDC_SCOPE_CLAIM: claimPath.default('whistle_scope'),
    OIDC_ROLE_MAP: roleMap.optional(),
  })
  .superRefine((settings, ctx) => {
    const oidc = [settings.OIDC_ISSUER, settings.OIDC_JWKS_URL, settings.OIDC_AUDIENCE];
    if (oidc.some((value) => value !== undefined)) {
      for (const name of ['OIDC_ISSUER', 'OIDC_JWKS_URL', 'OIDC_AUDIENCE'] as const) {
        if (settings[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'is required with the other OIDC_ settings' });
      }
    }
    if (settings.NODE_ENV !== 'production') return;
    if (settings.OIDC_JWKS_URL !== undefined && !settings.OIDC_JWKS_URL.startsWith('https://')) {
      ctx.addIssue({ code: 'custom', path: ['OIDC_JWKS_URL'], message: 'must be https:// in production' });
    }
    if (settings.LOCAL_TOKENS === 'enabled' && settings.JWT_SECRET === DEVELOPMENT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'must be set in production when LOCAL_TOKENS=enabled' });
    }
    if (settings.OIDC_ISSUER === undefined && settings.LOCAL_TOKENS !== 'enabled') {
      ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'is required in production (or LOCAL_TOKENS=enabled, local tokens only)' });
    }
  })
  .transform(({ NODE_ENV, LOCAL_TOKENS, ...settings }) => ({
    ...settings,
    localTokens: LOCAL_TOKENS === undefined ? NODE_ENV !== 'production' : LOCAL_TOKENS === 'enabled',
  }));

export type IdentitySettings = z.infer<typeof identitySettingsSchema>;

export const IDENTITY_SETTINGS = Symbol('IDENTITY_SETTINGS');

export class IdentitySettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid identity settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'IdentitySettingsError';
  }
}

export function loadIdentitySettings(env: NodeJS.ProcessEnv = process.env): IdentitySettings {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = identitySettingsSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    throw new IdentitySettingsError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  return parsed.data;
}
