import { createSecretKey, KeyObject } from 'node:crypto';
import { Inject, Injectable, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { createRemoteJWKSet, decodeProtectedHeader, errors, JWTPayload, jwtVerify } from 'jose';
import { Actor, actorOf, Role, ROLES, tokenClaimsSchema } from './actor';
import { IDENTITY_SETTINGS, IdentitySettings } from './identity-settings';

const LOCAL_ALGORITHM = 'HS256';

/** jose's codes for a JWKS that could not be fetched or read: the identity provider's fault, not the token's. */
const IDENTITY_PROVIDER_FAULTS = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JOSE_GENERIC', 'ERR_JWKS_INVALID']);

/**
 * Bearer token → Actor. HS256 tokens (`npm run token`) are checked against JWT_SECRET when local tokens are
 * enabled; every other token against the identity provider: signature by a key of its JWKS (fetched, cached and
 * refetched on an unknown `kid` by jose, so a rotation needs no restart), issuer, audience, expiry with the
 * allowed clock skew, and the configured algorithms only (never `none`, never HS256).
 */
@Injectable()
export class BearerTokenVerifier {
  private readonly secret: KeyObject;
  private readonly jwks: ReturnType<typeof createRemoteJWKSet> | undefined;

  constructor(@Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings) {
    // A key object made once: given the raw bytes, jose would make one on every verification.
    this.secret = createSecretKey(Buffer.from(settings.JWT_SECRET, 'utf8'));
    this.jwks =
      settings.OIDC_JWKS_URL === undefined
        ? undefined
        : createRemoteJWKSet(new URL(settings.OIDC_JWKS_URL), { cacheMaxAge: settings.OIDC_JWKS_CACHE_MAX_AGE_S * 1000 });
  }

  async verify(token: string): Promise<Actor> {
    let algorithm: string | undefined;
    try {
      algorithm = decodeProtectedHeader(token).alg;
    } catch {
      throw new UnauthorizedException('the bearer token is not a JWT');
    }
    if (algorithm === LOCAL_ALGORITHM) return this.verifyLocal(token);
    return this.verifyFromIdentityProvider(token);
  }

  private async verifyLocal(token: string): Promise<Actor> {
    if (!this.settings.localTokens) throw new UnauthorizedException('local (HS256) tokens are not accepted here');
    const { payload } = await this.check(() => jwtVerify(token, this.secret, { algorithms: [LOCAL_ALGORITHM], requiredClaims: ['exp'] }));
    return this.actor(payload);
  }

  private async verifyFromIdentityProvider(token: string): Promise<Actor> {
    const jwks = this.jwks;
    if (jwks === undefined) throw new UnauthorizedException('no identity provider is configured; only local tokens are accepted');
    const { payload } = await this.check(() =>
      jwtVerify(token, jwks, {
        issuer: this.settings.OIDC_ISSUER,
        audience: this.settings.OIDC_AUDIENCE,
        algorithms: this.settings.OIDC_ALGORITHMS,
        clockTolerance: this.settings.OIDC_CLOCK_TOLERANCE_S,
        maxTokenAge: this.settings.OIDC_MAX_TOKEN_AGE_S,
        requiredClaims: ['exp', 'sub'],
      }),
    );
    const role = this.mappedRole(payload);
    const scope = claimAt(payload, this.settings.OIDC_SCOPE_CLAIM);
    return this.actor({ sub: payload.sub, role, ...(scope !== undefined ? { scope } : {}) });
  }

  private async check<T>(verification: () => Promise<T>): Promise<T> {
    try {
      return await verification();
    } catch (error) {
      if (error instanceof errors.JOSEError) {
        if (IDENTITY_PROVIDER_FAULTS.has(error.code)) throw new ServiceUnavailableException("the identity provider's keys could not be fetched");
        throw new UnauthorizedException(`the bearer token was refused: ${error.message} (${error.code})`);
      }
      // fetch of the JWKS failed below jose (connection refused, DNS, TLS): not the caller's fault.
      throw new ServiceUnavailableException("the identity provider's keys could not be fetched");
    }
  }

  /** The role claim holds one value or a list; each is mapped (OIDC_ROLE_MAP, else taken as an engine role name). */
  private mappedRole(payload: JWTPayload): Role {
    const claim = claimAt(payload, this.settings.OIDC_ROLE_CLAIM);
    const values = Array.isArray(claim) ? claim : claim === undefined ? [] : [claim];
    const map = this.settings.OIDC_ROLE_MAP;
    const roles = new Set(
      values
        .filter((value): value is string => typeof value === 'string')
        .map((value) => (map !== undefined ? map[value] : (ROLES as readonly string[]).includes(value) ? (value as Role) : undefined))
        .filter((role): role is Role => role !== undefined),
    );
    if (roles.size === 0) throw new UnauthorizedException(`the bearer token's ${this.settings.OIDC_ROLE_CLAIM} claim names no role of this engine`);
    if (roles.size > 1) {
      throw new UnauthorizedException(`the bearer token's ${this.settings.OIDC_ROLE_CLAIM} claim names several roles (${[...roles].join(', ')}); one token acts in one role`);
    }
    return [...roles][0];
  }

  private actor(claims: unknown): Actor {
    const parsed = tokenClaimsSchema.safeParse(claims);
    if (!parsed.success) throw new UnauthorizedException(`the bearer token's claims are invalid: ${parsed.error.issues[0].message}`);
    return actorOf(parsed.data);
  }
}

function claimAt(payload: JWTPayload, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined), payload);
}
