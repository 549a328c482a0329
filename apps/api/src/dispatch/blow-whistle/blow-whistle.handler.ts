import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IssueCommandResult, IssueCommandRunner } from '../../engine/issue-command-runner';
import { BlowWhistleCommand } from './blow-whistle.command';

@CommandHandler(BlowWhistleCommand)
export class BlowWhistleHandler implements ICommandHandler<BlowWhistleCommand> {
  constructor(private readonly runner: IssueCommandRunner) {}

  execute(command: BlowWhistleCommand): Promise<IssueCommandResult> {
    // The district dispatch may whistle any issue; the rules check that it has reached district level.
    return this.runner.run(
      command.issueId,
      command.actor,
      command.request,
      () => true,
      (at) => ({
        type: 'BlowWhistle',
        mode: command.mode,
        departments: [...command.departments],
        ...(command.cityDepartment !== undefined ? { cityDepartment: command.cityDepartment } : {}),
        at,
      }),
    );
  }
}
