import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Request } from 'express';
import { ProblemException } from './problem.exception';

// PostgreSQL jsonb cannot hold U+0000, nor can valid UTF-8 hold an unpaired surrogate.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function findUnstorable(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path || 'body' : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (UNSTORABLE.test(key)) return path || 'body';
    const found = findUnstorable(child, childPath);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * A body whose text cannot be stored (NUL characters, unpaired surrogates) is refused with 400 before
 * anything is decided or recorded, instead of failing later in PostgreSQL as a 500.
 */
@Injectable()
export class StorableTextGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const body = context.switchToHttp().getRequest<Request>().body as unknown;
    const field = findUnstorable(body, '');
    if (field !== undefined) {
      throw new ProblemException(400, 'VALIDATION', 'The request is not valid', `${field} holds text that cannot be stored`, [
        { field, reason: 'must not contain NUL characters or unpaired surrogates' },
      ]);
    }
    return true;
  }
}
