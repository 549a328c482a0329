import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { IssueEvent } from '@app/domain';
import { CheckpointStore, EventStore, RecordedEvent, SubscriptionHandle } from '@app/event-store';
import { toEngineEvent } from '@app/issues';
import {
  calendarPublishedSignal,
  ISSUE_WORKFLOW_TYPE,
  issueEventSignal,
  issueWorkflowIdOf,
  IssueWorkflowInput,
} from './issue-workflow.contract';

export interface IssueEventDeliveryOptions {
  store: EventStore;
  checkpoints: CheckpointStore;
  client: Client;
  taskQueue: string;
  /** Checkpoint names are `<name>:issue` and `<name>:calendar`. */
  name?: string;
  /** Passed to every issue workflow it starts (see IssueWorkflowInput.clockOffsetMs). */
  clockOffsetMs?: number;
}

const ISSUE_STREAM_PREFIX = 'issue-';

/**
 * Invariant 4: every stored issue event reaches its workflow, in effect exactly once. Follows the `issue` category
 * from a checkpoint and signals `issue-<id>` (signalWithStart: the first event starts it); the checkpoint moves
 * only after the signal is accepted, so a crash in between redelivers, and the workflow drops what it has seen.
 * Also follows the `calendar` stream: a published year schedule is signalled to every running issue workflow.
 */
export class IssueEventDelivery {
  private readonly name: string;
  private handles: SubscriptionHandle[] = [];
  private lastDelivered = new Map<string, bigint>();

  constructor(private readonly options: IssueEventDeliveryOptions) {
    this.name = options.name ?? 'temporal-delivery';
  }

  async start(): Promise<void> {
    const { store, checkpoints } = this.options;
    const follow = async (category: string, deliver: (event: RecordedEvent) => Promise<void>) => {
      const checkpoint = `${this.name}:${category}`;
      const fromPosition = await checkpoints.load(checkpoint);
      if (fromPosition !== undefined) this.lastDelivered.set(category, fromPosition);
      const handle = store.subscribeToAll({
        category,
        fromPosition,
        onEvent: async (event) => {
          await deliver(event);
          await checkpoints.save(checkpoint, event.globalPosition);
          this.lastDelivered.set(category, event.globalPosition);
        },
      });
      // A failed signal (Temporal unreachable) ends the subscription; start it again from its checkpoint.
      handle.done.catch(() => {
        if (this.handles.includes(handle)) {
          this.handles = this.handles.filter((h) => h !== handle);
          setTimeout(() => void follow(category, deliver).catch(() => undefined), 1000);
        }
      });
      this.handles.push(handle);
    };
    await follow('issue', (event) => this.deliverIssueEvent(event));
    await follow('calendar', (event) => this.deliverCalendarEvent(event));
  }

  async stop(): Promise<void> {
    const handles = this.handles;
    this.handles = [];
    await Promise.all(handles.map((h) => h.stop()));
  }

  /** The global position of the last issue event signalled (for tests and health checks). */
  deliveredUpTo(category = 'issue'): bigint | undefined {
    return this.lastDelivered.get(category);
  }

  private async deliverIssueEvent(recorded: RecordedEvent): Promise<void> {
    if (!recorded.streamId.startsWith(ISSUE_STREAM_PREFIX)) return;
    const issueId = recorded.streamId.slice(ISSUE_STREAM_PREFIX.length);
    const input: IssueWorkflowInput = { issueId, clockOffsetMs: this.options.clockOffsetMs ?? 0 };
    try {
      await this.options.client.workflow.signalWithStart(ISSUE_WORKFLOW_TYPE, {
        workflowId: issueWorkflowIdOf(issueId),
        taskQueue: this.options.taskQueue,
        args: [input],
        signal: issueEventSignal,
        signalArgs: [{ eventId: recorded.id, revision: recorded.revision, event: toEngineEvent<IssueEvent>(recorded) }],
        // A closed issue's workflow has completed; a redelivered event must not start a second run.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  private async deliverCalendarEvent(recorded: RecordedEvent): Promise<void> {
    if (recorded.type !== 'YearScheduleLoaded') return;
    const running = this.options.client.workflow.list({
      query: `WorkflowType = '${ISSUE_WORKFLOW_TYPE}' AND ExecutionStatus = 'Running'`,
    });
    for await (const execution of running) {
      await this.options.client.workflow
        .getHandle(execution.workflowId)
        .signal(calendarPublishedSignal, { calendarEventId: recorded.id })
        .catch(() => undefined); // it completed meanwhile: a closed issue has no deadline left to recompute
    }
  }
}
