import { createHash, randomUUID } from 'node:crypto';
import { CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { Request, Response } from 'express';
import { canonicalize } from 'json-canonicalize';
import { catchError, concatMap, from, Observable } from 'rxjs';
import { ActorRequest } from '../auth/current-actor.decorator';
import { CausedRequest } from '../engine/command-request';
import { ProblemDocument } from '../problems/problem-document';
import { ProblemException } from '../problems/problem.exception';
import { toProblem } from '../problems/to-problem';
import { IdempotencyRepository, StoredResponse } from './idempotency.repository';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
const REPLAYED_HEADERS = ['etag', 'location'];
const TRANSIENT_CODES = new Set(['CONCURRENT_CHANGE', 'RATE_LIMITED']);

/** A stored problem answered again for a retried key. */
export class ReplayedProblemException extends HttpException {
  constructor(readonly problem: ProblemDocument) {
    super(problem.detail, problem.status);
  }
}

/**
 * Idempotency-Key on POST: the first request with a key claims it, and its answer (success or 4xx
 * problem) is stored with a hash of the request. The same key with the same request gets that answer
 * again without running the command; with another request, 422. Keys are scoped by the caller.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly records: IdempotencyRepository,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request & ActorRequest & CausedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    if (request.method !== 'POST') return next.handle();
    const key = request.header(IDEMPOTENCY_HEADER);
    if (key === undefined) {
      request.causationId = `request:${randomUUID()}`;
      return next.handle();
    }
    if (!KEY_PATTERN.test(key)) {
      throw new ProblemException(
        400,
        'VALIDATION',
        'The request is not valid',
        'Idempotency-Key must be 1 to 200 visible ASCII characters',
        [{ field: 'Idempotency-Key', reason: 'must be 1 to 200 visible ASCII characters' }],
      );
    }
    const scope = request.actor ? `${request.actor.role}:${request.actor.scope ?? request.actor.subject}` : 'anonymous';
    const requestHash = createHash('sha256')
      .update(canonicalize({ path: request.path, body: request.body ?? null, ifMatch: request.header('if-match') ?? null }))
      .digest('hex');
    const claim = await this.records.claim(scope, key, requestHash);
    if (claim.kind !== 'claimed') {
      if (claim.requestHash !== requestHash) {
        throw new ProblemException(
          422,
          'IDEMPOTENCY_KEY_REUSED',
          'Idempotency-Key reused',
          'this Idempotency-Key was used with another request',
          [{ field: 'Idempotency-Key', reason: 'already used with another request body or path' }],
        );
      }
      if (claim.kind === 'in-progress') {
        throw new ProblemException(
          409,
          'IDEMPOTENCY_IN_PROGRESS',
          'Request in progress',
          'a request with this Idempotency-Key is still being processed',
        );
      }
      return from(this.replay(claim.response, response));
    }
    request.causationId = `idempotency:${scope}:${key}`;
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    return next.handle().pipe(
      concatMap(async (body: unknown) => {
        const headers = Object.fromEntries(
          REPLAYED_HEADERS.filter((h) => response.getHeader(h) !== undefined).map((h) => [h, String(response.getHeader(h))]),
        );
        await this.records.complete(scope, key, { status, body: body ?? null, headers });
        return body;
      }),
      catchError(async (error: unknown) => {
        const problem = toProblem(error, request.originalUrl.split('?')[0]);
        // A concurrent change or a server fault is transient: free the key so the client can retry with it.
        if (problem.status < 500 && !TRANSIENT_CODES.has(problem.code)) {
          await this.records.complete(scope, key, { status: problem.status, body: problem, headers: {} });
        } else {
          await this.records.release(scope, key);
        }
        throw error;
      }),
    );
  }

  private async replay(stored: StoredResponse, response: Response): Promise<unknown> {
    response.setHeader('Idempotent-Replayed', 'true');
    Object.entries(stored.headers).forEach(([name, value]) => response.setHeader(name, value));
    if (stored.status >= 400) throw new ReplayedProblemException(stored.body as ProblemDocument);
    return stored.body;
  }
}
