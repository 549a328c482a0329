import { Command } from '@nestjs/cqrs';
import { Actor } from '../../auth/actor';
import { CommandRequest } from '../../engine/command-request';
import { IssueCommandResult } from '../../engine/issue-command-runner';

export class ReportResolutionCommand extends Command<IssueCommandResult> {
  constructor(
    readonly departmentId: string,
    readonly issueId: string,
    readonly actor: Actor,
    readonly request: CommandRequest,
  ) {
    super();
  }
}
