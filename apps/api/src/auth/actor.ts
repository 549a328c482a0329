import { z } from 'zod';

export const ROLES = ['station', 'street', 'dispatch', 'department', 'supervisor', 'admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** The roles that act for one unit of the organisation: their token's scope names it. */
export const UNIT_ROLES: readonly Role[] = ['station', 'street', 'department'];

/** Who calls: the role, and for stations, streets and departments the unit they act for. */
export interface Actor {
  subject: string;
  role: Role;
  /** Station id for `station`, street id for `street`, department id for `department`; absent for district-wide roles. */
  scope?: string;
}

export const tokenClaimsSchema = z
  .object({
    sub: z.string().min(1),
    role: z.enum(ROLES),
    scope: z.string().min(1).max(64).optional(),
  })
  .refine((claims) => (UNIT_ROLES.includes(claims.role) ? claims.scope !== undefined : true), {
    message: 'station, street and department tokens need a scope',
    path: ['scope'],
  });

export type TokenClaims = z.infer<typeof tokenClaimsSchema>;

export function actorOf(claims: TokenClaims): Actor {
  return { subject: claims.sub, role: claims.role, ...(claims.scope !== undefined ? { scope: claims.scope } : {}) };
}

/** The audit trail's record of who acted. */
export function auditActor(actor: Actor): { role: string; id?: string } {
  return { role: actor.role, id: actor.scope ?? actor.subject };
}
