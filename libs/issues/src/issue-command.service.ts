import { decide, DecisionContext, foldIssue, Issue, IssueCommand, IssueEvent, issueStreamOf, IssueState } from '@app/domain';
import { EventStore } from '@app/event-store';
import { decideAndAppend, requirePinnedRevision, StreamDecision } from './decide-and-append';
import { derivedEventId, toEngineEvent, toNewEvent } from './event-envelope';

export interface ExecuteOptions {
  /**
   * Names the cause of this command (an Idempotency-Key, or a workflow id + step). Event ids are derived
   * from it, so executing the same cause twice stores its events once.
   */
  causationId: string;
  /** Who acted, for the audit trail. */
  actor: { role: string; id?: string };
  /** The revision the caller saw; a different current revision is a conflict (HTTP 409) instead of a retry. */
  expectedRevision?: number;
  /**
   * Checked on the loaded state before deciding, on every attempt (a retry reads fresh state); throws to refuse,
   * e.g. when the issue is outside the caller's scope.
   */
  guard?: (state: IssueState) => void;
}

/** An event of the issue's stream as stored: its id and revision with it. */
export interface StoredIssueEvent {
  eventId: string;
  revision: number;
  event: IssueEvent;
}

export interface ExecuteResult {
  issue: Issue;
  revision: number;
  appended: IssueEvent[];
  /** The same events with their ids and revisions. */
  stored: StoredIssueEvent[];
}

/**
 * Loads an issue's stream, decides with libs/domain, and appends with optimistic concurrency (decideAndAppend):
 * a conflict is decided again from fresh state, unless the caller pinned the revision it saw.
 */
export class IssueCommandService {
  constructor(
    private readonly store: EventStore,
    private readonly context: () => Promise<DecisionContext>,
  ) {}

  async execute(issueId: string, command: IssueCommand, options: ExecuteOptions): Promise<ExecuteResult> {
    // Read beside the issue's stream, not before it; awaited only to decide, so a refusal before that must not leave it unhandled.
    const context = this.context();
    context.catch(() => undefined);
    const streamId = issueStreamOf(issueId);
    return decideAndAppend(this.store, streamId, options.expectedRevision, async ({ events, revision }): Promise<StreamDecision<ExecuteResult>> => {
      const state = foldIssue(events.map((e) => toEngineEvent<IssueEvent>(e)));
      options.guard?.(state);
      // Executed before (a retry after a crash, a redelivery): answer with what that execution stored.
      const earlier = events.filter((e) => e.metadata.causationId === options.causationId);
      if (earlier.length > 0) {
        const stored = earlier.map((e) => ({ eventId: e.id, revision: e.revision, event: toEngineEvent<IssueEvent>(e) }));
        return {
          append: false,
          answer: { issue: state as Issue, revision: revision as number, appended: stored.map((e) => e.event), stored },
        };
      }
      requirePinnedRevision(streamId, options.expectedRevision, revision ?? -1);
      const appended = decide(command, state, await context);
      if (appended.length === 0)
        return { append: false, answer: { issue: state as Issue, revision: revision ?? -1, appended, stored: [] } };
      const metadata = { causationId: options.causationId, actor: options.actor, command: command.type };
      const newEvents = appended.map((event, index) => toNewEvent(event, derivedEventId(`${options.causationId}/${index}`), metadata));
      return {
        append: true,
        events: newEvents,
        answer: (next) => {
          const first = next - appended.length + 1;
          const stored = appended.map((event, index) => ({ eventId: newEvents[index].id, revision: first + index, event }));
          return { issue: foldIssue(appended, state) as Issue, revision: next, appended, stored };
        },
      };
    });
  }
}
