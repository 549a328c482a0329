import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IssueCommandResult, IssueCommandRunner } from '../../engine/issue-command-runner';
import { stationIssueRule } from '../station-access';
import { ConfirmClosingCommand } from './confirm-closing.command';

@CommandHandler(ConfirmClosingCommand)
export class ConfirmClosingHandler implements ICommandHandler<ConfirmClosingCommand> {
  constructor(private readonly runner: IssueCommandRunner) {}

  execute(command: ConfirmClosingCommand): Promise<IssueCommandResult> {
    return this.runner.run(command.issueId, command.actor, command.request, stationIssueRule(command.actor, command.stationId), (at) => ({
      type: 'ConfirmClosing',
      at,
    }));
  }
}
