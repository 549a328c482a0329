import { decide, DecisionContext, foldIssue, Issue, IssueCommand, IssueEvent, issueStreamOf, IssueState } from '@app/domain';
import { EventStore, RecordedEvent, WrongExpectedRevisionError } from '@app/event-store';
import { derivedEventId, toEngineEvent, toNewEvent } from './event-envelope';

export interface LoadedIssue {
  state: IssueState;
  /** Revision of the stream's last event, or undefined when the stream does not exist. */
  revision: number | undefined;
  events: RecordedEvent[];
}

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

const MAX_ATTEMPTS = 5;

/**
 * Loads an issue's stream, decides with libs/domain, and appends with optimistic concurrency.
 * A conflict is decided again from fresh state, unless the caller pinned the revision it saw.
 */
export class IssueCommandService {
  constructor(
    private readonly store: EventStore,
    private readonly context: () => Promise<DecisionContext>,
  ) {}

  async load(issueId: string): Promise<LoadedIssue> {
    const events = await this.store.readStream(issueStreamOf(issueId));
    const state = foldIssue(events.map((e) => toEngineEvent<IssueEvent>(e)));
    return { state, revision: events.length === 0 ? undefined : events[events.length - 1].revision, events };
  }

  async execute(issueId: string, command: IssueCommand, options: ExecuteOptions): Promise<ExecuteResult> {
    const context = await this.context();
    for (let attempt = 1; ; attempt += 1) {
      const loaded = await this.load(issueId);
      options.guard?.(loaded.state);
      // Executed before (a retry after a crash, a redelivery): answer with what that execution stored.
      const earlier = loaded.events.filter((e) => e.metadata.causationId === options.causationId);
      if (earlier.length > 0) {
        const stored = earlier.map((e) => ({ eventId: e.id, revision: e.revision, event: toEngineEvent<IssueEvent>(e) }));
        return { issue: loaded.state as Issue, revision: loaded.revision as number, appended: stored.map((e) => e.event), stored };
      }
      if (options.expectedRevision !== undefined && options.expectedRevision !== loaded.revision) {
        throw new WrongExpectedRevisionError(issueStreamOf(issueId), options.expectedRevision, loaded.revision ?? -1);
      }
      const appended = decide(command, loaded.state, context);
      if (appended.length === 0) {
        return { issue: loaded.state as Issue, revision: loaded.revision ?? -1, appended, stored: [] };
      }
      const metadata = { causationId: options.causationId, actor: options.actor, command: command.type };
      const newEvents = appended.map((event, index) => toNewEvent(event, derivedEventId(`${options.causationId}/${index}`), metadata));
      try {
        const result = await this.store.appendToStream(issueStreamOf(issueId), newEvents, {
          expectedRevision: loaded.revision === undefined ? 'no_stream' : loaded.revision,
        });
        const issue = foldIssue(appended, loaded.state) as Issue;
        const first = result.nextExpectedRevision - appended.length + 1;
        const stored = appended.map((event, index) => ({ eventId: newEvents[index].id, revision: first + index, event }));
        return { issue, revision: result.nextExpectedRevision, appended, stored };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || options.expectedRevision !== undefined || attempt >= MAX_ATTEMPTS) {
          throw error;
        }
      }
    }
  }
}
