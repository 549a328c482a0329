import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { evolve, hasProvisionalPeriod, IssueEvent, IssueState, issueStreamOf, REFERENCE_STREAMS } from '@app/domain';
import { EventStore, LogFeed, RecordedEvent, sequentialConsumer } from '@app/event-store';
import { IssueCommandService, STREAM_CATEGORIES, toEngineEvent } from '@app/issues';
import { calendarPublishedSignal, issueWorkflowIdOf, TEMPORAL_ACTOR } from './workflow.contract';

export interface CalendarPublicationFeedOptions {
  store: EventStore;
  client: Client;
  commands: IssueCommandService;
  /** Server time minus domain time (see IssueWorkflowInput.clockOffsetMs). */
  clockOffsetMs?: number;
}

/** Events read per page when a loaded calendar sends the feed looking for provisional periods. */
const CALENDAR_SCAN_PAGE = 1000;

/**
 * A year's official schedule was loaded (the `calendar` stream): every issue with a period computed provisionally is
 * told, and its workflow recomputes them (an activity, at the workflow's own domain time). A closed issue's workflow
 * has completed: its met or cancelled provisional deadlines are recomputed here, with the same causation as the
 * activity's (RULES.md §3: every provisional period). The issues are found in the event store, not through
 * Temporal's visibility (eventually consistent, and absent from the time-skipping test server). A second pass reads
 * the events appended meanwhile: a decision that read the calendar before it was loaded may have set a provisional
 * deadline after the first pass went by. Checkpoint key `calendar`.
 */
export function calendarPublicationFeed(options: CalendarPublicationFeedOptions): LogFeed {
  return {
    key: REFERENCE_STREAMS.calendar,
    category: REFERENCE_STREAMS.calendar,
    consumer: (save) => sequentialConsumer((event) => deliverCalendarEvent(options, event), save),
  };
}

async function deliverCalendarEvent(
  { store, client, commands, clockOffsetMs = 0 }: CalendarPublicationFeedOptions,
  recorded: RecordedEvent,
): Promise<void> {
  if (recorded.type !== 'YearScheduleLoaded') return;
  const issues = new Map<string, IssueState>();
  const signalled = new Set<string>();
  let position: bigint | undefined;
  for (let pass = 0; pass < 2; pass += 1) {
    for (;;) {
      const page = await store.readAll({ category: STREAM_CATEGORIES.issue, fromPosition: position, maxCount: CALENDAR_SCAN_PAGE });
      for (const event of page) issues.set(event.streamId, evolve(issues.get(event.streamId) ?? null, toEngineEvent<IssueEvent>(event)));
      if (page.length === 0) break;
      position = page[page.length - 1].globalPosition;
    }
    for (const issue of issues.values()) {
      if (issue === null || signalled.has(issue.issueId) || !hasProvisionalPeriod(issue)) continue;
      signalled.add(issue.issueId);
      await client.workflow
        .getHandle(issueWorkflowIdOf(issue.issueId))
        .signal(calendarPublishedSignal, { calendarEventId: recorded.id })
        .catch(async (error: unknown) => {
          // Anything but a completed workflow is retried.
          if (!(error instanceof WorkflowNotFoundError)) throw error;
          await commands.execute(
            issue.issueId,
            { type: 'RecomputeProvisionalDeadlines', at: Date.now() - clockOffsetMs },
            { causationId: `${issueStreamOf(issue.issueId)}/recompute/${recorded.id}`, actor: TEMPORAL_ACTOR },
          );
        });
    }
  }
}
