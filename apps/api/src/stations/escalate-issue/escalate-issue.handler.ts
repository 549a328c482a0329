import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IssueCommandResult, IssueCommandRunner } from '../../engine/issue-command-runner';
import { stationIssueRule } from '../station-access';
import { EscalateIssueCommand } from './escalate-issue.command';

@CommandHandler(EscalateIssueCommand)
export class EscalateIssueHandler implements ICommandHandler<EscalateIssueCommand> {
  constructor(private readonly runner: IssueCommandRunner) {}

  execute(command: EscalateIssueCommand): Promise<IssueCommandResult> {
    return this.runner.run(command.issueId, command.actor, command.request, stationIssueRule(command.actor, command.stationId), (at) => ({
      type: 'EscalateIssue',
      at,
    }));
  }
}
