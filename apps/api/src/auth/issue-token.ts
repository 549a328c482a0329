import { JwtService } from '@nestjs/jwt';
import { Role, tokenClaimsSchema } from './actor';

export interface TokenRequest {
  role: Role;
  scope?: string;
  subject?: string;
  expiresInSeconds?: number;
}

/** Signs a bearer token the API accepts (HS256 with JWT_SECRET). */
export function issueToken(secret: string, request: TokenRequest): string {
  const claims = tokenClaimsSchema.parse({
    sub: request.subject ?? `${request.role}${request.scope ? `:${request.scope}` : ''}`,
    role: request.role,
    ...(request.scope !== undefined ? { scope: request.scope } : {}),
  });
  return new JwtService({ secret }).sign(claims, { expiresIn: request.expiresInSeconds ?? 8 * 3600 });
}
