import { Command } from '@nestjs/cqrs';
import { Actor } from '../../auth/actor';
import { CommandRequest } from '../../engine/command-request';
import { IssueCommandResult } from '../../engine/issue-command-runner';

export class AddDepartmentCommand extends Command<IssueCommandResult> {
  constructor(
    readonly issueId: string,
    readonly departmentId: string,
    readonly actor: Actor,
    readonly request: CommandRequest,
  ) {
    super();
  }
}
