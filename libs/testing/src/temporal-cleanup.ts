import { Client, Connection } from '@temporalio/client';
import { circularScheduleIdOf, yearEndScheduleIdOf } from '@app/temporal';
import { infraConfig } from './infra-config';

/**
 * Ends what a test left on the shared Temporal dev server for its task queue: running workflows (open issues wait
 * for deadlines that no worker will serve once the test is gone) and the year-end and circulars' schedules its worker
 * created.
 */
export async function endTaskQueueOnDevServer(taskQueue: string, reason = 'test finished'): Promise<void> {
  const infra = infraConfig();
  const connection = await Connection.connect({ address: infra.temporalAddress });
  try {
    const client = new Client({ connection, namespace: infra.temporalNamespace });
    for (const scheduleId of [yearEndScheduleIdOf(taskQueue), circularScheduleIdOf(taskQueue)]) {
      await client.schedule
        .getHandle(scheduleId)
        .delete()
        .catch(() => undefined);
    }
    for await (const execution of client.workflow.list({ query: `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'` })) {
      await client.workflow
        .getHandle(execution.workflowId)
        .terminate(reason)
        .catch(() => undefined); // it ended meanwhile
    }
  } finally {
    await connection.close();
  }
}
