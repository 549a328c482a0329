import { setTimeout as delay } from 'node:timers/promises';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

const WORKFLOW_TASK_COMPLETED = temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED;

/**
 * On the time-skipping server, time only jumps while a client awaits a result, and a workflow task in
 * flight does not hold it back: a cold worker (its first activation takes ~0.5 s here) loses the race to
 * the 10 s workflow task timeout and the run times out after 10 virtual years. Start the workflow with
 * `client.workflow.start` (time stays locked), await this, then `handle.result()`.
 */
export async function waitForFirstWorkflowTask(handle: WorkflowHandle, maxWaitMs = 30_000): Promise<void> {
  const deadline = Date.now() + maxWaitMs;
  while (Date.now() < deadline) {
    const history = await handle.fetchHistory();
    if (history.events?.some((event) => event.eventType === WORKFLOW_TASK_COMPLETED)) return;
    await delay(50);
  }
  throw new Error(`workflow ${handle.workflowId} completed no workflow task within ${maxWaitMs} ms`);
}
