import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import {
  evolve,
  hasProvisionalPeriod,
  IssueEvent,
  IssueState,
  issueStreamOf,
  parseInstant,
  ReferenceEvent,
  REFERENCE_STREAMS,
  yearOf,
} from '@app/domain';
import { CheckpointStore, EventStore, RecordedEvent, SubscriptionHandle } from '@app/event-store';
import { IssueCommandService, ReferenceData, toEngineEvent } from '@app/issues';
import {
  calendarPublishedSignal,
  ISSUE_WORKFLOW_TYPE,
  issueEventsSignal,
  issueWorkflowIdOf,
  IssueWorkflowInput,
} from './issue-workflow.contract';
import { appendLedgerEntry } from './issue.activities';
import { IssueSignalPipeline } from './issue-signal-pipeline';
import { baseEntryOf } from './ledger-entries';
import { FeedbackStreakTracker } from './feedback-streak-tracker';

export interface IssueEventDeliveryOptions {
  store: EventStore;
  checkpoints: CheckpointStore;
  client: Client;
  taskQueue: string;
  /** Checkpoint names are `<name>:issue`, `<name>:streak`, `<name>:calendar` and `<name>:organisation`. */
  name?: string;
  /** Passed to every issue workflow it starts (see IssueWorkflowInput.clockOffsetMs). */
  clockOffsetMs?: number;
  reference?: ReferenceData;
  /** Issue workflows signalled at once (default 32). */
  maxConcurrentSignals?: number;
}

const ISSUE_STREAM_PREFIX = 'issue-';
/** Events read per page when a loaded calendar sends the delivery looking for provisional periods. */
const CALENDAR_SCAN_PAGE = 1000;

/** What a followed stream or category does with each event; `drain` waits for work handed over but not done. */
interface Consumer {
  push(event: RecordedEvent): Promise<void>;
  failed: Promise<never>;
  deliveredUpTo: bigint | undefined;
  drain(): Promise<void>;
  close(): void;
}

/**
 * Invariant 4: every stored issue event reaches its workflow, in effect exactly once. Follows the `issue` category
 * from a checkpoint and signals `issue-<id>` (signalWithStart: the first event starts it) with that issue's waiting
 * events in revision order, many issues at once; the checkpoint only passes events whose signal was accepted (see
 * IssueSignalPipeline), so a crash redelivers and the workflow drops what it has seen.
 * Follows the `issue` category a second time, one event at a time in global order, for the departments' feedback
 * streaks (FeedbackStreakTracker: that order is what makes their interviews right).
 * Also follows the `calendar` stream (a published year schedule is signalled to every running issue workflow) and
 * the `organisation` stream (a registered district department gets its base ledger entry for the current year).
 */
