import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { Actor, Role } from './actor';
import { BearerTokenVerifier } from './bearer-token-verifier';
import { ActorRequest } from './current-actor.decorator';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

/** Bearer JWT → Actor (BearerTokenVerifier), then the route's roles. Scope (own station / own department) is checked by the use case. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly verifier: BearerTokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & ActorRequest>();
    const actor = await this.authenticate(request.headers.authorization);
    request.actor = actor;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles === undefined) throw new ForbiddenException('this route names no role');
    if (!roles.includes(actor.role)) throw new ForbiddenException(`role ${actor.role} may not use this route`);
    return true;
  }

  private async authenticate(header: string | undefined): Promise<Actor> {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) throw new UnauthorizedException('a bearer token is required');
    return this.verifier.verify(match[1]);
  }
}
