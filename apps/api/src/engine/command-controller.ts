import { Body, Controller, Param, Post, Res, Type } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Actor, Role } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { IdempotencyKeyHeader } from '../idempotency/idempotency-key.header';
import { CommandContext, CommandRequest } from './command-request';

/** What a command route is given: its validated path and body, who calls, the request's cause and revision. */
export interface CommandInput {
  params: object;
  body: object;
  actor: Actor;
  request: CommandRequest;
  response: Response;
}

/** A provider's class (abstract ones too: they are DI tokens here). */
type ProviderClass = abstract new (...args: never[]) => unknown;
type Instances<T extends readonly ProviderClass[]> = {
  [K in keyof T]: T[K] extends abstract new (...args: never[]) => infer I ? I : never;
};

/** One POST route declared as data: who may call it, what it takes, what it documents, and how it runs. */
export interface CommandControllerSpec<D extends readonly ProviderClass[]> {
  /** Names the controller `<name>Controller`, which names the OpenAPI operation. */
  name: string;
  tag: string;
  /** The route below /api/v1, in Nest's syntax. */
  path: string;
  roles: Role[];
  summary?: string;
  params?: Type;
  body?: Type;
  /** The providers `run` is given, in order. */
  inject: D;
  /** The documented success and problems, and the status when it is not 201. */
  responses: MethodDecorator[];
  run: (deps: Instances<D>, input: CommandInput) => Promise<unknown>;
}

/** What a route declares about itself: its name and place, who may call it, what it documents and takes. */
export type CommandRouteInfo = Pick<
  CommandControllerSpec<readonly ProviderClass[]>,
  'name' | 'tag' | 'path' | 'roles' | 'summary' | 'params' | 'body'
>;

/** A route's declaration as commandController takes it, without the route's other keys (its own `run`, say). */
export function routeInfoOf({ name, tag, path, roles, summary, params, body }: CommandRouteInfo): CommandRouteInfo {
  return {
    name,
    tag,
    path,
    roles,
    ...(summary !== undefined ? { summary } : {}),
    ...(params !== undefined ? { params } : {}),
    ...(body !== undefined ? { body } : {}),
  };
}

const none: MethodDecorator & ParameterDecorator = () => undefined;

/**
 * The Nest controller of one command route. Its decorators come from the spec; the validation pipe and the
 * OpenAPI document learn the path and body classes from the parameter types set here, Nest's injector the
 * providers from the constructor's.
 */
export function commandController<D extends readonly ProviderClass[]>(spec: CommandControllerSpec<D>): Type<unknown> {
  const PathParams: ParameterDecorator = spec.params !== undefined ? Param() : none;
  const RequestBody: ParameterDecorator = spec.body !== undefined ? Body() : none;
  const ParameterTypes: MethodDecorator = (target, key) =>
    Reflect.defineMetadata('design:paramtypes', [spec.params ?? Object, spec.body ?? Object, Object, Object, Object], target, key);
  const Responses: MethodDecorator = (target, key, descriptor) => spec.responses.forEach((decorate) => decorate(target, key, descriptor));

  @ApiTags(spec.tag)
  @Controller({ path: spec.path, version: '1' })
  class CommandController {
    private readonly deps: Instances<D>;

    constructor(...deps: unknown[]) {
      this.deps = deps as Instances<D>;
    }

    @Post()
    @Roles(...spec.roles)
    @(spec.summary !== undefined ? ApiOperation({ summary: spec.summary }) : none)
    @IdempotencyKeyHeader()
    @Responses
    @ParameterTypes
    handle(
      @PathParams params: object | undefined,
      @RequestBody body: object | undefined,
      @CurrentActor() actor: Actor,
      @CommandContext() request: CommandRequest,
      @Res({ passthrough: true }) response: Response,
    ): Promise<unknown> {
      return spec.run(this.deps, { params: params ?? {}, body: body ?? {}, actor, request, response });
    }
  }
  Reflect.defineMetadata('design:paramtypes', spec.inject, CommandController);
  Object.defineProperty(CommandController, 'name', { value: `${spec.name}Controller` });
  return CommandController;
}
