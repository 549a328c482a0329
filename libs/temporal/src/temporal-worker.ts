import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { IssueCommandService, ReferenceData } from '@app/issues';
import { EventStore } from '@app/event-store';
import { createIssueActivities } from './issue.activities';
import { createYearEndActivities } from './year-end.activities';

export interface ScoringDeps {
  store: EventStore;
  reference?: ReferenceData;
}

/** Every activity the workflows call, bound to the event store (the createActivities(deps) factory). */
export function createActivities({ store, reference = new ReferenceData(store) }: ScoringDeps) {
  const commands = new IssueCommandService(store, () => reference.decisionContext());
  return { ...createIssueActivities({ store, commands, reference }), ...createYearEndActivities({ store, reference }) };
}

export const WORKFLOWS_PATH = require.resolve('../../../workflows');

export async function createWorker(options: {
  connection: NativeConnection;
  namespace?: string;
  taskQueue: string;
  activities: ReturnType<typeof createActivities>;
  workflowBundle?: WorkerOptions['workflowBundle'];
}): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: options.activities,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
  });
}
