import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IssueCommandResult, IssueCommandRunner } from '../../engine/issue-command-runner';
import { stationIssueRule } from '../station-access';
import { RejectClosingCommand } from './reject-closing.command';

@CommandHandler(RejectClosingCommand)
export class RejectClosingHandler implements ICommandHandler<RejectClosingCommand> {
  constructor(private readonly runner: IssueCommandRunner) {}

  execute(command: RejectClosingCommand): Promise<IssueCommandResult> {
    return this.runner.run(command.issueId, command.actor, command.request, stationIssueRule(command.actor, command.stationId), (at) => ({
      type: 'RejectClosing',
      ...(command.reason !== undefined ? { reason: command.reason } : {}),
      at,
    }));
  }
}