export class IssueEventDelivery {
  private readonly name: string;
  private readonly reference: ReferenceData;
  private readonly commands: IssueCommandService;
  private handles: { handle: SubscriptionHandle; consumer: Consumer }[] = [];
  private readonly consumers = new Map<string, Consumer>();
  private readonly restarts = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly options: IssueEventDeliveryOptions) {
    this.name = options.name ?? 'temporal-delivery';
    this.reference = options.reference ?? new ReferenceData(options.store);
    this.commands = new IssueCommandService(options.store, () => this.reference.decisionContext());
  }

  async start(): Promise<void> {
    this.stopped = false;
    const streaks = new FeedbackStreakTracker(this.options.store, this.reference);
    await this.follow('issue', 'issue', (save) => this.issuePipeline(save));
    await this.follow('streak', 'issue', (save) => sequentialConsumer((event) => streaks.track(event), save));
    await this.follow(REFERENCE_STREAMS.calendar, REFERENCE_STREAMS.calendar, (save) =>
      sequentialConsumer((event) => this.deliverCalendarEvent(event), save),
    );
    await this.follow(REFERENCE_STREAMS.organisation, REFERENCE_STREAMS.organisation, (save) =>
      sequentialConsumer((event) => this.openDepartmentLedger(event), save),
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.restarts) clearTimeout(timer);
    this.restarts.clear();
    const handles = this.handles;
    this.handles = [];
    await Promise.all(
      handles.map(async ({ handle, consumer }) => {
        await handle.stop();
        await consumer.drain();
      }),
    );
  }

  /**
   * The global position up to which a consumer has handled its events (for tests and health checks): `issue`, every
   * issue event signalled; `streak`, every issue event tracked into the feedback streaks.
   */
  deliveredUpTo(consumer = 'issue'): bigint | undefined {
    return this.consumers.get(consumer)?.deliveredUpTo;
  }

  private async follow(key: string, category: string, consumerOf: (save: (position: bigint) => Promise<void>) => Consumer): Promise<void> {
    const checkpoint = `${this.name}:${key}`;
    const fromPosition = await this.options.checkpoints.load(checkpoint);
    const consumer = consumerOf((position) => this.options.checkpoints.save(checkpoint, position));
    if (fromPosition !== undefined && consumer.deliveredUpTo === undefined) consumer.deliveredUpTo = fromPosition;
    this.consumers.set(key, consumer);
    const handle = this.options.store.subscribeToAll({ category, fromPosition, onEvent: (event) => consumer.push(event) });
    const entry = { handle, consumer };
    // A failed signal (Temporal unreachable) ends the subscription; start it again from its checkpoint.
    const restart = () => {
      if (!this.handles.includes(entry)) return;
      this.handles = this.handles.filter((h) => h !== entry);
      consumer.close();
      void handle.stop().catch(() => undefined);
      const timer = setTimeout(() => {
        this.restarts.delete(timer);
        if (!this.stopped) void this.follow(key, category, consumerOf).catch(() => undefined);
      }, 1000);
      this.restarts.add(timer);
    };
    handle.done.catch(restart);
    consumer.failed.catch(restart);
    this.handles.push(entry);
  }

  private issuePipeline(save: (position: bigint) => Promise<void>): Consumer {
    const pipeline = new IssueSignalPipeline({
      issueIdOf: (event) => (event.streamId.startsWith(ISSUE_STREAM_PREFIX) ? event.streamId.slice(ISSUE_STREAM_PREFIX.length) : undefined),
      signal: (issueId, events) => this.signalIssue(issueId, events),
      saveCheckpoint: save,
      maxConcurrentSignals: this.options.maxConcurrentSignals,
    });
    let initial: bigint | undefined;
    return {
      push: (event) => pipeline.push(event),
      failed: pipeline.failed,
      get deliveredUpTo() {
        return pipeline.deliveredUpTo ?? initial;
      },
      set deliveredUpTo(position) {
        initial = position;
      },
      drain: () => pipeline.drain(),
      close: () => pipeline.close(),
    };
  }

  private async signalIssue(issueId: string, events: RecordedEvent[]): Promise<void> {
    const input: IssueWorkflowInput = { issueId, clockOffsetMs: this.options.clockOffsetMs ?? 0 };
    try {
      await this.options.client.workflow.signalWithStart(ISSUE_WORKFLOW_TYPE, {
        workflowId: issueWorkflowIdOf(issueId),
        taskQueue: this.options.taskQueue,
        args: [input],
        signal: issueEventsSignal,
        signalArgs: [
          events.map((recorded) => ({ eventId: recorded.id, revision: recorded.revision, event: toEngineEvent<IssueEvent>(recorded) })),
        ],
        // A closed issue's workflow has completed; a redelivered event must not start a second run.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  /**
   * A year's official schedule was loaded: every issue with a period computed provisionally is told, and its workflow
   * recomputes them (an activity, at the workflow's own domain time). A closed issue's workflow has completed: its
   * met or cancelled provisional deadlines are recomputed here, with the same causation as the activity's (RULES.md
   * §3: every provisional period). The issues are found in the event store, not through Temporal's visibility
   * (eventually consistent, and absent from the time-skipping test server). A second pass reads the events appended
   * meanwhile: a decision that read the calendar before it was loaded may have set a provisional deadline after the
   * first pass went by.
   */
  private async deliverCalendarEvent(recorded: RecordedEvent): Promise<void> {
    if (recorded.type !== 'YearScheduleLoaded') return;
    const issues = new Map<string, IssueState>();
    const signalled = new Set<string>();
    let position: bigint | undefined;
    for (let pass = 0; pass < 2; pass += 1) {
      for (;;) {
        const page = await this.options.store.readAll({ category: 'issue', fromPosition: position, maxCount: CALENDAR_SCAN_PAGE });
        for (const event of page) issues.set(event.streamId, evolve(issues.get(event.streamId) ?? null, toEngineEvent<IssueEvent>(event)));
        if (page.length === 0) break;
        position = page[page.length - 1].globalPosition;
      }
      for (const issue of issues.values()) {
        if (issue === null || signalled.has(issue.issueId) || !hasProvisionalPeriod(issue)) continue;
        signalled.add(issue.issueId);
        await this.options.client.workflow
          .getHandle(issueWorkflowIdOf(issue.issueId))
          .signal(calendarPublishedSignal, { calendarEventId: recorded.id })
          .catch(async (error: unknown) => {
            // Anything but a completed workflow is retried.
            if (!(error instanceof WorkflowNotFoundError)) throw error;
            await this.commands.execute(
              issue.issueId,
              { type: 'RecomputeProvisionalDeadlines', at: Date.now() - (this.options.clockOffsetMs ?? 0) },
              { causationId: `${issueStreamOf(issue.issueId)}/recompute/${recorded.id}`, actor: { role: 'system', id: 'temporal' } },
            );
          });
      }
    }
  }

  /**
   * A registered district department holds its base score from the start of the year, so it ranks with it before
   * any other entry is booked. The year is the current one in domain time (or the registration's, if later); the
   * year-end workflow opens every following year. The entry's derived id makes a redelivery a no-op.
   */
  private async openDepartmentLedger(recorded: RecordedEvent): Promise<void> {
    const event = toEngineEvent<ReferenceEvent>(recorded);
    if (event.type !== 'DistrictDepartmentRegistered') return;
    const snapshot = await this.reference.snapshot();
    const now = Math.max(Date.now() - (this.options.clockOffsetMs ?? 0), parseInstant(event.data.at));
    const year = yearOf(snapshot.zone.localDate(now));
    await appendLedgerEntry(this.options.store, baseEntryOf(event.data.id, year, snapshot), undefined);
  }
}

/** Handles one event at a time and saves the checkpoint after each. */
function sequentialConsumer(handle: (event: RecordedEvent) => Promise<unknown>, save: (position: bigint) => Promise<void>): Consumer {
  const failed = new Promise<never>(() => undefined);
  let idle: Promise<void> = Promise.resolve();
  const consumer: Consumer = {
    deliveredUpTo: undefined,
    failed,
    push: (event) => {
      const work = (async () => {
        await handle(event);
        await save(event.globalPosition);
        consumer.deliveredUpTo = event.globalPosition;
      })();
      idle = work.catch(() => undefined);
      return work;
    },
    drain: () => idle,
    close: () => undefined,
  };
  return consumer;
}
