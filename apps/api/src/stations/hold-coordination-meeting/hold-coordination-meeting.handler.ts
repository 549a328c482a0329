import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IssueCommandResult, IssueCommandRunner } from '../../engine/issue-command-runner';
import { stationIssueRule } from '../station-access';
import { HoldCoordinationMeetingCommand } from './hold-coordination-meeting.command';

@CommandHandler(HoldCoordinationMeetingCommand)
export class HoldCoordinationMeetingHandler implements ICommandHandler<HoldCoordinationMeetingCommand> {
  constructor(private readonly runner: IssueCommandRunner) {}

  execute(command: HoldCoordinationMeetingCommand): Promise<IssueCommandResult> {
    return this.runner.run(command.issueId, command.actor, command.request, stationIssueRule(command.actor, command.stationId), (at) => ({
      type: 'HoldCoordinationMeeting',
      at,
    }));
  }
}
