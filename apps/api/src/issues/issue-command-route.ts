import { EpochMs, Issue, IssueCommand } from '@app/domain';
import { IssueCommandService } from '@app/issues';
import { HttpCode, NotFoundException, Type } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse } from '@nestjs/swagger';
import { Actor, Role } from '../auth/actor';
import { requireOwnUnit } from '../auth/scope';
import { Clock } from '../clock/clock';
import { commandController, routeInfoOf } from '../engine/command-controller';
import { CommandRequest, commandOptionsOf } from '../engine/command-request';
import { ApiProblems } from '../problems/api-problems.decorator';
import { IssueCommandResultDto } from './issue-dto';

/** A command on an issue that exists: the caller must be allowed to act on it, else 404 (others' issues stay invisible). */
export interface OnExistingIssue<P> {
  issueId: (params: P) => string;
  mayAct: (issue: Issue, actor: Actor, params: P) => boolean;
}

/** A command that starts a new issue: its id is derived from the request's cause, its URL answered in Location. */
export interface OnNewIssue<P> {
  newIssueId: (at: EpochMs, causationId: string) => string;
  location: (params: P, issueId: string) => string;
  /** How the OpenAPI document describes the 201. */
  created: string;
}

/**
 * One HTTP route that becomes one domain command: who may call it, the path and body it takes, and the
 * command they make. Every route runs the same way (issueCommandController).
 */
export type IssueCommandRoute<P extends object = object, B extends object = object> = {
  /** Names the controller `<name>Controller`, which names the OpenAPI operation. */
  name: string;
  tag: string;
  /** The route below /api/v1, in Nest's syntax (`stations/:stationId/issues/:issueId/escalations`). */
  path: string;
  roles: Role[];
  summary?: string;
  params: Type<P>;
  body?: Type<B>;
  /** The unit the path names; a station or department token for another unit gets 403. */
  ownUnit?: (params: P) => string;
  issue: OnExistingIssue<P> | OnNewIssue<P>;
  command: (input: { params: P; body: B; issueId: string; at: EpochMs }) => IssueCommand;
};

/**
 * The part of a route on an existing issue of the path's own unit: a token for another unit gets 403, and an issue
 * the unit may not act on (`mayAct`) answers 404, so its existence does not leak.
 */
export function onOwnUnitIssue<P extends { issueId: string }>(scope: {
  tag: string;
  role: Role;
  params: Type<P>;
  unit: (params: P) => string;
  mayAct: (issue: Issue, actor: Actor, params: P) => boolean;
}) {
  return {
    tag: scope.tag,
    roles: [scope.role],
    params: scope.params,
    ownUnit: scope.unit,
    issue: { issueId: (params: P) => params.issueId, mayAct: scope.mayAct },
  };
}

/** Declares a route with its own parameter and body types, kept in a list with the others. */
export function issueCommandRoute<P extends object, B extends object = object>(route: IssueCommandRoute<P, B>): IssueCommandRoute {
  return route as unknown as IssueCommandRoute;
}

const isNewIssue = <P>(issue: OnExistingIssue<P> | OnNewIssue<P>): issue is OnNewIssue<P> => 'newIssueId' in issue;

/**
 * Runs a route's command through IssueCommandService: stamped with the server clock, the Idempotency-Key as its
 * cause, and the scope checked on the very state the command is decided on (again on a retry).
 */
export async function runIssueCommand(
  route: IssueCommandRoute,
  issues: IssueCommandService,
  at: EpochMs,
  input: { params: object; body: object; actor: Actor; request: CommandRequest },
): Promise<IssueCommandResultDto> {
  const { params, body, actor, request } = input;
  if (route.ownUnit !== undefined) requireOwnUnit(actor, route.ownUnit(params));
  const target = route.issue;
  const issueId = isNewIssue(target) ? target.newIssueId(at, request.causationId) : target.issueId(params);
  const result = await issues.execute(issueId, route.command({ params, body, issueId, at }), {
    ...commandOptionsOf(actor, request),
    ...(isNewIssue(target)
      ? {}
      : {
          guard: (state) => {
            if (state === null || !target.mayAct(state, actor, params)) throw new NotFoundException(`issue ${issueId} was not found`);
          },
        }),
  });
  return { issueId, revision: result.revision, status: result.issue.status, level: result.issue.level, appended: result.appended };
}

/**
 * The Nest controller of one route: 200 with the result on an existing issue, 201 with Location on a new one,
 * and the problems either can give.
 */
export function issueCommandController(route: IssueCommandRoute): Type<unknown> {
  const created = isNewIssue(route.issue) ? route.issue : undefined;
  return commandController({
    ...routeInfoOf(route),
    inject: [IssueCommandService, Clock] as const,
    responses:
      created !== undefined
        ? [
            ApiHeader({ name: 'Location', required: false }),
            ApiCreatedResponse({ type: IssueCommandResultDto, description: created.created }),
            ApiProblems(409, 422),
          ]
        : [HttpCode(200), ApiOkResponse({ type: IssueCommandResultDto }), ApiProblems(404, 409, 422)],
    run: async ([issues, clock], { params, body, actor, request, response }) => {
      const result = await runIssueCommand(route, issues, clock.now(), { params, body, actor, request });
      if (created !== undefined) response.setHeader('Location', created.location(params, result.issueId));
      return result;
    },
  });
}
