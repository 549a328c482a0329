import { applyDecorators, Get, Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Role } from '../auth/actor';
import { Roles } from '../auth/roles.decorator';
import { RecordedRead, RecordedReadKind } from '../access-log/recorded-read.decorator';
import { ApiProblems } from '../problems/api-problems.decorator';

export interface ReadRouteOptions {
  roles: Role[];
  summary: string;
  description?: string;
  /** What a 200 answers. */
  type: Type;
  /** Problem statuses beyond those every route documents (400, 401, 403, 429). */
  problems?: number[];
  /** A read whose answers to supervisors and auditors go into the access log, as this kind. */
  recorded?: RecordedReadKind;
}

/** A GET route: who may read it, and its OpenAPI summary, answer and problems. */
export function ReadRoute(path: string, options: ReadRouteOptions) {
  return applyDecorators(
    Get(path),
    Roles(...options.roles),
    ApiOperation({ summary: options.summary, ...(options.description !== undefined ? { description: options.description } : {}) }),
    ApiOkResponse({ type: options.type }),
    ApiProblems(...(options.problems ?? [])),
    ...(options.recorded !== undefined ? [RecordedRead(options.recorded)] : []),
  );
}
