import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';
import { Actor, auditActor } from '../auth/actor';
import { ProblemException } from '../problems/problem.exception';

export interface CausedRequest {
  /** Names the cause of this request (set by IdempotencyInterceptor): event ids are derived from it, so a replay cannot store twice. */
  causationId?: string;
}

/** What a command needs from its HTTP request besides the body: its cause and the revision the client saw. */
export interface CommandRequest {
  causationId: string;
  expectedRevision?: number;
}

/** The options a command is stored with: the request's cause, who did it (as audited), the revision the client saw. */
export function commandOptionsOf(actor: Actor, request: CommandRequest) {
  return {
    causationId: request.causationId,
    actor: auditActor(actor),
    ...(request.expectedRevision !== undefined ? { expectedRevision: request.expectedRevision } : {}),
  };
}

const IF_MATCH = /^(?:W\/)?"?(\d{1,9})"?$/;

export const CommandContext = createParamDecorator((_: unknown, context: ExecutionContext): CommandRequest => {
  const request = context.switchToHttp().getRequest<Request & CausedRequest>();
  if (request.causationId === undefined) throw new Error('CommandContext used outside a POST');
  const ifMatch = request.header('if-match');
  if (ifMatch === undefined) return { causationId: request.causationId };
  const match = IF_MATCH.exec(ifMatch.trim());
  if (!match) {
    throw new ProblemException(400, 'VALIDATION', 'The request is not valid', 'If-Match must be the issue revision, e.g. "3"', [
      { field: 'If-Match', reason: 'must be the issue revision the client saw, e.g. "3"' },
    ]);
  }
  return { causationId: request.causationId, expectedRevision: Number(match[1]) };
});
