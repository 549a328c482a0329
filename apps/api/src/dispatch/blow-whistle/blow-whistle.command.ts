import { WhistleMode } from '@app/domain';
import { Command } from '@nestjs/cqrs';
import { Actor } from '../../auth/actor';
import { CommandRequest } from '../../engine/command-request';
import { IssueCommandResult } from '../../engine/issue-command-runner';

export class BlowWhistleCommand extends Command<IssueCommandResult> {
  constructor(
    readonly issueId: string,
    readonly mode: WhistleMode,
    readonly departments: string[],
    readonly cityDepartment: string | undefined,
    readonly actor: Actor,
    readonly request: CommandRequest,
  ) {
    super();
  }
}
