import { createHash } from 'node:crypto';
import { SHANGHAI } from '@app/domain';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IssueCommandResult, IssueCommandRunner } from '../../engine/issue-command-runner';
import { RaiseIssueCommand } from './raise-issue.command';

/**
 * Issue ids are `YYYYMMDD-xxxxxxxx` (local raise date, then 8 hex of the request's cause): readable, and a
 * retried request with the same Idempotency-Key names the same issue.
 */
export function issueIdFor(at: number, causationId: string): string {
  const date = SHANGHAI.localDate(at).replace(/-/g, '');
  return `${date}-${createHash('sha256').update(causationId).digest('hex').slice(0, 8)}`;
}

@CommandHandler(RaiseIssueCommand)
export class RaiseIssueHandler implements ICommandHandler<RaiseIssueCommand> {
  constructor(private readonly runner: IssueCommandRunner) {}

  execute(command: RaiseIssueCommand): Promise<IssueCommandResult> {
    const at = this.runner.now();
    const issueId = issueIdFor(at, command.request.causationId);
    return this.runner.execute(issueId, command.actor, command.request, {
      type: 'RaiseIssue',
      issueId,
      stationId: command.stationId,
      title: command.title,
      fourLists: { ...command.fourLists },
      at,
    });
  }
}
