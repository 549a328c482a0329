import { Client, WorkflowIdConflictPolicy } from '@temporalio/client';
import { ProblemException } from '../problems/problem.exception';
import { TemporalRunSettings } from './temporal-client.module';

/** How long the API waits for Temporal to accept the start before answering 503. */
export const START_TIMEOUT_MS = 10_000;

/**
 * Starts a workflow a request asks for, on the API's task queue; a request naming a running one joins it
 * (USE_EXISTING). Temporal not answering in time is a 503 problem naming `what`.
 */
export async function startOnDemand(
  temporal: Client,
  settings: TemporalRunSettings,
  start: { type: string; workflowId: string; input: unknown; what: string },
): Promise<void> {
  try {
    await temporal.withDeadline(Date.now() + START_TIMEOUT_MS, () =>
      temporal.workflow.start(start.type, {
        workflowId: start.workflowId,
        taskQueue: settings.taskQueue,
        args: [start.input],
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      }),
    );
  } catch (error) {
    throw new ProblemException(
      503,
      'TEMPORAL_UNAVAILABLE',
      'Service unavailable',
      `${start.what} could not be started: ${(error as Error).message}`,
    );
  }
}

/** A request's If-Match against the revision of the stream it starts from: another is a 409 CONCURRENT_CHANGE. */
export function requireRevision(streamId: string, expected: number | undefined, revision: number | undefined, title: string): void {
  if (expected === undefined || revision === expected) return;
  throw new ProblemException(
    409,
    'CONCURRENT_CHANGE',
    title,
    `expected revision ${expected} of ${streamId}, it is at ${String(revision ?? null)}`,
    [],
    { currentRevision: revision ?? null },
  );
}
