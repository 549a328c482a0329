import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IssueCommandResult, IssueCommandRunner } from '../../engine/issue-command-runner';
import { AddDepartmentCommand } from './add-department.command';

@CommandHandler(AddDepartmentCommand)
export class AddDepartmentHandler implements ICommandHandler<AddDepartmentCommand> {
  constructor(private readonly runner: IssueCommandRunner) {}

  execute(command: AddDepartmentCommand): Promise<IssueCommandResult> {
    return this.runner.run(
      command.issueId,
      command.actor,
      command.request,
      () => true,
      (at) => ({
        type: 'AddDepartment',
        departmentId: command.departmentId,
        at,
      }),
    );
  }
}
