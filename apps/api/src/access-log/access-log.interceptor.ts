import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { concatMap, Observable } from 'rxjs';
import { Role } from '../auth/actor';
import { ActorRequest } from '../auth/current-actor.decorator';
import { AccessLogRepository } from './access-log.repository';
import { RECORDED_READ_KEY, RecordedReadKind } from './recorded-read.decorator';

/** Whose reads are recorded: the district-wide readers. A unit reading its own pages is not watched. */
const RECORDED_ROLES: readonly Role[] = ['supervisor', 'auditor'];

/**
 * Records a successful answer of a @RecordedRead route to a supervisor or an auditor before it is sent: if the
 * record cannot be written the read fails, so no read goes unrecorded. Refused and failed reads answered nothing
 * and are not recorded.
 */
@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly accessLog: AccessLogRepository,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const what = this.reflector.get<RecordedReadKind | undefined>(RECORDED_READ_KEY, context.getHandler());
    const request = context.switchToHttp().getRequest<Request & ActorRequest>();
    const actor = request.actor;
    if (what === undefined || actor === undefined || !RECORDED_ROLES.includes(actor.role)) return next.handle();
    return next.handle().pipe(
      concatMap(async (body: unknown) => {
        await this.accessLog.record({
          actor: { role: actor.role, subject: actor.subject, ...(actor.scope !== undefined ? { scope: actor.scope } : {}) },
          what,
          route: `${request.method} ${routeOf(request)}`,
          resourceIds: { ...(request.params as Record<string, string>) },
          ...(request.ip !== undefined ? { clientAddress: request.ip } : {}),
        });
        return body;
      }),
    );
  }
}

/** The matched route template (`/api/v1/supervision/issues/:issueId/audit-trail`), not the path with its ids. */
function routeOf(request: Request): string {
  const template = (request.route as { path?: unknown } | undefined)?.path;
  return typeof template === 'string' ? template : request.path;
}
