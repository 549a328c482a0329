import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { IssueEvent } from '@app/domain';
import { FeedPartition, LogConsumer, LogFeed, partitionKey, partitionOf, RecordedEvent } from '@app/event-store';
import { issueIdOfStream, STREAM_CATEGORIES, toEngineEvent } from '@app/issues';
import { IssueSignalPipeline } from './issue-signal-pipeline';
import { ISSUE_WORKFLOW_TYPE, issueEventsSignal, issueWorkflowIdOf, IssueWorkflowInput } from './workflow.contract';

export interface IssueWorkflowFeedOptions {
  client: Client;
  taskQueue: string;
  /** Passed to every issue workflow it starts (see IssueWorkflowInput.clockOffsetMs). */
  clockOffsetMs?: number;
  /** Issue workflows signalled at once (default 32). */
  maxConcurrentSignals?: number;
  /** Only the issues of this partition (partitionOf the issue id); every issue when absent. */
  partition?: FeedPartition;
}

/**
 * Invariant 4: every stored issue event reaches its workflow, in effect exactly once. Follows the `issue` category
 * and signals `issue-<id>` (signalWithStart: the first event starts it) with that issue's waiting events in revision
 * order, many issues at once; the checkpoint only passes events whose signal was accepted (IssueSignalPipeline), so
 * a crash redelivers and the workflow drops what it has seen. Checkpoint key `issue`. A partition signals only its own
 * issues, so one issue's events still go out in order from one process; the other issues' events just move its
 * checkpoint, and a partition without a checkpoint starts from the unpartitioned feed's.
 */
export function issueSignalFeed(options: IssueWorkflowFeedOptions): LogFeed {
  const { partition } = options;
  const ours = (issueId: string) => partition === undefined || partitionOf(issueId, partition.count) === partition.index;
  const key = partitionKey('issue', partition);
  return {
    key,
    ...(key === 'issue' ? {} : { resumeFrom: 'issue' }),
    category: STREAM_CATEGORIES.issue,
    consumer: (save): LogConsumer => {
      const pipeline = new IssueSignalPipeline({
        issueIdOf: (event) => {
          const issueId = issueIdOfStream(event.streamId);
          return issueId !== undefined && ours(issueId) ? issueId : undefined;
        },
        signal: (issueId, events) => signalIssue(options, issueId, events),
        saveCheckpoint: save,
        maxConcurrentSignals: options.maxConcurrentSignals,
      });
      return {
        push: (event) => pipeline.push(event),
        failed: pipeline.failed,
        get deliveredUpTo() {
          return pipeline.deliveredUpTo;
        },
        drain: () => pipeline.drain(),
        close: () => pipeline.close(),
      };
    },
  };
}

async function signalIssue(options: IssueWorkflowFeedOptions, issueId: string, events: RecordedEvent[]): Promise<void> {
  const input: IssueWorkflowInput = { issueId, clockOffsetMs: options.clockOffsetMs ?? 0 };
  try {
    await options.client.workflow.signalWithStart(ISSUE_WORKFLOW_TYPE, {
      workflowId: issueWorkflowIdOf(issueId),
      taskQueue: options.taskQueue,
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
