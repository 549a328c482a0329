import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IssueCommandResult, IssueCommandRunner } from '../../engine/issue-command-runner';
import { departmentTaskRule } from '../department-access';
import { ReportResolutionCommand } from './report-resolution.command';

@CommandHandler(ReportResolutionCommand)
export class ReportResolutionHandler implements ICommandHandler<ReportResolutionCommand> {
  constructor(private readonly runner: IssueCommandRunner) {}

  execute(command: ReportResolutionCommand): Promise<IssueCommandResult> {
    return this.runner.run(command.issueId, command.actor, command.request, departmentTaskRule(command.departmentId), (at) => ({
      type: 'ReportResolution',
      departmentId: command.departmentId,
      at,
    }));
  }
}
