import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Actor } from './actor';

export interface ActorRequest {
  actor?: Actor;
}

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<ActorRequest>().actor;
  if (actor === undefined) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});
