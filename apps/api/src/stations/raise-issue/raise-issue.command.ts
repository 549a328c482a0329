import { FourLists } from '@app/domain';
import { Command } from '@nestjs/cqrs';
import { Actor } from '../../auth/actor';
import { CommandRequest } from '../../engine/command-request';
import { IssueCommandResult } from '../../engine/issue-command-runner';

export class RaiseIssueCommand extends Command<IssueCommandResult> {
  constructor(
    readonly stationId: string,
    readonly title: string,
    readonly fourLists: FourLists,
    readonly actor: Actor,
    readonly request: CommandRequest,
  ) {
    super();
  }
}
