import { ApplicationFailure } from '@temporalio/activity';
import { isDomainError, issueStreamOf, parseInstant } from '@app/domain';
import { IssueCommandService } from '@app/issues';
import { EventNotAtRevisionError, LedgerBooking } from '@app/scoring';
import { DeliveredIssueEvent, TEMPORAL_ACTOR } from '../workflow.contract';

export interface IssueActivityDeps {
  commands: IssueCommandService;
  ledgers: LedgerBooking;
}

export type IssueActivities = ReturnType<typeof createIssueActivities>;

/** The issue workflow's activities: each runs one command or one booking; a rule's refusal does not retry. */
export function createIssueActivities({ commands, ledgers }: IssueActivityDeps) {
  return {
    /** A timer fired: settles everything due at `due` (domain instant). The causation makes a retry write nothing. */
    async tickIssue(input: { issueId: string; due: string }): Promise<DeliveredIssueEvent[]> {
      return executeSystemCommand(
        commands,
        input.issueId,
        { type: 'Tick', at: parseInstant(input.due) },
        `${issueStreamOf(input.issueId)}/tick/${input.due}`,
      );
    },

    /** The calendar of a year was published: recompute provisional time limits and deadlines. */
    async recomputeProvisionalDeadlines(input: { issueId: string; calendarEventId: string; at: string }): Promise<DeliveredIssueEvent[]> {
      return executeSystemCommand(
        commands,
        input.issueId,
        { type: 'RecomputeProvisionalDeadlines', at: parseInstant(input.at) },
        `${issueStreamOf(input.issueId)}/recompute/${input.calendarEventId}`,
      );
    },

    /** Books the ledger entries an issue event causes (missed deadline, confirmed closing), each once. */
    async recordLedgerEntries(input: { issueId: string; eventId: string; revision: number }): Promise<number> {
      try {
        return await ledgers.bookIssueEvent(input.issueId, input.revision, input.eventId);
      } catch (error) {
        if (error instanceof EventNotAtRevisionError) throw ApplicationFailure.nonRetryable(error.message);
        throw error;
      }
    },
  };
}

async function executeSystemCommand(
  commands: IssueCommandService,
  issueId: string,
  command: Parameters<IssueCommandService['execute']>[1],
  causationId: string,
): Promise<DeliveredIssueEvent[]> {
  try {
    // Its own events, stored: the workflow folds them at once instead of waiting for the delivery to bring them.
    return (await commands.execute(issueId, command, { causationId, actor: TEMPORAL_ACTOR })).stored;
  } catch (error) {
    // A rule said no (e.g. the issue closed meanwhile): retrying cannot change the answer.
    if (isDomainError(error)) throw ApplicationFailure.nonRetryable(error.message, error.code);
    throw error;
  }
}
