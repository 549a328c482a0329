import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IssueCommandResult, IssueCommandRunner } from '../../engine/issue-command-runner';
import { departmentTaskRule } from '../department-access';
import { GiveFeedbackCommand } from './give-feedback.command';

@CommandHandler(GiveFeedbackCommand)
export class GiveFeedbackHandler implements ICommandHandler<GiveFeedbackCommand> {
  constructor(private readonly runner: IssueCommandRunner) {}

  execute(command: GiveFeedbackCommand): Promise<IssueCommandResult> {
    return this.runner.run(command.issueId, command.actor, command.request, departmentTaskRule(command.departmentId), (at) => ({
      type: 'GiveFeedback',
      departmentId: command.departmentId,
      ...(command.content !== undefined ? { content: command.content } : {}),
      at,
    }));
  }
}
