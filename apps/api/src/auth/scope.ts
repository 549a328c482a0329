import { ForbiddenException } from '@nestjs/common';
import { Actor, UNIT_ROLES } from './actor';

/**
 * A station, street or department addressing another unit's path (its list, its inbox) gets 403: the organisation
 * chart is public, so naming a unit leaks nothing. A resource that exists but is not theirs, reached through
 * their own path (another station's or street's issue, an issue the department is not on), gets 404.
 */
export function requireOwnUnit(actor: Actor, unitId: string): void {
  if (UNIT_ROLES.includes(actor.role) && actor.scope !== unitId) {
    throw new ForbiddenException(`a ${actor.role} token for ${actor.scope} may not act for ${unitId}`);
  }
}
