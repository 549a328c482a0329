import { ForbiddenException } from '@nestjs/common';
import { Actor } from './actor';

/**
 * A station or department addressing another unit's path (its list, its inbox) gets 403: the organisation
 * chart is public, so naming a unit leaks nothing. A resource that exists but is not theirs, reached through
 * their own path (another station's issue, an issue the department is not on), gets 404 (see ResourceScope).
 */
export function requireOwnUnit(actor: Actor, unitId: string): void {
  if ((actor.role === 'station' || actor.role === 'department') && actor.scope !== unitId) {
    throw new ForbiddenException(`a ${actor.role} token for ${actor.scope} may not act for ${unitId}`);
  }
}
