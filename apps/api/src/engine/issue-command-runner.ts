import { EpochMs, Issue, IssueCommand, IssueEvent, IssueState } from '@app/domain';
import { IssueCommandService } from '@app/issues';
import { Injectable, NotFoundException } from '@nestjs/common';
import { Actor, auditActor } from '../auth/actor';
import { Clock } from '../clock/clock';
import { CommandRequest } from './command-request';

export interface IssueCommandResult {
  issueId: string;
  revision: number;
  status: Issue['status'];
  level: Issue['level'];
  appended: IssueEvent[];
}

/** Decides whether the caller may act on an issue; false answers 404 so others' issues stay invisible. */
export type IssueAccessRule = (issue: Issue) => boolean;

/**
 * Runs an issue command for an HTTP caller: the issue must exist and be within the caller's scope (else
 * 404), the command is stamped with the server clock, and the Idempotency-Key becomes its causation id.
 */
@Injectable()
export class IssueCommandRunner {
  constructor(
    private readonly issues: IssueCommandService,
    private readonly clock: Clock,
  ) {}

  async run(
    issueId: string,
    actor: Actor,
    request: CommandRequest,
    mayAct: IssueAccessRule,
    command: (at: EpochMs) => IssueCommand,
  ): Promise<IssueCommandResult> {
    // The scope is checked on the state the command is decided on: one read of the stream, and again on a retry.
    const inScope = (state: IssueState) => {
      if (state === null || !mayAct(state)) throw new NotFoundException(`issue ${issueId} was not found`);
    };
    return this.execute(issueId, actor, request, command(this.clock.now()), inScope);
  }

  async execute(
    issueId: string,
    actor: Actor,
    request: CommandRequest,
    command: IssueCommand,
    guard?: (state: IssueState) => void,
  ): Promise<IssueCommandResult> {
    const result = await this.issues.execute(issueId, command, {
      causationId: request.causationId,
      actor: auditActor(actor),
      ...(request.expectedRevision !== undefined ? { expectedRevision: request.expectedRevision } : {}),
      ...(guard !== undefined ? { guard } : {}),
    });
    return { issueId, revision: result.revision, status: result.issue.status, level: result.issue.level, appended: result.appended };
  }

  now(): EpochMs {
    return this.clock.now();
  }
}
